/**
 * Binary L2-regularised logistic regression fitted by L-BFGS, the model of sklearn's
 * LogisticRegression(solver='lbfgs', C=1): minimise 0.5 * |w|^2 + C * sum(logloss), intercept
 * not penalised, at most 100 iterations, stopping when the largest gradient entry is under 1e-4.
 */

export interface LogisticModel {
  readonly weights: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
}

export interface LogisticOptions {
  readonly c?: number;
  readonly maxIterations?: number;
  readonly tolerance?: number;
}

/** Numerically stable log(1 + exp(z)). */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** x: row-major n x d; y: 0/1 labels. */
export function fitLogistic(x: Float64Array, y: Uint8Array, d: number, options: LogisticOptions = {}): LogisticModel {
  const n = y.length;
  const c = options.c ?? 1;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-4;
  const p = d + 1; // last entry: intercept
  const z = new Float64Array(n);

  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    const b = theta[d]!;
    for (let i = 0; i < n; i++) {
      let s = b;
      const row = i * d;
      for (let j = 0; j < d; j++) s += x[row + j]! * theta[j]!;
      z[i] = s;
      loss += softplus(s) - (y[i]! ? s : 0);
      const r = c * (sigmoid(s) - y[i]!);
      for (let j = 0; j < d; j++) grad[j]! += r * x[row + j]!;
      grad[d]! += r;
    }
    let reg = 0;
    for (let j = 0; j < d; j++) {
      reg += theta[j]! * theta[j]!;
      grad[j]! += theta[j]!;
    }
    return c * loss + 0.5 * reg;
  };

  const memory = 10;
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  let theta = new Float64Array(p);
  let grad = new Float64Array(p);
  let f = evaluate(theta, grad);
  const dot = (a: Float64Array, b: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
    return s;
  };
  const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  let iterations = 0;
  for (; iterations < maxIterations && maxAbs(grad) > tolerance; iterations++) {
    // Two-loop recursion: direction = -H * grad.
    const q = Float64Array.from(grad);
    const alpha = new Array<number>(sList.length);
    for (let k = sList.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(sList[k]!, q);
      for (let i = 0; i < p; i++) q[i]! -= alpha[k]! * yList[k]![i]!;
    }
    let gamma = 1;
    if (sList.length > 0) {
      const last = sList.length - 1;
      gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
    } else {
      gamma = 1 / Math.max(1, Math.sqrt(dot(grad, grad)));
    }
    for (let i = 0; i < p; i++) q[i]! *= gamma;
    for (let k = 0; k < sList.length; k++) {
      const beta = rho[k]! * dot(yList[k]!, q);
      for (let i = 0; i < p; i++) q[i]! += (alpha[k]! - beta) * sList[k]![i]!;
    }
    for (let i = 0; i < p; i++) q[i] = -q[i]!;
    let slope = dot(grad, q);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < p; i++) q[i] = -grad[i]!;
      slope = dot(grad, q);
    }
    // Backtracking line search with the Armijo condition.
    let step = 1;
    const next = new Float64Array(p);
    const nextGrad = new Float64Array(p);
    let fNext = 0;
    let accepted = false;
    for (let tries = 0; tries < 20 && !accepted; tries++) {
      for (let i = 0; i < p; i++) next[i] = theta[i]! + step * q[i]!;
      fNext = evaluate(next, nextGrad);
      accepted = fNext <= f + 1e-4 * step * slope;
      step *= 0.5;
    }
    // No step decreases the objective: converged as far as double precision allows.
    if (!accepted) break;
    const s = new Float64Array(p);
    const yk = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      s[i] = next[i]! - theta[i]!;
      yk[i] = nextGrad[i]! - grad[i]!;
    }
    const sy = dot(s, yk);
    if (sy > 1e-12) {
      sList.push(s);
      yList.push(yk);
      rho.push(1 / sy);
      if (sList.length > memory) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
    }
    const improvement = f - fNext;
    theta = next;
    grad = nextGrad;
    f = fNext;
    // scipy's L-BFGS-B stop rule as sklearn configures it (ftol = 64 * machine epsilon).
    if (improvement <= 64 * Number.EPSILON * Math.max(1, Math.abs(f), Math.abs(f + improvement))) break;
  }
  return { weights: theta.subarray(0, d), intercept: theta[d]!, iterations };
}

export function predictProbability(model: LogisticModel, x: Float64Array, d: number): Float64Array {
  const n = x.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.intercept;
    for (let j = 0; j < d; j++) s += x[i * d + j]! * model.weights[j]!;
    out[i] = sigmoid(s);
  }
  return out;
}
