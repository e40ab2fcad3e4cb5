/**
 * Progress on the terminal: a single redrawn bar when stderr is a TTY, otherwise plain lines
 * (one per stage, then at most one every few seconds) that read well in CI logs.
 */
import type { ProgressEvent } from '../core/runtime/progress';

export class ProgressView {
  private stage = '';
  private lastLine = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean; columns?: number },
    private readonly plainEveryMs = 5000,
  ) {}

  update(e: ProgressEvent): void {
    const pct = e.fraction !== undefined ? Math.round(e.fraction * 100) : undefined;
    const loss = e.losses ? Object.entries(e.losses).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(' ') : '';
    const detail = [e.model, e.epoch !== undefined ? `epoch ${e.epoch}` : '', loss, e.message].filter(Boolean).join(' | ');
    if (this.out.isTTY) {
      const width = 24;
      const filled = pct === undefined ? 0 : Math.round((pct / 100) * width);
      const bar = pct === undefined ? '' : `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% `;
      const line = `${e.stage.padEnd(13)} ${bar}${detail}`;
      const cols = this.out.columns ?? 100;
      this.out.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, 100))}`);
      this.drawn = true;
      return;
    }
    const now = Date.now();
    if (e.stage !== this.stage || now - this.lastLine >= this.plainEveryMs) {
      this.stage = e.stage;
      this.lastLine = now;
      // "0%" at the start of every stage says nothing in a log; the stage name does.
      this.out.write(`${e.stage}${pct ? ` ${pct}%` : ''}${detail ? ` ${detail}` : ''}\n`);
    }
  }

  done(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
