/**
 * Standard normal distribution functions in double precision, used by the Gaussian copula to map
 * between probabilities and normal scores. Accuracy matters in the tails: a rare category occupies
 * a thin probability interval near 0 or 1, so the lower tail is computed directly rather than as 1 - x.
 */
import type { Rng } from '../../runtime/rng';

const INV_SQRT_2PI = 0.3989422804014327;

export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** P(Z <= x) for x <= 0, to about 1e-15 relative accuracy. */
function lowerTail(x: number): number {
  if (x > -3) {
    // Taylor series of Phi around 0 (Marsaglia 2004): Phi(x) = 1/2 + pdf(x) * (x + x^3/3 + x^5/15 + ...).
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let k = 3; Math.abs(term) > 1e-17 * Math.abs(sum); k += 2) {
      term *= x2 / k;
      sum += term;
    }
    return 0.5 + normalPdf(x) * sum;
  }
  if (x < -38.5) return 0;
  // Continued fraction for the Mills ratio, evaluated backwards; converges quickly for |x| >= 3.
  const a = -x;
  let f = a;
  for (let k = 60; k >= 1; k--) f = a + k / f;
  return normalPdf(a) / f;
}

/** P(Z <= x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x <= 0 ? lowerTail(x) : 1 - lowerTail(-x);
}

/** P(Z > x), exact in the upper tail. */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

// Acklam's rational approximation (relative error 1.2e-9), refined by one Halley step to full precision.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
  }
  if (p > 1 - P_LOW) return -acklam(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1);
}

/** The z with P(Z <= z) = p; -Infinity at 0 and +Infinity at 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Work in the lower tail for precision, then mirror.
  if (p > 0.5) return -normalQuantile(1 - p);
  const x = acklam(p);
  const e = lowerTail(x) - p;
  const u = e / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}

/**
 * A draw of Z conditioned on lo <= Z <= hi (inverse-CDF method). Works in the tail nearer to zero
 * mass so intervals far out (e.g. [6, 7]) stay accurate.
 */
export function truncatedNormal(rng: Rng, lo: number, hi: number): number {
  if (lo >= hi) return lo;
  if (lo > 0) return -truncatedNormal(rng, -hi, -lo);
  const pl = normalCdf(lo);
  const ph = normalCdf(hi);
  const u = pl + rng.uniform() * (ph - pl);
  const z = normalQuantile(u);
  return Math.min(hi, Math.max(lo, z));
}
