/**
 * What the host remembers of a dashboard so that a panel that was hidden (its webview destroyed,
 * retainContextWhenHidden is off) or restored after a reload can be filled again: the latest
 * profile, the runs list, the current run's start, progress history and outcome, and the lab's
 * latest state. Pure, so it is tested without VS Code.
 */
import type { HostMessage, HostMessageOf } from '../../protocol/webview';

/** Progress messages kept per run; older ones are thinned (every other one dropped) beyond this. */
export const MAX_PROGRESS_KEPT = 4000;

type RunOutcome = HostMessageOf<'runFinished'> | HostMessageOf<'runFailed'> | HostMessageOf<'runCancelled'>;
type LabState = HostMessageOf<'labStarted'> | HostMessageOf<'labResult'> | HostMessageOf<'labFailed'>;

export class ReplayState {
  private profile: HostMessageOf<'profile'> | undefined;
  private runs: HostMessageOf<'runs'> | undefined;
  private runStarted: HostMessageOf<'runStarted'> | undefined;
  private progress: HostMessageOf<'progress'>[] = [];
  private outcome: RunOutcome | undefined;
  /** The last finished run stays on show (synthetic data, quality) while a new one trains. */
  private lastFinished: HostMessageOf<'runFinished'> | undefined;
  private lab: LabState | undefined;
  /** Like lastFinished: a new lab run or a failed one does not hide the previous results. */
  private lastLabResult: HostMessageOf<'labResult'> | undefined;

  get hasProfile(): boolean {
    return this.profile !== undefined;
  }

  record(msg: HostMessage): void {
    switch (msg.type) {
      case 'init':
      case 'notice':
        return; // init is rebuilt on every load; notices are transient
      case 'profile':
        this.profile = msg;
        return;
      case 'runs':
        this.runs = msg;
        return;
      case 'runStarted':
        this.runStarted = msg;
        this.progress = [];
        this.outcome = undefined;
        return;
      case 'progress':
        if (this.runStarted && msg.runId !== this.runStarted.runId) return;
        this.progress.push(msg);
        if (this.progress.length > MAX_PROGRESS_KEPT) this.progress = thin(this.progress);
        return;
      case 'runFinished':
        this.outcome = msg;
        this.lastFinished = msg;
        return;
      case 'runFailed':
      case 'runCancelled':
        this.outcome = msg;
        return;
      case 'labStarted':
      case 'labResult':
      case 'labFailed':
        this.lab = msg;
        if (msg.type === 'labResult') this.lastLabResult = msg;
        return;
    }
  }

  /** The messages that rebuild the dashboard, in the order the webview expects them (after init). */
  replay(): HostMessage[] {
    const out: HostMessage[] = [];
    if (this.profile) out.push(this.profile);
    if (this.runs) out.push(this.runs);
    // A finished run from before the current one still fills the synthetic and quality tabs.
    if (this.lastFinished && this.lastFinished !== this.outcome) out.push(this.lastFinished);
    if (this.runStarted) out.push(this.runStarted, ...this.progress);
    if (this.outcome) out.push(this.outcome);
    if (this.lastLabResult && this.lastLabResult !== this.lab) out.push(this.lastLabResult);
    if (this.lab) out.push(this.lab);
    return out;
  }
}

/** Keeps the newest half untouched and every other message of the older half. */
function thin<T>(xs: T[]): T[] {
  const half = Math.floor(xs.length / 2);
  const older = xs.slice(0, half).filter((_, i) => i % 2 === 0);
  return older.concat(xs.slice(half));
}
