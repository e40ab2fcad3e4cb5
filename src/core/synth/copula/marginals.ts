/**
 * One-dimensional pieces of the Gaussian copula: each column's distribution, its map to normal scores
 * (fit time) and back (sample time). Their states are plain JSON so a fitted model can be saved.
 *
 * - numeric (numerical, datetime): empirical quantile function with linear interpolation between
 *   knots; integer columns (and datetimes, in ms) come back rounded; never outside [min, max].
 * - categorical: the interval trick (as in SDV): categories sorted by frequency share (0, 1), a value
 *   maps to a uniform draw inside its interval, a normal score maps back through the interval cuts.
 *   A missing value (null) is one more category, so its dependence on other columns is kept.
 * - resampled (text, id): not part of the Gaussian; sampled independently from observed values.
 */
import type { NumericColumn, StringColumn } from '../../data/table';
import type { Rng } from '../../runtime/rng';
import { normalCdf, normalQuantile } from '../math/normal';

/** Knots kept per numeric column; above this the quantile function is summarised. */
export const MAX_KNOTS = 5000;
/** Observed values kept per text/id column for resampling. */
export const MAX_POOL = 5000;
/** Keeps normal scores finite. */
const U_EPS = 1e-9;

export interface NumericMarginalState {
  readonly type: 'numeric';
  readonly name: string;
  readonly columnType: 'numerical' | 'datetime';
  readonly integer: boolean;
  readonly missingRate: number;
  /** Sorted; knot i sits at probability (i + 0.5) / knots.length. Empty when every value is missing. */
  readonly knots: readonly number[];
}

export interface CategoricalMarginalState {
  readonly type: 'categorical';
  readonly name: string;
  /** Most frequent first; null stands for a missing value. */
  readonly categories: readonly (string | null)[];
  /** Share of each category, same order. */
  readonly shares: readonly number[];
}

export interface ResampledMarginalState {
  readonly type: 'resampled';
  readonly name: string;
  readonly columnType: 'text' | 'id';
  readonly missingRate: number;
  readonly pool: readonly string[];
}

export type MarginalState = NumericMarginalState | CategoricalMarginalState | ResampledMarginalState;

function clampU(u: number): number {
  return Math.min(1 - U_EPS, Math.max(U_EPS, u));
}

function allIntegers(values: Float64Array): boolean {
  for (const v of values) if (!Number.isNaN(v) && !Number.isInteger(v)) return false;
  return true;
}

/** Fits a numeric marginal and returns each row's normal score (NaN where missing). */
export function fitNumeric(col: NumericColumn, rng: Rng): { state: NumericMarginalState; scores: Float64Array } {
  const n = col.values.length;
  const present: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(col.values[i]!)) present.push(i);
  const m = present.length;
  const scores = new Float64Array(n).fill(NaN);
  present.sort((a, b) => col.values[a]! - col.values[b]!);
  // A value's score is a uniform draw within its empirical CDF step [F(x-), F(x)]: ties (common in
  // integer columns) spread over their whole step instead of piling on one score.
  for (let s = 0; s < m; ) {
    const v = col.values[present[s]!]!;
    let e = s + 1;
    while (e < m && col.values[present[e]!] === v) e++;
    for (let k = s; k < e; k++) scores[present[k]!] = normalQuantile(clampU((s + rng.uniform() * (e - s)) / m));
    s = e;
  }
  const sorted = present.map((i) => col.values[i]!);
  let knots = sorted;
  if (m > MAX_KNOTS) {
    // Summarise with quantiles at the knot probabilities (linear interpolation between order statistics).
    knots = new Array<number>(MAX_KNOTS);
    for (let i = 0; i < MAX_KNOTS; i++) {
      const h = ((i + 0.5) / MAX_KNOTS) * m - 0.5;
      const lo = Math.max(0, Math.min(m - 1, Math.floor(h)));
      const hi = Math.min(m - 1, lo + 1);
      const f = Math.max(0, Math.min(1, h - lo));
      knots[i] = sorted[lo]! + f * (sorted[hi]! - sorted[lo]!);
    }
    knots[0] = sorted[0]!;
    knots[MAX_KNOTS - 1] = sorted[m - 1]!;
  }
  const integer = col.type === 'datetime' || (col.integer ?? allIntegers(col.values));
  return {
    state: { type: 'numeric', name: col.name, columnType: col.type, integer, missingRate: n === 0 ? 0 : (n - m) / n, knots },
    scores,
  };
}

/**
 * Fits a categorical marginal and returns each row's normal score. Interval order: by `orderKey`
 * (e.g. each category's mean score on a related numeric column) when given, so that a monotone
 * relation between the category and that column becomes a linear one the Gaussian can hold; else
 * by frequency. The marginal is the same either way: only the widths of the intervals matter for it.
 */
export function fitCategorical(
  col: StringColumn,
  rng: Rng,
  orderKey?: ReadonlyMap<string | null, number>,
): { state: CategoricalMarginalState; scores: Float64Array } {
  const counts = categoryCounts(col);
  const categories = [...counts.keys()].sort((a, b) => {
    if (orderKey) {
      const k = (orderKey.get(a) ?? 0) - (orderKey.get(b) ?? 0);
      if (k !== 0) return k;
    }
    const d = counts.get(b)! - counts.get(a)!;
    if (d !== 0) return d;
    if (a === null) return -1;
    if (b === null) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const n = col.values.length;
  const start = new Map<string | null, number>();
  let acc = 0;
  for (const c of categories) {
    start.set(c, acc);
    acc += counts.get(c)! / n;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = col.values[i] ?? null;
    scores[i] = normalQuantile(clampU(start.get(v)! + (rng.uniform() * counts.get(v)!) / n));
  }
  return {
    state: { type: 'categorical', name: col.name, categories, shares: categories.map((c) => counts.get(c)! / n) },
    scores,
  };
}

export function categoryCounts(col: StringColumn): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const v of col.values) counts.set(v ?? null, (counts.get(v ?? null) ?? 0) + 1);
  return counts;
}

/**
 * Per-category mean of the numeric score column that the category explains best (largest share of
 * variance between category means), or undefined when there is no numeric column to order by.
 */
export function categoryOrderKey(col: StringColumn, numericScores: readonly Float64Array[]): Map<string | null, number> | undefined {
  let best: Map<string | null, number> | undefined;
  let bestEta = 0;
  for (const s of numericScores) {
    const sum = new Map<string | null, number>();
    const cnt = new Map<string | null, number>();
    let total = 0;
    let totalSq = 0;
    let m = 0;
    for (let i = 0; i < s.length; i++) {
      const z = s[i]!;
      if (Number.isNaN(z)) continue;
      const v = col.values[i] ?? null;
      sum.set(v, (sum.get(v) ?? 0) + z);
      cnt.set(v, (cnt.get(v) ?? 0) + 1);
      total += z;
      totalSq += z * z;
      m++;
    }
    if (m < 2) continue;
    const grand = total / m;
    const totalVar = totalSq - m * grand * grand;
    if (!(totalVar > 0)) continue;
    const means = new Map<string | null, number>();
    let between = 0;
    for (const [k, c] of cnt) {
      const mu = sum.get(k)! / c;
      means.set(k, mu);
      between += c * (mu - grand) * (mu - grand);
    }
    const eta = between / totalVar;
    if (eta > bestEta) {
      bestEta = eta;
      best = means;
    }
  }
  return best;
}

export function fitResampled(col: StringColumn & { type: 'text' | 'id' }, rng: Rng): ResampledMarginalState {
  const observed: string[] = [];
  for (const v of col.values) if (v !== null && v !== undefined) observed.push(v);
  let pool = observed;
  if (observed.length > MAX_POOL) {
    // A uniform subset (partial Fisher-Yates) keeps frequencies in expectation.
    pool = observed.slice();
    for (let i = 0; i < MAX_POOL; i++) {
      const j = i + rng.int(pool.length - i);
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    pool = pool.slice(0, MAX_POOL);
  }
  const n = col.values.length;
  return { type: 'resampled', name: col.name, columnType: col.type, missingRate: n === 0 ? 0 : (n - observed.length) / n, pool };
}

/** Maps normal scores back to values of one numeric column. */
export class NumericMarginal {
  private readonly knots: Float64Array;
  constructor(readonly state: NumericMarginalState) {
    this.knots = Float64Array.from(state.knots);
  }

  get modelled(): boolean {
    return this.knots.length > 0;
  }

  /** Value at probability u (Hazen positions, clamped to the observed range). */
  fromUniform(u: number): number {
    const k = this.knots;
    const K = k.length;
    if (K === 0) return NaN;
    const t = Math.min(K - 1, Math.max(0, u * K - 0.5));
    const i = Math.min(K - 2, Math.floor(t));
    const v = i < 0 ? k[0]! : k[i]! + (t - i) * (k[i + 1]! - k[i]!);
    return this.state.integer ? Math.round(v) : v;
  }

  fromNormal(z: number): number {
    return this.fromUniform(normalCdf(z));
  }

  /**
   * The normal-score interval whose values come back as `value` (within +-0.5 for integer columns):
   * used to condition the Gaussian on a numeric value. Outside the observed range it is the edge.
   */
  normalInterval(value: number): readonly [number, number] {
    const k = this.knots;
    const K = k.length;
    const h = this.state.integer ? 0.5 : 0;
    const tLo = this.firstPositionAtLeast(value - h);
    const tHi = Math.max(tLo, this.lastPositionAtMost(value + h));
    const uLo = tLo <= 0 ? 0 : (tLo + 0.5) / K;
    const uHi = tHi >= K - 1 ? 1 : (tHi + 0.5) / K;
    return [normalQuantile(clampU(uLo)), normalQuantile(clampU(uHi))];
  }

  private firstPositionAtLeast(y: number): number {
    const k = this.knots;
    let lo = 0;
    let hi = k.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k[mid]! >= y) hi = mid;
      else lo = mid + 1;
    }
    if (lo === 0) return 0;
    if (lo === k.length) return k.length - 1;
    return lo - 1 + (y - k[lo - 1]!) / (k[lo]! - k[lo - 1]!);
  }

  private lastPositionAtMost(y: number): number {
    const k = this.knots;
    let lo = 0;
    let hi = k.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (k[mid]! > y) hi = mid;
      else lo = mid + 1;
    }
    const j = lo - 1;
    if (j < 0) return 0;
    if (j >= k.length - 1) return k.length - 1;
    return j + (y - k[j]!) / (k[j + 1]! - k[j]!);
  }
}

/** Maps normal scores back to categories by the interval cuts. */
export class CategoricalMarginal {
  /** Normal scores of the inner cuts between consecutive categories. */
  private readonly zCuts: Float64Array;
  constructor(readonly state: CategoricalMarginalState) {
    const cuts = new Float64Array(Math.max(0, state.categories.length - 1));
    let acc = 0;
    for (let i = 0; i < cuts.length; i++) {
      acc += state.shares[i]!;
      cuts[i] = normalQuantile(Math.min(1, acc));
    }
    this.zCuts = cuts;
  }

  fromNormal(z: number): string | null {
    const c = this.zCuts;
    let lo = 0;
    let hi = c.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid]! < z) lo = mid + 1;
      else hi = mid;
    }
    return this.state.categories[lo] ?? null;
  }

  /** The normal-score interval of a category, or null when the model never saw it. */
  normalInterval(value: string | null): readonly [number, number] | null {
    const i = this.state.categories.indexOf(value);
    if (i < 0) return null;
    const lo = i === 0 ? -Infinity : this.zCuts[i - 1]!;
    const hi = i === this.zCuts.length ? Infinity : this.zCuts[i]!;
    return [lo, hi];
  }
}
