/** KSComplement: 1 - the two-sample Kolmogorov-Smirnov D statistic (numerical and datetime columns). */
import { dropNaN, roundDecimals } from './stats';
import { notApplicable, type MetricDefinition } from './types';

/**
 * SDMetrics quirk: both samples are rounded to 14 decimals (sys.float_info.dig - 1) with numpy's
 * multiply-rint-divide before the test, so values that differ only past that point count as ties.
 */
const MAX_DECIMALS = 14;

export interface KSComplementBreakdown {
  readonly score: number;
  /** The D statistic: the largest gap between the two empirical CDFs. */
  readonly statistic: number;
}

function roundedSorted(values: Float64Array): Float64Array {
  const xs = dropNaN(values);
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = roundDecimals(xs[i]!, MAX_DECIMALS);
  return out.sort();
}

/** The KS D statistic of two sorted samples (scipy's ks_2samp 'two-sided' statistic). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n1 && j < n2) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const gap = Math.abs(i / n1 - j / n2);
    if (gap > d) d = gap;
  }
  return d;
}

export const KSComplement: MetricDefinition<[Float64Array, Float64Array], KSComplementBreakdown> = {
  id: 'KSComplement',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic) {
    const a = roundedSorted(real);
    const b = roundedSorted(synthetic);
    if (a.length === 0 || b.length === 0) {
      return notApplicable(`KSComplement needs values in both tables (real has ${a.length}, synthetic ${b.length} non-missing).`);
    }
    const statistic = ksStatistic(a, b);
    return { score: 1 - statistic, statistic };
  },
};
