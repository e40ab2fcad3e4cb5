/**
 * ContingencySimilarity: 1 - total variation distance between the joint frequency tables of two
 * columns, over the union of observed cells.
 */
import { binValues, metricBinEdges, reportBinEdges } from './binning';
import { cramersV, cramersVDense } from './cramersV';
import { notApplicable, type MetricDefinition } from './types';

export type PairColumn =
  | { readonly kind: 'discrete'; readonly values: readonly (string | null)[] }
  | { readonly kind: 'continuous'; readonly values: Float64Array }
  /**
   * Already discretised: integer codes in [0, size), shared by the real and synthetic tables
   * (a category dictionary, or bin numbers). Lets a caller encode each column once.
   */
  | { readonly kind: 'codes'; readonly values: Int32Array; readonly size: number };

/**
 * 'metric': the metric's own discretisation (real-data edges, outer edges +-inf).
 * 'report': the Quality Report's (each table with its own edges, no infinities).
 */
export type ContinuousBinning = 'metric' | 'report';

export interface ContingencySimilarityOptions {
  readonly binning?: ContinuousBinning;
  readonly numDiscreteBins?: number;
  /** Pair counts only when the real table's Cramér's V is above this; 0 = always (V not computed). */
  readonly realAssociationThreshold?: number;
}

export interface ContingencySimilarityBreakdown {
  readonly score: number;
  /** Cramér's V of the real table; null unless a threshold was set (as in SDMetrics). */
  readonly realAssociation: number | null;
}

export interface BelowAssociationThreshold {
  readonly score: null;
  readonly reason: string;
  readonly realAssociation: number | null;
}

/** Codes shared by both tables: category strings (null included) or bin numbers. */
class Coder {
  private readonly codes = new Map<string | number | null, number>();
  code(v: string | number | null): number {
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.codes.size;
      this.codes.set(v, c);
    }
    return c;
  }
  get size(): number {
    return this.codes.size;
  }
}

function encode(values: ArrayLike<string | number | null>, coder: Coder): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = coder.code(values[i] ?? null);
  return out;
}

type Codes = { readonly values: Int32Array; readonly size: number };

function denseCounts(a: Int32Array, b: Int32Array, width: number, cells: number): Float64Array {
  const counts = new Float64Array(cells);
  for (let i = 0; i < a.length; i++) counts[a[i]! * width + b[i]!]!++;
  return counts;
}

/** Same score from pre-encoded columns; dense count tables when they are small enough. */
function fromCodes(ra: Codes, rb: Codes, sa: Codes, sb: Codes, threshold: number): ContingencySimilarityBreakdown | BelowAssociationThreshold {
  const sizeA = Math.max(ra.size, sa.size);
  const sizeB = Math.max(rb.size, sb.size);
  let realAssociation: number | null = null;
  if (threshold > 0) {
    const v = cramersVDense(ra.values, sizeA, rb.values, sizeB);
    realAssociation = Number.isNaN(v) ? null : v;
    if (realAssociation === null || !(realAssociation > threshold)) {
      return {
        score: null,
        reason:
          realAssociation === null
            ? "The real table's association is undefined (fewer than 2 categories in a column)."
            : `Real Cramér's V ${realAssociation.toFixed(3)} is not above ${threshold}.`,
        realAssociation,
      };
    }
  }
  const nReal = ra.values.length;
  const nSynth = sa.values.length;
  let variation = 0;
  if (sizeA * sizeB <= 4_000_000) {
    const rc = denseCounts(ra.values, rb.values, sizeB, sizeA * sizeB);
    const sc = denseCounts(sa.values, sb.values, sizeB, sizeA * sizeB);
    for (let k = 0; k < rc.length; k++) variation += Math.abs(rc[k]! / nReal - sc[k]! / nSynth);
  } else {
    const realCounts = frequencies(ra.values, rb.values, sizeB);
    const synthCounts = frequencies(sa.values, sb.values, sizeB);
    for (const [key, count] of realCounts) variation += Math.abs(count / nReal - (synthCounts.get(key) ?? 0) / nSynth);
    for (const [key, count] of synthCounts) if (!realCounts.has(key)) variation += count / nSynth;
  }
  return { score: 1 - variation / 2, realAssociation };
}

function binnedPair(
  real: PairColumn,
  synthetic: PairColumn,
  binning: ContinuousBinning,
  bins: number,
): [ArrayLike<string | number | null>, ArrayLike<string | number | null>] {
  if (real.kind === 'discrete' && synthetic.kind === 'discrete') return [real.values, synthetic.values];
  if (real.kind === 'codes' && synthetic.kind === 'codes') return [real.values, synthetic.values];
  if (real.kind === 'continuous' && synthetic.kind === 'continuous') {
    if (binning === 'metric') {
      const edges = metricBinEdges(real.values, bins);
      return [binValues(real.values, edges), binValues(synthetic.values, edges)];
    }
    return [binValues(real.values, reportBinEdges(real.values, bins)), binValues(synthetic.values, reportBinEdges(synthetic.values, bins))];
  }
  throw new Error('ContingencySimilarity: a column must be continuous (or discrete) in both tables.');
}

function frequencies(a: Int32Array, b: Int32Array, width: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = a[i]! * width + b[i]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export const ContingencySimilarity: MetricDefinition<
  [readonly [PairColumn, PairColumn], readonly [PairColumn, PairColumn], ContingencySimilarityOptions?],
  ContingencySimilarityBreakdown | BelowAssociationThreshold
> = {
  id: 'ContingencySimilarity',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, options = {}) {
    const binning = options.binning ?? 'metric';
    const bins = options.numDiscreteBins ?? 10;
    const threshold = options.realAssociationThreshold ?? 0;
    const nReal = real[0].values.length;
    const nSynth = synthetic[0].values.length;
    if (nReal === 0 || nSynth === 0) return notApplicable('ContingencySimilarity needs rows in both tables.');
    if (real[0].kind === 'codes' && real[1].kind === 'codes' && synthetic[0].kind === 'codes' && synthetic[1].kind === 'codes') {
      return fromCodes(real[0], real[1], synthetic[0], synthetic[1], threshold);
    }
    const [r1, s1] = binnedPair(real[0], synthetic[0], binning, bins);
    const [r2, s2] = binnedPair(real[1], synthetic[1], binning, bins);
    const coder1 = new Coder();
    const coder2 = new Coder();
    const ra = encode(r1, coder1);
    const rb = encode(r2, coder2);
    let realAssociation: number | null = null;
    if (threshold > 0) {
      const v = cramersV(ra, rb);
      realAssociation = Number.isNaN(v) ? null : v;
      if (realAssociation === null || !(realAssociation > threshold)) {
        return {
          score: null,
          reason:
            realAssociation === null
              ? "The real table's association is undefined (fewer than 2 categories in a column)."
              : `Real Cramér's V ${realAssociation.toFixed(3)} is not above ${threshold}.`,
          realAssociation,
        };
      }
    }
    const sa = encode(s1, coder1);
    const sb = encode(s2, coder2);
    const width = coder2.size;
    const realCounts = frequencies(ra, rb, width);
    const synthCounts = frequencies(sa, sb, width);
    let variation = 0;
    for (const [key, count] of realCounts) variation += Math.abs(count / nReal - (synthCounts.get(key) ?? 0) / nSynth);
    for (const [key, count] of synthCounts) if (!realCounts.has(key)) variation += count / nSynth;
    return { score: 1 - variation / 2, realAssociation };
  },
};
