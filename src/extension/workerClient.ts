/**
 * Runs engine jobs in a child process, one at a time, in arrival order. The host thread only
 * relays messages: reading files and training never happen here.
 * A crash or out-of-memory of the worker becomes a clear error for the job that was running, and
 * the next job gets a fresh worker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import {
  PROTOCOL_VERSION,
  hostToWorker,
  parseMessage,
  workerToHost,
  type HostToWorker,
  type JobSpec,
  type WorkerToHost,
} from '../protocol/worker';

type ProgressMessage = Extract<WorkerToHost, { type: 'progress' }>;
type PartialMessage = Extract<WorkerToHost, { type: 'partial' }>;

export interface JobCallbacks {
  onProgress?(m: ProgressMessage): void;
  onPartial?(m: PartialMessage): void;
  /** Called when the job leaves the queue and starts running. */
  onStart?(jobId: string): void;
}

export class JobError extends Error {
  constructor(
    message: string,
    readonly kind: 'cancelled' | 'input' | 'internal' | 'crash',
  ) {
    super(message);
    this.name = kind === 'cancelled' ? 'CancelledError' : 'JobError';
  }
}

interface QueuedJob {
  readonly id: string;
  readonly spec: JobSpec;
  readonly callbacks: JobCallbacks;
  resolve(result: Record<string, unknown>): void;
  reject(err: Error): void;
  cancelled: boolean;
}

/** How long a cancelled job may take to stop before its worker is killed. */
const CANCEL_GRACE_MS = 5000;

export class WorkerClient implements vscode.Disposable {
  private child: ChildProcess | null = null;
  private queue: QueuedJob[] = [];
  private running: QueuedJob | null = null;
  private killTimer: NodeJS.Timeout | null = null;
  private stderrTail = '';

  constructor(
    private readonly workerPath: string,
    private readonly log: vscode.LogOutputChannel,
    private readonly maxMemoryMb = 8192,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  get runningJobId(): string | undefined {
    return this.running?.id;
  }

  submit(spec: JobSpec, callbacks: JobCallbacks = {}): { jobId: string; done: Promise<Record<string, unknown>> } {
    const id = randomUUID();
    const done = new Promise<Record<string, unknown>>((resolve, reject) => {
      this.queue.push({ id, spec, callbacks, resolve, reject, cancelled: false });
    });
    this.pump();
    return { jobId: id, done };
  }

  /** Cancels a queued or running job (the running one when no id is given). */
  cancel(jobId?: string): boolean {
    const queuedIndex = this.queue.findIndex((j) => j.id === jobId);
    if (queuedIndex >= 0) {
      const [job] = this.queue.splice(queuedIndex, 1);
      job?.reject(new JobError('The run was cancelled before it started.', 'cancelled'));
      return true;
    }
    const job = this.running;
    if (!job || (jobId !== undefined && job.id !== jobId)) return false;
    job.cancelled = true;
    this.send({ v: PROTOCOL_VERSION, type: 'cancel', jobId: job.id });
    this.killTimer ??= setTimeout(() => {
      this.log.warn(`Job ${job.id} did not stop within ${CANCEL_GRACE_MS} ms of cancel; stopping its worker.`);
      this.child?.kill('SIGKILL');
    }, CANCEL_GRACE_MS);
    return true;
  }

  dispose(): void {
    for (const j of this.queue) j.reject(new JobError('RecSynth is shutting down.', 'cancelled'));
    this.queue = [];
    this.child?.kill();
    this.child = null;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    job.callbacks.onStart?.(job.id);
    const child = this.ensureChild();
    this.send({ v: PROTOCOL_VERSION, type: 'run', jobId: job.id, job: job.spec });
    void child;
  }

  private ensureChild(): ChildProcess {
    if (this.child && this.child.connected) return this.child;
    this.stderrTail = '';
    const child = fork(this.workerPath, [], {
      execArgv: [`--max-old-space-size=${this.maxMemoryMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stdout?.on('data', (d: Buffer) => this.log.debug(`[worker] ${d.toString().trimEnd()}`));
    child.stderr?.on('data', (d: Buffer) => {
      const s = d.toString();
      this.stderrTail = (this.stderrTail + s).slice(-4000);
      this.log.warn(`[worker stderr] ${s.trimEnd()}`);
    });
    child.on('message', (raw) => this.onMessage(raw));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', (err) => this.log.error(`Worker process error: ${err.message}`));
    this.child = child;
    this.log.info(`Started worker process ${child.pid}.`);
    return child;
  }

  private send(msg: HostToWorker): void {
    const checked = parseMessage(hostToWorker, msg);
    if (!checked.ok) throw new Error(`Internal error: refusing to send an invalid worker message (${checked.reason}).`);
    this.child?.send(msg);
  }

  private onMessage(raw: unknown): void {
    const parsed = parseMessage(workerToHost, raw);
    if (!parsed.ok) {
      this.log.error(`Dropped an invalid message from the worker: ${parsed.reason}`);
      return;
    }
    const m = parsed.value;
    if (m.type === 'log') {
      this.log[m.level](`[worker] ${m.message}`);
      return;
    }
    if (m.type === 'ready') return;
    const job = this.running;
    if (!job || m.jobId !== job.id) {
      this.log.debug(`Ignored a ${m.type} message for job ${m.jobId}, which is not running.`);
      return;
    }
    switch (m.type) {
      case 'progress':
        job.callbacks.onProgress?.(m);
        break;
      case 'partial':
        job.callbacks.onPartial?.(m);
        break;
      case 'result':
        this.finish(job, () => job.resolve(m.result));
        break;
      case 'error':
        if (m.stack) this.log.debug(m.stack);
        this.finish(job, () => job.reject(new JobError(m.message, job.cancelled ? 'cancelled' : m.kind)));
        break;
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child === child) this.child = null;
    const job = this.running;
    this.log.info(`Worker process ${child.pid} exited (code ${code}, signal ${signal}).`);
    if (!job) return;
    if (job.cancelled) {
      this.finish(job, () => job.reject(new JobError('The run was cancelled.', 'cancelled')));
      return;
    }
    const oom = /heap out of memory|Allocation failed/i.test(this.stderrTail);
    const why = oom
      ? 'The worker ran out of memory. Try fewer rows, a smaller model, or a subset of the file.'
      : `The worker process stopped unexpectedly (exit code ${code}, signal ${signal}). See "RecSynth: Show Log" for details; the next run starts a fresh worker.`;
    this.finish(job, () => job.reject(new JobError(why, 'crash')));
  }

  private finish(job: QueuedJob, settle: () => void): void {
    if (this.killTimer) clearTimeout(this.killTimer);
    this.killTimer = null;
    this.running = null;
    settle();
    this.pump();
  }
}
