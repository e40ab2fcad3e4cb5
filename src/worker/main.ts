/**
 * Worker process entry: runs one engine job at a time for the extension host, streams throttled
 * progress, and honours cancel through an AbortSignal.
 */
import { PROTOCOL_VERSION, hostToWorker, parseMessage, type JobSpec, type WorkerToHost } from '../protocol/worker';
import { runJob } from './jobs';
import { CancelledError, type ProgressEvent } from '../core/runtime/progress';
import { InputError } from '../core/pipeline/errors';
import { ProgressThrottle } from '../core/runtime/throttle';

function send(m: WorkerToHost): void {
  process.send?.(m);
}

const running = new Map<string, AbortController>();

async function run(jobId: string, job: JobSpec): Promise<void> {
  const controller = new AbortController();
  running.set(jobId, controller);
  const started = Date.now();
  const throttle = new ProgressThrottle(250, (event: ProgressEvent) =>
    send({ v: PROTOCOL_VERSION, type: 'progress', jobId, event: { ...event }, elapsedMs: Date.now() - started }),
  );
  try {
    const result = await runJob(job, {
      signal: controller.signal,
      onProgress: (e) => throttle.push(e),
      onPartial: (name, data) => send({ v: PROTOCOL_VERSION, type: 'partial', jobId, name, data }),
      log: (level, message) => send({ v: PROTOCOL_VERSION, type: 'log', level, message }),
    });
    throttle.flush();
    send({ v: PROTOCOL_VERSION, type: 'result', jobId, result: result as unknown as Record<string, unknown> });
  } catch (e) {
    throttle.flush();
    const err = e instanceof Error ? e : new Error(String(e));
    const kind = err instanceof CancelledError || controller.signal.aborted ? 'cancelled' : err instanceof InputError ? 'input' : 'internal';
    send({ v: PROTOCOL_VERSION, type: 'error', jobId, kind, message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
  } finally {
    running.delete(jobId);
  }
}

process.on('message', (raw) => {
  const parsed = parseMessage(hostToWorker, raw);
  if (!parsed.ok) {
    send({ v: PROTOCOL_VERSION, type: 'log', level: 'error', message: `Worker dropped an invalid message: ${parsed.reason}` });
    return;
  }
  const m = parsed.value;
  if (m.type === 'run') void run(m.jobId, m.job);
  else running.get(m.jobId)?.abort();
});

process.on('disconnect', () => process.exit(0));
send({ v: PROTOCOL_VERSION, type: 'ready', pid: process.pid });
