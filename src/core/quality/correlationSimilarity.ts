/** CorrelationSimilarity: 1 - |r_real - r_synthetic| / 2 for a pair of numerical / datetime columns. */
import { averageRanks, pearson } from './stats';
import { notApplicable, type MetricDefinition } from './types';

export type CorrelationCoefficient = 'Pearson' | 'Spearman';

export interface CorrelationSimilarityOptions {
  readonly coefficient?: CorrelationCoefficient;
  /** Pair counts only when |r_real| is above this (the Quality Report's filter); 0 = always. */
  readonly realCorrelationThreshold?: number;
}

export interface CorrelationSimilarityBreakdown {
  readonly score: number;
  readonly real: number;
  readonly synthetic: number;
}

export interface BelowThreshold {
  readonly score: null;
  readonly reason: string;
  readonly real: number;
}

/** Rows where both values are present (SDMetrics drops a row when either is missing). */
function completePairs(x: Float64Array, y: Float64Array): [Float64Array, Float64Array] {
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!) && !Number.isNaN(y[i]!)) keep.push(i);
  if (keep.length === x.length) return [x, y];
  return [Float64Array.from(keep, (i) => x[i]!), Float64Array.from(keep, (i) => y[i]!)];
}

/** Pearson, or Spearman as Pearson of average ranks (scipy's spearmanr). */
export function correlation(x: Float64Array, y: Float64Array, coefficient: CorrelationCoefficient): number {
  const [a, b] = completePairs(x, y);
  if (coefficient === 'Spearman') return pearson(averageRanks(a), averageRanks(b));
  return pearson(a, b);
}

export const CorrelationSimilarity: MetricDefinition<
  [readonly [Float64Array, Float64Array], readonly [Float64Array, Float64Array], CorrelationSimilarityOptions?],
  CorrelationSimilarityBreakdown | BelowThreshold
> = {
  id: 'CorrelationSimilarity',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, options = {}) {
    const coefficient = options.coefficient ?? 'Pearson';
    const threshold = options.realCorrelationThreshold ?? 0;
    const r = correlation(real[0], real[1], coefficient);
    if (Number.isNaN(r)) return notApplicable(`The real ${coefficient} correlation is undefined (a constant column or under 2 rows).`);
    if (threshold > 0 && !(Math.abs(r) > threshold)) {
      return { score: null, reason: `|real correlation| ${Math.abs(r).toFixed(3)} is not above ${threshold}.`, real: r };
    }
    const s = correlation(synthetic[0], synthetic[1], coefficient);
    if (Number.isNaN(s)) return notApplicable(`The synthetic ${coefficient} correlation is undefined (a constant column or under 2 rows).`);
    return { score: 1 - Math.abs(r - s) / 2, real: r, synthetic: s };
  },
};
