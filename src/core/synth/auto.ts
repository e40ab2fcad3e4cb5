/**
 * `--model auto`: fits each candidate model on most of the table, scores its samples against a
 * held-aside validation split (Quality Report: Column Shapes and Column Pair Trends) and keeps the
 * best. The copula is cheap and fitted first, so there is always an answer; neural models share
 * what is left of the time budget. The selection says why the winner won, with every score.
 */
import type { Table } from '../data/table';
import { takeRows } from '../data/table';
import { Rng } from '../runtime/rng';
import type { TaskOptions } from '../runtime/progress';
import { CancelledError, throwIfAborted } from '../runtime/progress';
import type { Synthesizer } from './synthesizer';
import type { SynthesizerKind, SynthesizerOptions } from './registry';
import { AVAILABLE_KINDS, createSynthesizer } from './registry';
import { fidelityScore } from './eval/score';

export interface AutoOptions extends TaskOptions {
  readonly seed?: number;
  /** Epoch cap for the neural candidates. */
  readonly epochs?: number;
  /** Wall-clock budget for all candidates together (default 300 s). */
  readonly timeBudgetSec?: number;
  /** Models to try, in order (default: every kind this build has, copula first). */
  readonly candidates?: readonly SynthesizerKind[];
  /** Share of rows held aside for validation (default 0.2, at least 50 rows when the table allows). */
  readonly validationFraction?: number;
  /** Per-model option overrides (e.g. smaller networks), merged over seed/epochs/time budget. */
  readonly modelOptions?: Partial<Record<SynthesizerKind, SynthesizerOptions>>;
}

export interface CandidateResult {
  readonly kind: SynthesizerKind;
  readonly status: 'scored' | 'skipped' | 'failed';
  /** Quality Report overall on the validation split (0..1), when scored. */
  readonly score?: number;
  readonly columnShapes?: number | null;
  readonly pairTrends?: number | null;
  readonly fitSeconds?: number;
  readonly note?: string;
}

export interface AutoSelection {
  readonly chosen: SynthesizerKind;
  readonly reason: string;
  readonly candidates: readonly CandidateResult[];
  readonly trainRows: number;
  readonly validationRows: number;
}

export async function fitAuto(table: Table, opts: AutoOptions = {}): Promise<{ model: Synthesizer; selection: AutoSelection }> {
  const seed = opts.seed ?? 0;
  const budgetMs = (opts.timeBudgetSec ?? 300) * 1000;
  const started = performance.now();
  const kinds = opts.candidates ?? AVAILABLE_KINDS;
  const { train, validation } = splitRows(table, opts.validationFraction ?? 0.2, seed);
  const results: CandidateResult[] = [];
  let best: { kind: SynthesizerKind; model: Synthesizer; score: number } | null = null;
  for (const [i, kind] of kinds.entries()) {
    throwIfAborted(opts.signal);
    const left = budgetMs - (performance.now() - started);
    if (kind !== 'copula' && left < 5000) {
      results.push({ kind, status: 'skipped', note: `time budget spent (${Math.round(budgetMs / 1000)} s)` });
      continue;
    }
    const neuralLeft = kinds.slice(i).filter((k) => k !== 'copula').length;
    const t0 = performance.now();
    try {
      const model = createSynthesizer(kind, {
        seed,
        ...(opts.epochs ? { epochs: opts.epochs } : {}),
        ...(kind !== 'copula' ? { timeBudgetSec: left / 1000 / Math.max(1, neuralLeft) } : {}),
        ...(opts.modelOptions?.[kind] ?? {}),
      });
      await model.fit(train, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (e) => opts.onProgress?.({ ...e, model: kind }),
      });
      const fitSeconds = (performance.now() - t0) / 1000;
      const synth = await model.sample(Math.max(validation.nRows, 1000), { seed: seed + 1 });
      const s = fidelityScore(validation, synth);
      results.push({ kind, status: 'scored', score: s.overall, columnShapes: s.columnShapes, pairTrends: s.pairTrends, fitSeconds });
      opts.onProgress?.({ stage: 'evaluating', model: kind, message: `${kind}: validation score ${s.overall.toFixed(3)}` });
      if (!best || s.overall > best.score) {
        release(best?.model);
        best = { kind, model, score: s.overall };
      } else {
        release(model);
      }
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      results.push({ kind, status: 'failed', note: (e as Error).message, fitSeconds: (performance.now() - t0) / 1000 });
    }
  }
  if (!best) throw new Error(`No model could be fitted: ${results.map((r) => `${r.kind}: ${r.note ?? r.status}`).join('; ')}.`);
  let model = best.model;
  if (best.kind === 'copula') {
    release(best.model);
    // Cheap to refit on every row, so the final model sees the validation rows too.
    model = createSynthesizer('copula', { seed });
    await model.fit(table, { ...(opts.signal ? { signal: opts.signal } : {}) });
  }
  const others = results.filter((r) => r.kind !== best.kind && r.status === 'scored');
  const reason =
    others.length === 0
      ? `${best.kind} was the only model scored (validation score ${best.score.toFixed(3)})`
      : `${best.kind} scored ${best.score.toFixed(3)} on ${validation.nRows} held-aside rows, ahead of ${others
          .map((r) => `${r.kind} ${r.score!.toFixed(3)}`)
          .join(', ')}`;
  return {
    model,
    selection: { chosen: best.kind, reason, candidates: results, trainRows: train.nRows, validationRows: validation.nRows },
  };
}

/** Frees a losing neural model's tensors (the copula holds none). */
function release(model: Synthesizer | undefined): void {
  (model as Partial<{ dispose(): void }> | undefined)?.dispose?.();
}

/** Seeded random split; the validation part gets at least 50 rows when the table has 250 or more. */
export function splitRows(table: Table, fraction: number, seed: number): { train: Table; validation: Table } {
  const n = table.nRows;
  const order = Array.from({ length: n }, (_, i) => i);
  new Rng(seed ^ 0x2545f491).shuffle(order);
  const nVal = Math.min(Math.floor(n / 2), Math.max(Math.round(n * fraction), Math.min(50, Math.floor(n / 5))));
  if (nVal < 1) throw new Error(`A table of ${n} rows is too small to hold rows aside for choosing a model; pick a model explicitly.`);
  return {
    validation: takeRows(table, order.slice(0, nVal).sort((a, b) => a - b)),
    train: takeRows(table, order.slice(nVal).sort((a, b) => a - b)),
  };
}
