// Loads first (files run in name order): activation must still be lazy when the suite starts.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { COMMANDS, recsynthExtension } from './support/recsynth';
import { recordMetric } from './support/metrics';

describe('activation', () => {
  it('stays inactive until a command runs, then reports its activation time', async () => {
    const ext = recsynthExtension();
    assert.equal(ext.isActive, false, 'RecSynth activated before any command ran: activation must be lazy (on command)');
    // Timed from outside too: this includes loading the bundle, which activate() cannot see.
    const t0 = performance.now();
    const api = await ext.activate();
    recordMetric('activateCallMs', performance.now() - t0);
    assert.ok(api, 'activate() returned no API object: the extension should export { activationMs }');
    assert.equal(typeof api.activationMs, 'number', 'exports.activationMs is not a number');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `exports.activationMs is ${api.activationMs}`);
    recordMetric('activationMs', api.activationMs);
  });

  it('registers every RecSynth command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = Object.values(COMMANDS).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('offers Synthesize on data files in the explorer, each menu entry with a when clause', async () => {
    const contributes = recsynthExtension().packageJSON.contributes as {
      menus?: Record<string, Array<{ command: string; when?: string }>>;
    };
    const explorer = contributes.menus?.['explorer/context'] ?? [];
    // The explorer shows a command's title, so its entry is recsynth.synthesizeFile ("Synthesize"),
    // which runs the same handler as recsynth.synthesize and is hidden from the palette.
    const synth = explorer.find((item) => item.command === 'recsynth.synthesizeFile');
    assert.ok(synth, 'no explorer/context menu entry for recsynth.synthesizeFile');
    const palette = contributes.menus?.['commandPalette'] ?? [];
    assert.equal(palette.find((item) => item.command === 'recsynth.synthesizeFile')?.when, 'false', 'the explorer-only command is hidden from the palette');
    assert.ok((await vscode.commands.getCommands(true)).includes('recsynth.synthesizeFile'), 'recsynth.synthesizeFile is registered');
    assert.match(synth.when ?? '', /csv/i, 'the explorer entry should be limited to data files by its when clause');
    for (const [menu, items] of Object.entries(contributes.menus ?? {})) {
      for (const item of items) assert.ok(item.when, `menu ${menu} entry ${item.command} has no when clause`);
    }
  });
});
