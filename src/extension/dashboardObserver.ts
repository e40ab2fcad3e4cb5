/**
 * Translates worker results (engine shapes) into dashboard messages (webview protocol shapes).
 * The host is the only place that knows both; the webview never sees engine types.
 */
import * as vscode from 'vscode';
import { WEBVIEW_PROTOCOL_VERSION, type HostMessage, type PreviewTable } from '../protocol/webview';
import type { JobSpec, WorkerToHost } from '../protocol/worker';
import type { DashboardManager } from './dashboard/manager';
import type { RunObserver } from './runs';
import { toDashboardQuality, toDashboardBehaviour, toDashboardLab } from './dashboardAdapters';
import { readRunHistory } from './runHistory';

const v = WEBVIEW_PROTOCOL_VERSION;

interface EnginePreview {
  columns: { name: string }[] | string[];
  rows: (string | number | null)[][];
  totalRows?: number;
}

export function toPreview(raw: unknown): PreviewTable & { totalRows?: number } {
  const p = raw as EnginePreview | undefined;
  if (!p || !Array.isArray(p.columns) || !Array.isArray(p.rows)) return { columns: [], rows: [] };
  const columns = p.columns.map((c) => (typeof c === 'string' ? c : c.name));
  return { columns, rows: p.rows, ...(p.totalRows !== undefined ? { totalRows: p.totalRows } : {}) };
}

/** The Data tab message from a dataset view (profile job result, or a synthesize job's partial). */
export function profileMessage(data: Record<string, unknown>): HostMessage {
  const preview = toPreview(data['realPreview']);
  return {
    v,
    type: 'profile',
    columns: (data['profiles'] ?? []) as Extract<HostMessage, { type: 'profile' }>['columns'],
    roles: (data['roles'] ?? []) as string[],
    realPreview: { columns: preview.columns, rows: preview.rows },
    ...(preview.totalRows !== undefined ? { totalRows: preview.totalRows } : {}),
    ...(data['preprocessing'] ? { preprocess: data['preprocessing'] as Extract<HostMessage, { type: 'profile' }>['preprocess'] } : {}),
  };
}

export class DashboardRunObserver implements RunObserver {
  private readonly startTimes = new Map<string, number>();
  private readonly labRuns = new Set<string>();
  /** Per run: the backend label once known, and the job time at which fitting began (for the ETA). */
  private readonly backends = new Map<string, string>();
  private readonly fitStart = new Map<string, number>();

  constructor(private readonly dashboards: DashboardManager) {}

  private post(dataset: vscode.Uri, msg: HostMessage): void {
    this.dashboards.get(dataset)?.post(msg);
  }

  /** Posts the runs table: the runs on disk plus the one in progress (if any). */
  refreshRuns(dataset: vscode.Uri, running?: { runId: string; job: JobSpec; startedAt: number }): void {
    const outputRoot = running?.job.kind === 'synthesize' ? running.job.outputRoot : undefined;
    void readRunHistory(dataset.fsPath, outputRoot).then((runs) => {
      if (running && running.job.kind === 'synthesize') {
        const config: Record<string, unknown> = { ...running.job };
        delete config['input'];
        delete config['kind'];
        runs.push({ runId: running.runId, startedAt: new Date(running.startedAt).toISOString(), model: running.job.model, status: 'running', config });
      }
      this.post(dataset, { v, type: 'runs', runs });
    });
  }

  started(dataset: vscode.Uri, runId: string, job: JobSpec): void {
    this.startTimes.set(runId, Date.now());
    const model = job.kind === 'synthesize' ? (job.behaviour ? job.behaviour.model : job.model) : job.kind;
    if (job.kind === 'recommendLab') {
      this.labRuns.add(runId);
      this.post(dataset, { v, type: 'labStarted' });
    }
    else {
      this.post(dataset, { v, type: 'runStarted', runId, config: { ...job }, model });
      this.refreshRuns(dataset, { runId, job, startedAt: Date.now() });
    }
  }

  progress(dataset: vscode.Uri, runId: string, m: Extract<WorkerToHost, { type: 'progress' }>): void {
    const e = m.event;
    const fraction = e.fraction ?? (e.step !== undefined && e.totalSteps ? Math.min(1, e.step / e.totalSteps) : undefined);
    let etaMs: number | undefined;
    if (e.stage === 'fitting') {
      if (!this.fitStart.has(runId)) this.fitStart.set(runId, m.elapsedMs);
      const fitElapsed = m.elapsedMs - this.fitStart.get(runId)!;
      if (fraction !== undefined && fraction > 0.02) etaMs = Math.max(0, (fitElapsed * (1 - fraction)) / fraction);
    }
    const backend = this.backends.get(runId);
    const t0 = this.startTimes.get(runId);
    const seconds = t0 ? (Date.now() - t0) / 1000 : 0;
    this.post(dataset, {
      v,
      type: 'progress',
      runId,
      stage: e.stage,
      elapsedMs: m.elapsedMs,
      ...(fraction !== undefined ? { fraction } : {}),
      ...(backend ? { backend } : {}),
      ...(e.message !== undefined ? { message: e.message } : {}),
      ...(e.step !== undefined ? { step: e.step } : {}),
      ...(e.totalSteps !== undefined ? { totalSteps: e.totalSteps } : {}),
      ...(e.epoch !== undefined ? { epoch: e.epoch } : {}),
      ...(e.losses !== undefined ? { losses: e.losses } : {}),
      ...(e.model !== undefined ? { model: e.model } : {}),
      ...(etaMs !== undefined ? { etaMs } : {}),
      ...(e.step !== undefined && seconds > 0 ? { throughput: e.step / seconds, throughputUnit: 'steps/s' } : {}),
    });
  }

  partial(dataset: vscode.Uri, runId: string, name: string, data: Record<string, unknown>): void {
    if (name === 'dataset') this.post(dataset, profileMessage(data));
    if (name === 'backend' && typeof data['label'] === 'string') {
      this.backends.set(runId, data['label']);
      this.dashboards.setBackend(data['label']);
    }
  }

  finished(dataset: vscode.Uri, runId: string, result: Record<string, unknown>): void {
    this.startTimes.delete(runId);
    this.labRuns.delete(runId);
    this.backends.delete(runId);
    this.fitStart.delete(runId);
    if ('lab' in result) {
      this.post(dataset, toDashboardLab(result['lab']));
      return;
    }
    const report = (result['report'] ?? {}) as Record<string, unknown>;
    const synthetic = toPreview(result['syntheticPreview']);
    const real = toPreview(result['realPreview']);
    // Behaviour runs score their events table; tabular runs score the table itself.
    const events = report['events'] as Record<string, unknown> | undefined;
    const quality = toDashboardQuality(report['quality'] === undefined && events?.['quality'] !== undefined ? events : report);
    const behaviour = toDashboardBehaviour(report['behaviour']);
    const backend = String(result['backend'] ?? '');
    this.dashboards.setBackend(backend);
    this.post(dataset, {
      v,
      type: 'runFinished',
      runId,
      outputDir: String(result['outputDir'] ?? ''),
      files: (result['files'] ?? []) as string[],
      timings: (result['timings'] ?? {}) as Record<string, number>,
      syntheticPreview: { columns: synthetic.columns, rows: synthetic.rows },
      ...(real.columns.length > 0 ? { realPreview: { columns: real.columns, rows: real.rows } } : {}),
      ...(synthetic.totalRows !== undefined ? { totalRows: synthetic.totalRows } : {}),
      ...(quality ? { quality } : {}),
      ...(behaviour ? { behaviour } : {}),
      backend,
    });
    this.refreshRuns(dataset);
  }

  failed(dataset: vscode.Uri, runId: string, message: string, cancelled: boolean): void {
    this.startTimes.delete(runId);
    this.backends.delete(runId);
    this.fitStart.delete(runId);
    if (this.labRuns.delete(runId)) {
      this.post(dataset, { v, type: 'labFailed', message: cancelled ? 'Cancelled.' : message });
      return;
    }
    this.post(dataset, cancelled ? { v, type: 'runCancelled', runId } : { v, type: 'runFailed', runId, message });
    this.refreshRuns(dataset);
  }
}
