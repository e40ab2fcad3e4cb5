/** Progress and cancellation shared by every long-running engine task. */

export type Stage = 'reading' | 'preprocessing' | 'fitting' | 'sampling' | 'evaluating' | 'writing' | 'recommending';

export interface ProgressEvent {
  readonly stage: Stage;
  /** 0..1 within the stage, when known. */
  readonly fraction?: number;
  readonly message?: string;
  /** Training telemetry: one point of each named series (e.g. { generator: 1.2, discriminator: -0.3 }). */
  readonly losses?: Readonly<Record<string, number>>;
  readonly step?: number;
  readonly totalSteps?: number;
  readonly epoch?: number;
  /** Which model the losses belong to, when several train in one job. */
  readonly model?: string;
}

export type ProgressSink = (e: ProgressEvent) => void;

export interface TaskOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressSink;
}

export class CancelledError extends Error {
  constructor() {
    super('The run was cancelled.');
    this.name = 'CancelledError';
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Yields to the event loop so that cancel messages and progress can get through during long loops. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
