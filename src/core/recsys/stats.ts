/**
 * Uncertainty and significance over users: percentile bootstrap intervals, and paired tests
 * (Wilcoxon signed-rank with the normal approximation, paired t) for two models scored on the same
 * users.
 */
import type { Rng } from '../runtime/rng';

export type Interval = readonly [number, number];

/** Percentile of sorted values with linear interpolation (the same rule as numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Percentile bootstrap: `resamples` draws of n users with replacement; stat maps one draw (user
 * positions) to several statistics at once, so every statistic sees the same draws. Returns one
 * [lo, hi] per statistic at the given level (default 95%).
 */
export function bootstrapIntervals(
  n: number,
  stat: (draw: Int32Array) => readonly number[],
  rng: Rng,
  resamples = 1000,
  level = 0.95,
): Interval[] {
  if (n === 0) return [];
  const draw = new Int32Array(n);
  const samples: number[][] = [];
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) draw[i] = rng.int(n);
    const values = stat(draw);
    values.forEach((v, s) => (samples[s] ??= []).push(v));
  }
  const alpha = (1 - level) / 2;
  return samples.map((xs) => {
    const sorted = Float64Array.from(xs).sort();
    return [quantileSorted(sorted, alpha), quantileSorted(sorted, 1 - alpha)] as const;
  });
}

/** Bootstrap intervals of the means of several per-user columns (all of length n). */
export function bootstrapMeanIntervals(columns: readonly ArrayLike<number>[], rng: Rng, resamples = 1000, level = 0.95): Interval[] {
  const n = columns[0]?.length ?? 0;
  return bootstrapIntervals(
    n,
    (draw) =>
      columns.map((c) => {
        let s = 0;
        for (let i = 0; i < draw.length; i++) s += c[draw[i]!]!;
        return s / draw.length;
      }),
    rng,
    resamples,
    level,
  );
}

/** Complementary error function (Chebyshev fit with relative error below 1.2e-7 everywhere, good in the tails). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal upper tail P(Z > z). */
export function normalSf(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

export interface PairedTestResult {
  readonly statistic: number;
  readonly pValue: number;
  /** Pairs that entered the test (Wilcoxon drops zero differences). */
  readonly n: number;
  readonly meanDifference: number;
}

function meanOf(d: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i]!;
  return d.length === 0 ? 0 : s / d.length;
}

/**
 * Two-sided Wilcoxon signed-rank test on paired values a[i] vs b[i], normal approximation.
 * Zero differences are dropped (Wilcoxon's rule); tied |differences| get average ranks and the
 * variance is corrected for them. statistic is z of W+ (positive when a tends to exceed b).
 */
export function wilcoxonSignedRank(a: ArrayLike<number>, b: ArrayLike<number>): PairedTestResult {
  if (a.length !== b.length) throw new Error(`Paired test needs equal lengths (got ${a.length} and ${b.length}).`);
  const diffs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) diffs.push(d);
  }
  const all = Float64Array.from({ length: a.length }, (_, i) => a[i]! - b[i]!);
  const n = diffs.length;
  if (n === 0) return { statistic: 0, pValue: 1, n: 0, meanDifference: meanOf(all) };
  const order = diffs.map((_, i) => i).sort((x, y) => Math.abs(diffs[x]!) - Math.abs(diffs[y]!));
  let wPlus = 0;
  let tieTerm = 0;
  for (let s = 0; s < n; ) {
    let e = s;
    while (e + 1 < n && Math.abs(diffs[order[e + 1]!]!) === Math.abs(diffs[order[s]!]!)) e++;
    const rank = (s + e) / 2 + 1;
    const t = e - s + 1;
    tieTerm += t * t * t - t;
    for (let k = s; k <= e; k++) if (diffs[order[k]!]! > 0) wPlus += rank;
    s = e + 1;
  }
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  if (variance <= 0) return { statistic: 0, pValue: 1, n, meanDifference: meanOf(all) };
  const z = (wPlus - mean) / Math.sqrt(variance);
  return { statistic: z, pValue: Math.min(1, 2 * normalSf(Math.abs(z))), n, meanDifference: meanOf(all) };
}

/** log Gamma by the Lanczos approximation (g = 7, 9 terms), accurate to about 1e-15 for x > 0. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Two-sided p-value of Student's t with df degrees of freedom. */
export function studentTTwoSided(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Paired t-test of a[i] - b[i]; statistic is t (positive when a tends to exceed b). */
export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTestResult {
  if (a.length !== b.length) throw new Error(`Paired test needs equal lengths (got ${a.length} and ${b.length}).`);
  const n = a.length;
  const d = Float64Array.from({ length: n }, (_, i) => a[i]! - b[i]!);
  const mean = meanOf(d);
  if (n < 2) return { statistic: 0, pValue: 1, n, meanDifference: mean };
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (d[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (sd === 0) return { statistic: mean === 0 ? 0 : Math.sign(mean) * Number.POSITIVE_INFINITY, pValue: mean === 0 ? 1 : 0, n, meanDifference: mean };
  const t = mean / (sd / Math.sqrt(n));
  return { statistic: t, pValue: studentTTwoSided(t, n - 1), n, meanDifference: mean };
}
