import type { ProgressEvent } from './progress';

/**
 * Passes progress on at most once per interval, always keeping the newest event; a change of stage
 * goes through at once so the UI never shows a stale stage. Loss values between two emissions are
 * averaged so that a throttled curve still reflects every step.
 */
export class ProgressThrottle {
  private last = 0;
  private pending: ProgressEvent | null = null;
  private lossSums: Record<string, number> = {};
  private lossCount = 0;
  private stage: string | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (e: ProgressEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(e: ProgressEvent): void {
    if (e.losses) {
      for (const [k, v] of Object.entries(e.losses)) this.lossSums[k] = (this.lossSums[k] ?? 0) + v;
      this.lossCount++;
    }
    this.pending = e;
    const t = this.now();
    if (e.stage !== this.stage || t - this.last >= this.intervalMs) this.flush();
  }

  flush(): void {
    const e = this.pending;
    if (!e) return;
    this.pending = null;
    this.stage = e.stage;
    this.last = this.now();
    if (this.lossCount > 0) {
      const losses: Record<string, number> = {};
      for (const [k, v] of Object.entries(this.lossSums)) losses[k] = v / this.lossCount;
      this.lossSums = {};
      this.lossCount = 0;
      this.emit({ ...e, losses });
    } else {
      this.emit(e);
    }
  }
}
