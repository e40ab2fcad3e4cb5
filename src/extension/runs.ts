/**
 * Starts engine jobs from the UI: resolves the input file and settings, shows progress (notification
 * with Cancel, status bar), forwards telemetry to the dashboard, and reports the outcome.
 */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { z } from 'zod';
import type { JobSpec, SynthesizeJob, WorkerToHost } from '../protocol/worker';
import { JobError, type WorkerClient } from './workerClient';
import { readSettings } from './settings';
import type { RunStatusBar } from './statusBar';

export const SUPPORTED_EXTENSIONS = ['.csv', '.tsv', '.parquet', '.jsonl'];

/** Options a caller (another extension, a test, the dashboard) may pass to recsynth.synthesize. */
export const synthesizeOptions = z
  .object({
    rows: z.number().int().positive().optional(),
    seed: z.number().int().nonnegative().optional(),
    model: z.enum(['auto', 'copula', 'ctgan', 'tvae']).optional(),
    epochs: z.number().int().positive().optional(),
    table: z.enum(['auto', 'raw', 'items', 'customers']).optional(),
    behaviour: z.boolean().optional(),
    users: z.number().int().positive().optional(),
    openDashboard: z.boolean().optional(),
    timeBudgetSec: z.number().positive().optional(),
  })
  .strict();
export type SynthesizeOptions = z.infer<typeof synthesizeOptions>;

/** What the dashboard is told about a run; implemented by the dashboard controller. */
export interface RunObserver {
  started(dataset: vscode.Uri, runId: string, job: JobSpec): void;
  progress(dataset: vscode.Uri, runId: string, m: Extract<WorkerToHost, { type: 'progress' }>): void;
  partial(dataset: vscode.Uri, runId: string, name: string, data: Record<string, unknown>): void;
  finished(dataset: vscode.Uri, runId: string, result: Record<string, unknown>): void;
  failed(dataset: vscode.Uri, runId: string, message: string, cancelled: boolean): void;
}

const STAGE_LABELS: Record<string, string> = {
  reading: 'Reading',
  preprocessing: 'Preprocessing',
  fitting: 'Fitting',
  sampling: 'Sampling',
  evaluating: 'Evaluating',
  writing: 'Writing',
  recommending: 'Recommending',
};

export class RunController {
  private readonly running = new Map<string, vscode.Uri>();

  constructor(
    private readonly worker: WorkerClient,
    private readonly log: vscode.LogOutputChannel,
    private readonly statusBar: RunStatusBar,
    private readonly observer: () => RunObserver | undefined,
    private readonly showDashboard: (dataset: vscode.Uri) => void,
  ) {}

  get activeDataset(): vscode.Uri | undefined {
    const id = this.worker.runningJobId;
    return id ? this.running.get(id) : undefined;
  }

  buildSynthesizeJob(input: vscode.Uri, opts: SynthesizeOptions): SynthesizeJob {
    const s = readSettings(input);
    const behaviour = opts.behaviour
      ? { model: s.behaviourModel, ...(opts.users ?? s.behaviourUsers ? { users: opts.users ?? s.behaviourUsers } : {}) }
      : undefined;
    return {
      kind: 'synthesize',
      input: input.fsPath,
      rows: opts.rows ?? s.rows,
      seed: opts.seed ?? s.seed,
      model: opts.model ?? s.model,
      backend: s.backend,
      table: opts.table ?? 'auto',
      privacyGate: s.privacyGate,
      ...(s.outputRoot ? { outputRoot: s.outputRoot } : {}),
      ...(opts.epochs ?? s.epochs ? { epochs: opts.epochs ?? s.epochs } : {}),
      timeBudgetSec: opts.timeBudgetSec ?? s.timeBudgetSec,
      ...(behaviour ? { behaviour } : {}),
    };
  }

  /**
   * Runs a job with a cancellable progress notification. Resolves with the worker's result;
   * rejects with a JobError (kind 'cancelled' when the user cancelled).
   */
  async run(dataset: vscode.Uri, job: JobSpec, title: string, openDashboard: boolean): Promise<Record<string, unknown>> {
    if (openDashboard) this.showDashboard(dataset);
    const name = path.basename(dataset.fsPath);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title}: ${name}`, cancellable: true },
      async (progress, token) => {
        let lastFraction = 0;
        let jobId = '';
        const { jobId: id, done } = this.worker.submit(job, {
          onStart: (started) => {
            this.running.set(started, dataset);
            this.observer()?.started(dataset, started, job);
            this.statusBar.show(dataset, vscode.l10n.t('RecSynth: {0}', name));
            void vscode.commands.executeCommand('setContext', 'recsynth.running', true);
          },
          onProgress: (m) => {
            this.observer()?.progress(dataset, m.jobId, m);
            const stage = vscode.l10n.t(STAGE_LABELS[m.event.stage] ?? m.event.stage);
            const pct = m.event.fraction !== undefined ? ` ${Math.round(m.event.fraction * 100)}%` : '';
            const detail = m.event.message ? ` - ${m.event.message}` : '';
            // The notification's bar advances by increments; map each stage's fraction onto it.
            const overall = stageOverall(m.event.stage, m.event.fraction ?? 0);
            const increment = Math.max(0, overall - lastFraction) * 100;
            lastFraction = Math.max(lastFraction, overall);
            progress.report({ message: `${stage}${pct}${detail}`, increment });
            this.statusBar.show(dataset, `RecSynth: ${stage}${pct}`);
          },
          onPartial: (m) => this.observer()?.partial(dataset, m.jobId, m.name, m.data),
        });
        jobId = id;
        const sub = token.onCancellationRequested(() => {
          this.log.info(`Cancel requested for job ${jobId}.`);
          this.worker.cancel(jobId);
        });
        try {
          const result = await done;
          this.observer()?.finished(dataset, jobId, result);
          return result;
        } catch (e) {
          const err = e instanceof Error ? e : new Error(String(e));
          const cancelled = err instanceof JobError && err.kind === 'cancelled';
          this.observer()?.failed(dataset, jobId, err.message, cancelled);
          throw err;
        } finally {
          sub.dispose();
          this.running.delete(jobId);
          if (!this.worker.busy) {
            this.statusBar.hide();
            void vscode.commands.executeCommand('setContext', 'recsynth.running', false);
          }
        }
      },
    );
  }

  cancel(): boolean {
    return this.worker.cancel();
  }
}

const STAGE_SPAN: Record<string, [number, number]> = {
  reading: [0, 0.05],
  preprocessing: [0.05, 0.1],
  fitting: [0.1, 0.8],
  recommending: [0.1, 0.9],
  sampling: [0.8, 0.88],
  evaluating: [0.88, 0.96],
  writing: [0.96, 1],
};

function stageOverall(stage: string, fraction: number): number {
  const [a, b] = STAGE_SPAN[stage] ?? [0, 1];
  return a + (b - a) * Math.min(1, Math.max(0, fraction));
}

export function isSupportedFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && SUPPORTED_EXTENSIONS.includes(path.extname(uri.fsPath).toLowerCase());
}
