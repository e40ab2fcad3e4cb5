/**
 * Small dense linear algebra on row-major Float64Arrays (d x d with d = number of modelled columns,
 * rarely above a few dozen), enough for a Gaussian copula: Cholesky, triangular solves, conditioning.
 */

/** Lower-triangular L with L L^T = a, or null when a is not (numerically) positive definite. */
export function cholesky(a: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(s > 1e-12)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j]!;
      }
    }
  }
  return l;
}

/**
 * Cholesky of a covariance (or correlation) matrix after shrinking its off-diagonal part towards zero
 * just enough to be positive definite: (1 - alpha) A + alpha diag(A), alpha from 1e-6 upwards. The
 * variances are kept, so a correlation matrix stays a correlation matrix. Returns the shrunk matrix too.
 */
export function choleskyWithRidge(r: Float64Array, d: number): { readonly l: Float64Array; readonly matrix: Float64Array; readonly ridge: number } {
  for (let alpha = 1e-6; ; alpha *= 10) {
    const a = alpha >= 1 ? 1 : alpha;
    const m = new Float64Array(d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) m[i * d + j] = i === j ? Math.max(r[i * d + i]!, 1e-9) : (1 - a) * r[i * d + j]!;
    }
    const l = cholesky(m, d);
    if (l) return { l, matrix: m, ridge: a };
    if (a === 1) throw new Error('Internal error: a positive diagonal matrix failed a Cholesky decomposition.');
  }
}

/** Solves L y = b for lower-triangular L (d x d), in place on a copy of b. */
export function forwardSolve(l: Float64Array, d: number, b: ArrayLike<number>): Float64Array {
  const y = Float64Array.from(b);
  for (let i = 0; i < d; i++) {
    let s = y[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * y[k]!;
    y[i] = s / l[i * d + i]!;
  }
  return y;
}

/** Solves L^T x = y for lower-triangular L. */
export function backSolve(l: Float64Array, d: number, y: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(y);
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  return x;
}

/** Inverse of a symmetric positive definite matrix through its Cholesky factor. */
export function inverseFromCholesky(l: Float64Array, d: number): Float64Array {
  const inv = new Float64Array(d * d);
  const e = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    const col = backSolve(l, d, forwardSolve(l, d, e));
    for (let i = 0; i < d; i++) inv[i * d + j] = col[i]!;
  }
  return inv;
}

/** Rows/columns `rows` x `cols` of a d x d matrix, as a dense row-major block. */
export function block(a: Float64Array, d: number, rows: readonly number[], cols: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * cols.length);
  rows.forEach((r, i) => cols.forEach((c, j) => (out[i * cols.length + j] = a[r * d + c]!)));
  return out;
}

/** a (n x k) times b (k x m). */
export function matMul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const av = a[i * k + t]!;
      if (av === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] = out[i * m + j]! + av * b[t * m + j]!;
    }
  }
  return out;
}
