/**
 * One-dimensional Gaussian mixture for CTGAN's mode-specific normalisation. CTGAN uses a variational
 * Bayesian GMM whose sparse weight prior leaves unneeded components empty; here plain EM is run for
 * 1..maxModes components and the count with the lowest BIC is kept, which is as sparse and
 * deterministic. Components with weight below `minWeight` are then pruned.
 */
import type { Rng } from '../../runtime/rng';

export interface Mixture {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly stds: readonly number[];
}

export interface MixtureOptions {
  readonly maxModes?: number;
  readonly minWeight?: number;
  readonly iterations?: number;
  /** Rows used for fitting at most (a seeded subsample above this). */
  readonly maxRows?: number;
}

/** Smallest std as a share of the column's spread: keeps EM off zero-width spikes on tied values. */
const MIN_STD_SHARE = 0.01;

interface EmResult {
  readonly mixture: Mixture;
  readonly logLik: number;
}

function em(x: Float64Array, sorted: Float64Array, k: number, iterations: number, minStd: number): EmResult {
  const n = x.length;
  let means = Array.from({ length: k }, (_, j) => sorted[Math.min(n - 1, Math.floor(((j + 0.5) / k) * n))]!);
  const spread = Math.max(minStd, (sorted[n - 1]! - sorted[0]!) / (2 * k));
  let stds = new Array<number>(k).fill(spread);
  let weights = new Array<number>(k).fill(1 / k);
  const resp = new Float64Array(n * k);
  let prev = -Infinity;
  let ll = -Infinity;
  for (let it = 0; it < iterations; it++) {
    ll = 0;
    const logW = weights.map((w) => Math.log(Math.max(w, 1e-300)));
    const logS = stds.map((sd) => Math.log(sd));
    const inv = stds.map((sd) => 1 / sd);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      const base = i * k;
      for (let j = 0; j < k; j++) {
        const z = (x[i]! - means[j]!) * inv[j]!;
        const lp = logW[j]! - logS[j]! - 0.5 * z * z;
        resp[base + j] = lp;
        if (lp > max) max = lp;
      }
      let s = 0;
      for (let j = 0; j < k; j++) {
        const e = Math.exp(resp[base + j]! - max);
        resp[base + j] = e;
        s += e;
      }
      const invS = 1 / s;
      for (let j = 0; j < k; j++) resp[base + j] = resp[base + j]! * invS;
      ll += max + Math.log(s);
    }
    const nk = new Float64Array(k);
    const sx = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const r = resp[i * k + j]!;
        nk[j] = nk[j]! + r;
        sx[j] = sx[j]! + r * x[i]!;
      }
    }
    means = Array.from(nk, (c, j) => (c > 1e-9 ? sx[j]! / c : means[j]!));
    const sxx = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const d = x[i]! - means[j]!;
        sxx[j] = sxx[j]! + resp[i * k + j]! * d * d;
      }
    }
    stds = Array.from(nk, (c, j) => Math.max(minStd, c > 1e-9 ? Math.sqrt(sxx[j]! / c) : spread));
    weights = Array.from(nk, (c) => c / n);
    if (Math.abs(ll - prev) < 1e-7 * n) break;
    prev = ll;
  }
  const c = -0.5 * Math.log(2 * Math.PI) * n;
  return { mixture: { weights, means, stds }, logLik: ll + c };
}

export function fitMixture(values: Float64Array, rng: Rng, opts: MixtureOptions = {}): Mixture {
  const maxModes = opts.maxModes ?? 10;
  const minWeight = opts.minWeight ?? 0.005;
  const iterations = opts.iterations ?? 80;
  let x = values;
  const maxRows = opts.maxRows ?? 2000;
  if (x.length > maxRows) {
    x = new Float64Array(maxRows);
    for (let i = 0; i < maxRows; i++) x[i] = values[rng.int(values.length)]!;
  }
  const n = x.length;
  if (n === 0) return { weights: [1], means: [0], stds: [1] };
  const sorted = Float64Array.from(x).sort();
  let mean = 0;
  for (const v of x) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of x) variance += (v - mean) * (v - mean);
  const minStd = Math.max(1e-6, MIN_STD_SHARE * Math.sqrt(variance / n));
  const distinct = new Set(sorted).size;
  let best: EmResult | null = null;
  let bestBic = Infinity;
  let worse = 0;
  for (let k = 1; k <= Math.min(maxModes, distinct); k++) {
    const r = em(x, sorted, k, iterations, minStd);
    const bic = -2 * r.logLik + (3 * k - 1) * Math.log(n);
    if (bic < bestBic) {
      bestBic = bic;
      best = r;
      worse = 0;
    } else if (++worse >= 2) {
      break;
    }
  }
  const m = best!.mixture;
  const kept = m.weights.map((w, j) => j).filter((j) => m.weights[j]! >= minWeight);
  const s = kept.reduce((a, j) => a + m.weights[j]!, 0);
  const order = kept.sort((a, b) => m.means[a]! - m.means[b]!);
  return { weights: order.map((j) => m.weights[j]! / s), means: order.map((j) => m.means[j]!), stds: order.map((j) => m.stds[j]!) };
}

/**
 * Widens the nearest mode wherever a value lies more than 4 standard deviations from every mode, so
 * that alpha = (x - mu) / (4 sigma) stays inside [-1, 1] and every training value is invertible.
 */
export function coverValues(m: Mixture, values: ArrayLike<number>): Mixture {
  const stds = m.stds.slice();
  for (let i = 0; i < values.length; i++) {
    const y = values[i]!;
    let bestJ = 0;
    let best = Infinity;
    for (let j = 0; j < stds.length; j++) {
      const a = Math.abs(y - m.means[j]!) / (4 * stds[j]!);
      if (a < best) {
        best = a;
        bestJ = j;
      }
    }
    if (best > 1) stds[bestJ] = Math.abs(y - m.means[bestJ]!) / 3.99;
  }
  return { weights: m.weights, means: m.means, stds };
}

/** Posterior probability of each mode for one value. */
export function modePosterior(m: Mixture, x: number, out: Float64Array): void {
  const k = m.weights.length;
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    const z = (x - m.means[j]!) / m.stds[j]!;
    const lp = Math.log(m.weights[j]!) - Math.log(m.stds[j]!) - 0.5 * z * z;
    out[j] = lp;
    if (lp > max) max = lp;
  }
  let s = 0;
  for (let j = 0; j < k; j++) {
    const e = Math.exp(out[j]! - max);
    out[j] = e;
    s += e;
  }
  for (let j = 0; j < k; j++) out[j] = out[j]! / s;
}
