/**
 * Small fidelity statistics used inside the synth area: by tests, by the model chooser when the
 * quality module is not available, and by the benchmark. Score = mean over columns of the KS
 * complement (numeric) or total-variation complement (categorical), as SDMetrics' Column Shapes does.
 */
import type { Column, Table } from '../../data/table';
import { getColumn, isNumeric } from '../../data/table';

function presentSorted(values: Float64Array): Float64Array {
  const out: number[] = [];
  for (const v of values) if (!Number.isNaN(v)) out.push(v);
  return Float64Array.from(out).sort();
}

/** Two-sample Kolmogorov-Smirnov statistic (missing values dropped); 0 when either side is empty. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const x = presentSorted(a);
  const y = presentSorted(b);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/** Category -> share (null counted as its own category). */
export function frequencies(values: readonly (string | null)[]): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v ?? null, (counts.get(v ?? null) ?? 0) + 1);
  const n = values.length;
  for (const [k, c] of counts) counts.set(k, c / n);
  return counts;
}

/** Total variation distance between two categorical samples. */
export function tvDistance(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  const fa = frequencies(a);
  const fb = frequencies(b);
  let s = 0;
  for (const k of new Set([...fa.keys(), ...fb.keys()])) s += Math.abs((fa.get(k) ?? 0) - (fb.get(k) ?? 0));
  return s / 2;
}

/** Average ranks (ties share their mean rank), as scipy's rankdata. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((p, q) => values[p]! - values[q]!);
  const r = new Float64Array(n);
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && values[idx[e]!] === values[idx[s]!]) e++;
    const avg = (s + e - 1) / 2 + 1;
    for (let k = s; k < e; k++) r[idx[k]!] = avg;
    s = e;
  }
  return r;
}

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]! - mx;
    const b = y[i]! - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Spearman rank correlation over rows where both values are present. */
export function spearman(a: Float64Array, b: Float64Array): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) continue;
    xs.push(a[i]!);
    ys.push(b[i]!);
  }
  return pearson(ranks(xs), ranks(ys));
}

/** 1 - KS (numeric) or 1 - TV (categorical) for one column; null for text/id columns. */
export function columnShapeScore(real: Column, synth: Column): number | null {
  if (isNumeric(real) && isNumeric(synth)) return 1 - ksStatistic(real.values, synth.values);
  if (real.type === 'categorical' && synth.type === 'categorical') return 1 - tvDistance(real.values, synth.values);
  return null;
}

/** Mean column-shape score over the real table's numeric and categorical columns. */
export function meanColumnShapes(real: Table, synth: Table): { score: number; perColumn: Record<string, number> } {
  const perColumn: Record<string, number> = {};
  let sum = 0;
  let k = 0;
  for (const c of real.columns) {
    const s = columnShapeScore(c, getColumn(synth, c.name));
    if (s === null) continue;
    perColumn[c.name] = s;
    sum += s;
    k++;
  }
  return { score: k === 0 ? 0 : sum / k, perColumn };
}
