import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRecommendLab, formatLabTable } from '../../../src/cli/recommend-lab';
import type { LabResult } from '../../../src/core/recsys/lab';
import type { Interactions } from '../../../src/core/data/interactions';
import { plantedLog, randomWalkSynthesizer } from './fixtures';

function toCsv(x: Interactions): string {
  const lines = ['customer_id,product_id,event_time'];
  for (let e = 0; e < x.user.length; e++) {
    lines.push(`${x.userIds[x.user[e]!]},${x.itemIds[x.item[e]!]},${new Date(x.time[e]!).toISOString().replace('T', ' ').slice(0, 19)}`);
  }
  return `${lines.join('\n')}\n`;
}

function capture(): { io: Parameters<typeof runRecommendLab>[1]; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) } },
    out: () => out,
    err: () => err,
  };
}

test('recommend-lab --json prints exactly one JSON document with results and intervals', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'recommend-lab-'));
  try {
    const log = plantedLog(60, 20, 7);
    await writeFile(join(dir, 'events.csv'), toCsv(log));
    await mkdir(join(dir, 'synth'));
    await writeFile(join(dir, 'synth', 'events.csv'), toCsv(await randomWalkSynthesizer(2)(log)));
    const c = capture();
    const code = await runRecommendLab(
      [join(dir, 'events.csv'), '--synthetic', join(dir, 'synth'), '--json', '--models', 'popularity,itemknn', '--keeps', '0.5,1', '--ratios', '1', '--resamples', '50'],
      c.io,
    );
    assert.equal(code, 0, c.err());
    const doc = JSON.parse(c.out()) as LabResult;
    assert.equal(c.out().trim().split('\n').length, 1);
    assert.equal(doc.results.length, 2 * 2 * 3);
    const trainings = new Set(doc.results.map((r) => r.training));
    assert.deepEqual([...trainings].sort(), ['augmented', 'real', 'synthetic']);
    for (const r of doc.results) {
      assert.equal(typeof r['ndcg@10'], 'number');
      assert.equal(r['recall@20_ci']?.length, 2);
      assert.ok([0.5, 1].includes(r.keep));
    }
    // The readable table names every experiment.
    const table = formatLabTable(doc);
    assert.match(table, /itemknn\s+augmented\s+100%/);
    assert.match(table, /NDCG@10 \[95% CI\]/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('recommend-lab rejects bad arguments with a usage error', async () => {
  const c = capture();
  await assert.rejects(runRecommendLab([], c.io), /exactly one events file/);
  await assert.rejects(runRecommendLab(['x.csv', '--keeps', '0,1'], c.io), /--keeps must be/);
  await assert.rejects(runRecommendLab(['x.csv', '--models', 'magic'], c.io), /Unknown recommender "magic"/);
  await assert.rejects(runRecommendLab(['x.csv', '--synthetic', 'd', '--real-only'], c.io), /exclude each other/);
});
