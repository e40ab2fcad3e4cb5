import type { TaskOptions } from '../runtime/progress';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface JobContext extends TaskOptions {
  /** Intermediate results for the UI (dataset profile, preprocessing report) before the job ends. */
  readonly onPartial?: (name: string, data: Record<string, unknown>) => void;
  readonly log?: (level: LogLevel, message: string) => void;
}
