/** TVComplement: 1 - total variation distance between category frequencies (categorical, boolean). */
import { notApplicable, type MetricDefinition } from './types';

export type Category = string | number;

export interface TVComplementBreakdown {
  readonly score: number;
  /** Categories in SDMetrics' order: first appearance in real, then unseen ones in synthetic order. */
  readonly categories: readonly Category[];
  /** Frequencies of those categories (the real ones include the 1e-6 regularisation). */
  readonly real: readonly number[];
  readonly synthetic: readonly number[];
}

/** Counts in first-appearance order (like Python's Counter); missing values (null, NaN) dropped. */
export function countCategories(values: ArrayLike<Category | null>): Map<Category, number> {
  const counts = new Map<Category, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

/** Sums in iteration order, as Python's built-in sum over Counter values. */
function sumInOrder(xs: Iterable<number>): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export const TVComplement: MetricDefinition<[ArrayLike<Category | null>, ArrayLike<Category | null>], TVComplementBreakdown> = {
  id: 'TVComplement',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(realValues, syntheticValues) {
    const real = countCategories(realValues);
    const synthetic = countCategories(syntheticValues);
    if (real.size === 0 || synthetic.size === 0) {
      return notApplicable('TVComplement needs at least one non-missing value in both tables.');
    }
    // SDMetrics quirk (get_frequencies): a synthetic category never seen in real gets a real
    // count of 1e-6, and the real frequencies are divided by the regularised total, so every
    // real frequency shrinks slightly (e.g. 0.682000044879997 instead of 0.682).
    for (const v of synthetic.keys()) if (!real.has(v)) real.set(v, 1e-6);
    const realTotal = sumInOrder(real.values());
    const synthTotal = sumInOrder(synthetic.values());
    const categories: Category[] = [];
    const fReal: number[] = [];
    const fSynth: number[] = [];
    let variation = 0;
    for (const [v, count] of real) {
      const fs = (synthetic.get(v) ?? 0) / synthTotal;
      const fr = count / realTotal;
      categories.push(v);
      fReal.push(fr);
      fSynth.push(fs);
      variation += Math.abs(fs - fr);
    }
    return { score: 1 - 0.5 * variation, categories, real: fReal, synthetic: fSynth };
  },
};
