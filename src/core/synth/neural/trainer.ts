/**
 * The epoch loop shared by CTGAN and TVAE: steps with cancellation and throttle-free progress
 * (one event per step at most; the worker throttles to ~1 Hz), periodic validation with a
 * best-epoch checkpoint, early stopping, and a wall-clock budget.
 */
import type { TaskOptions } from '../../runtime/progress';
import { throwIfAborted, yieldToLoop } from '../../runtime/progress';
import type { Snapshot } from './params';

export interface TrainingSummary {
  readonly epochs: number;
  readonly steps: number;
  readonly bestEpoch: number | null;
  readonly bestScore: number | null;
  readonly stopReason: 'completed' | 'early-stopping' | 'time-budget';
  readonly seconds: number;
  readonly history: readonly { readonly epoch: number; readonly score: number }[];
}

export interface TrainingPlan {
  readonly model: string;
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  /** Validate every this many epochs. */
  readonly evalEvery: number;
  /** Stop after this many validations without improvement, in the second half of training (0: never). */
  readonly patience: number;
  readonly timeBudgetSec?: number;
  step(): Promise<Readonly<Record<string, number>>>;
  /** Validation fidelity, higher is better; null when there is nothing to validate on. */
  evaluate(): number | null;
  snapshot(): Snapshot;
  restore(s: Snapshot): void;
}

export async function runTraining(plan: TrainingPlan, opts: TaskOptions = {}): Promise<TrainingSummary> {
  const started = performance.now();
  const totalSteps = plan.epochs * plan.stepsPerEpoch;
  const history: { epoch: number; score: number }[] = [];
  let best: { epoch: number; score: number; snap: Snapshot } | null = null;
  let sinceBest = 0;
  let steps = 0;
  let epoch = 0;
  let stopReason: TrainingSummary['stopReason'] = 'completed';
  const overBudget = (): boolean => plan.timeBudgetSec !== undefined && (performance.now() - started) / 1000 > plan.timeBudgetSec;
  outer: for (epoch = 1; epoch <= plan.epochs; epoch++) {
    for (let s = 0; s < plan.stepsPerEpoch; s++) {
      throwIfAborted(opts.signal);
      const losses = await plan.step();
      steps++;
      opts.onProgress?.({ stage: 'fitting', model: plan.model, step: steps, totalSteps, epoch, losses, fraction: steps / totalSteps });
      // Lets cancel messages and progress through between steps.
      await yieldToLoop();
      if (overBudget()) {
        stopReason = 'time-budget';
        break outer;
      }
    }
    if (epoch % plan.evalEvery === 0 || epoch === plan.epochs) {
      const score = plan.evaluate();
      if (score !== null) {
        history.push({ epoch, score });
        opts.onProgress?.({ stage: 'fitting', model: plan.model, epoch, step: steps, totalSteps, message: `validation score ${score.toFixed(3)} at epoch ${epoch}` });
        if (!best || score > best.score) {
          best = { epoch, score, snap: plan.snapshot() };
          sinceBest = 0;
        } else if (plan.patience > 0 && ++sinceBest >= plan.patience && epoch >= plan.epochs / 2) {
          // Early scores of a GAN or VAE are noisy: never stop in the first half of the epochs.
          stopReason = 'early-stopping';
          break;
        }
      }
    }
  }
  if (stopReason === 'time-budget') {
    // Score the last state too, so a budget cut still keeps the better of last and best.
    const score = plan.evaluate();
    if (score !== null) {
      history.push({ epoch, score });
      if (!best || score > best.score) best = { epoch, score, snap: plan.snapshot() };
    }
  }
  if (best) plan.restore(best.snap);
  return {
    epochs: Math.min(epoch, plan.epochs),
    steps,
    bestEpoch: best?.epoch ?? null,
    bestScore: best?.score ?? null,
    stopReason,
    seconds: (performance.now() - started) / 1000,
    history,
  };
}
