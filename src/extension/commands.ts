import * as vscode from 'vscode';
import * as path from 'node:path';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { isSupportedFile, synthesizeOptions, type RunController, type SynthesizeOptions } from './runs';
import { JobError, type WorkerClient } from './workerClient';
import type { DashboardManager } from './dashboard/manager';
import { readSettings } from './settings';
import { saveRoleOverride } from '../core/data/overrides';
import { RoleSchema } from '../core/data/roles';
import { profileMessage, type DashboardRunObserver } from './dashboardObserver';
import { WEBVIEW_PROTOCOL_VERSION } from '../protocol/webview';

interface Deps {
  readonly log: vscode.LogOutputChannel;
  readonly runs: RunController;
  readonly worker: WorkerClient;
  readonly dashboards: DashboardManager;
  readonly observer: DashboardRunObserver;
}

export interface CommandApi {
  saveRole(dataset: vscode.Uri, column: string, role: string): Promise<void>;
  loadProfile(dataset: vscode.Uri): void;
}

const SAMPLE_FILE = 'online-retail-sample.csv';

export function registerCommands(context: vscode.ExtensionContext, deps: Deps): CommandApi {
  const { log, runs, dashboards } = deps;

  /** The bundled sample, copied to the extension's storage so runs are never written inside the extension. */
  async function samplePath(): Promise<vscode.Uri> {
    const dir = context.globalStorageUri;
    await mkdir(dir.fsPath, { recursive: true });
    const target = vscode.Uri.joinPath(dir, SAMPLE_FILE);
    try {
      await stat(target.fsPath);
    } catch {
      await copyFile(context.asAbsolutePath(path.join('samples', SAMPLE_FILE)), target.fsPath);
    }
    return target;
  }

  /** The file a command applies to: its argument, the active editor's file, or one the user picks. */
  async function resolveInput(arg: unknown): Promise<vscode.Uri | undefined> {
    if (arg === 'sample') return samplePath();
    if (arg instanceof vscode.Uri) {
      if (!isSupportedFile(arg)) {
        throw new Error(vscode.l10n.t('{0} is not a CSV, TSV, Parquet or JSONL file on disk.', arg.fsPath));
      }
      return arg;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active && isSupportedFile(active)) return active;
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Synthesize'),
      title: vscode.l10n.t('Choose a dataset to synthesize'),
      filters: { [vscode.l10n.t('Data files')]: ['csv', 'tsv', 'parquet', 'jsonl'] },
    });
    return picked?.[0];
  }

  /**
   * Called from menus and the palette, errors become notifications; called with an options object
   * (by another extension or a test), they are thrown to the caller as well.
   */
  function parseOptions(raw: unknown): { options: SynthesizeOptions; programmatic: boolean } {
    // The explorer passes the multi-selection as the second argument: that is not an options object.
    if (raw === undefined || Array.isArray(raw)) return { options: {}, programmatic: false };
    const r = synthesizeOptions.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new Error(`Invalid options for RecSynth: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    return { options: r.data, programmatic: true };
  }

  async function report(err: unknown, programmatic: boolean): Promise<void> {
    const e = err instanceof Error ? err : new Error(String(err));
    if (e instanceof JobError && e.kind === 'cancelled') {
      log.info('Run cancelled; nothing was written.');
      if (!programmatic) void vscode.window.showInformationMessage(vscode.l10n.t('RecSynth run cancelled. Nothing was written.'));
    } else {
      log.error(e.message);
      if (!programmatic) {
        const showLog = vscode.l10n.t('Show Log');
        void vscode.window.showErrorMessage(e.message, showLog).then((a) => {
          if (a === showLog) log.show();
        });
      }
    }
    if (programmatic) throw e;
  }

  async function synthesize(arg: unknown, rawOptions: unknown, extra: Partial<SynthesizeOptions> = {}): Promise<unknown> {
    let programmatic = false;
    try {
      const parsed = parseOptions(rawOptions);
      programmatic = parsed.programmatic;
      const input = await resolveInput(arg);
      if (!input) return undefined;
      const options = { ...extra, ...parsed.options };
      const job = deps.runs.buildSynthesizeJob(input, options);
      const title = options.behaviour ? vscode.l10n.t('RecSynth: synthesizing behaviour') : vscode.l10n.t('RecSynth: synthesizing');
      const result = await runs.run(input, job, title, options.openDashboard ?? true);
      const outputDir = String(result['outputDir'] ?? '');
      log.info(`Run written to ${outputDir}`);
      if (!programmatic) {
        const open = vscode.l10n.t('Reveal in Explorer');
        const dash = vscode.l10n.t('Open Dashboard');
        void vscode.window
          .showInformationMessage(vscode.l10n.t('Synthetic data written to {0}', outputDir), open, dash)
          .then((a) => {
            if (a === open) void vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(outputDir));
            if (a === dash) dashboards.show(input);
          });
      }
      return result;
    } catch (e) {
      await report(e, programmatic);
      return undefined;
    }
  }

  const reg = (id: string, fn: (...args: unknown[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  reg('recsynth.synthesize', (arg, options) => synthesize(arg, options));
  // The explorer's menu shows a command's title; this one reads just "Synthesize" there.
  reg('recsynth.synthesizeFile', (arg, options) => synthesize(arg, options));
  reg('recsynth.synthesizeBehaviour', (arg, options) => synthesize(arg, options, { behaviour: true }));
  reg('recsynth.synthesizeWithModel', async (arg) => {
    const items: (vscode.QuickPickItem & { model: SynthesizeOptions['model'] })[] = [
      { label: 'auto', description: vscode.l10n.t('Fit several models, keep the best on a validation split'), model: 'auto' },
      { label: 'copula', description: vscode.l10n.t('Gaussian copula: fast, strong on small tables'), model: 'copula' },
      { label: 'ctgan', description: vscode.l10n.t('Conditional GAN (Xu et al. 2019)'), model: 'ctgan' },
      { label: 'tvae', description: vscode.l10n.t('Variational autoencoder (Xu et al. 2019)'), model: 'tvae' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Model to train') });
    if (!pick) return undefined;
    return synthesize(arg, undefined, { model: pick.model });
  });
  reg('recsynth.openDashboard', async (arg) => {
    const input = arg instanceof vscode.Uri ? arg : (runs.activeDataset ?? (await resolveInput(undefined)));
    if (!input) return;
    dashboards.show(input);
  });
  reg('recsynth.recommendLab', async (arg) => {
    let input: vscode.Uri | undefined;
    try {
      input = await resolveInput(arg);
      if (!input) return undefined;
      const s = readSettings(input);
      return await runs.run(input, { kind: 'recommendLab', input: input.fsPath, seed: s.seed, backend: s.backend }, vscode.l10n.t('RecSynth: recommender lab'), true);
    } catch (e) {
      await report(e, false);
      return undefined;
    }
  });
  reg('recsynth.cancelRun', () => {
    if (!runs.cancel()) void vscode.window.showInformationMessage(vscode.l10n.t('No RecSynth run is in progress.'));
  });
  reg('recsynth.showLog', () => log.show());
  reg('recsynth.openSample', async () => {
    const sample = await samplePath();
    // Beside, and not as a preview: the walkthrough that asked for it stays open for the next step.
    await vscode.window.showTextDocument(sample, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return sample;
  });

  return {
    async saveRole(dataset, column, role) {
      const parsedRole = RoleSchema.safeParse(role);
      if (!parsedRole.success) throw new Error(`"${role}" is not a RecSynth column role.`);
      await saveRoleOverride(dataset.fsPath, column, parsedRole.data);
      log.info(`Saved role "${role}" for column "${column}" in recsynth.json beside ${dataset.fsPath}.`);
      this.loadProfile(dataset);
    },
    loadProfile(dataset) {
      const { done } = deps.worker.submit(
        { kind: 'profile', input: dataset.fsPath },
        {},
      );
      done.then(
        (result) => {
          dashboards.get(dataset)?.post(profileMessage(result));
          deps.observer.refreshRuns(dataset);
        },
        (e: Error) => {
          log.error(`Could not profile ${dataset.fsPath}: ${e.message}`);
          dashboards.get(dataset)?.post({ v: WEBVIEW_PROTOCOL_VERSION, type: 'notice', level: 'error', message: e.message });
        },
      );
    },
  };
}
