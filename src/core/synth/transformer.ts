/**
 * Reversible data transformer for the neural synthesizers (CTGAN, TVAE): a table becomes a float
 * matrix and back. Its layout (spans with their activation) is the single source of truth for the
 * generator's output activations, the losses and the conditional vector.
 *
 * - numerical / datetime: optional log1p for skewed non-negative columns, standardised, then
 *   mode-specific normalisation (Xu et al. 2019): a Gaussian mixture (<= 10 modes chosen by BIC,
 *   weights < 0.005 pruned, widened where needed so every training value is representable); a value becomes alpha = (x - mu_k) / (4 sigma_k) in [-1, 1] (tanh) plus the one-hot
 *   mode k (softmax), k drawn from the value's posterior over modes. Inverse rounds integer columns
 *   and clips to the observed [min, max]. A column with missing values gets a 2-way indicator span.
 * - categorical: one-hot (softmax); a missing value is one more category. These spans form the
 *   conditional vector.
 * - text / id: not modelled; resampled from observed values on the way back (as in the copula).
 */
import type { Column, Table } from '../data/table';
import { isNumeric, makeTable } from '../data/table';
import type { Rng } from '../runtime/rng';
import type { Mixture } from './math/gmm';
import { coverValues, fitMixture, modePosterior } from './math/gmm';
import type { ResampledMarginalState } from './copula/marginals';
import { fitResampled } from './copula/marginals';

export interface ContinuousInfo {
  readonly type: 'continuous';
  readonly name: string;
  readonly columnType: 'numerical' | 'datetime';
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** x -> log1p(x - min) before standardising (skewed, non-negative columns). */
  readonly log: boolean;
  readonly center: number;
  readonly scale: number;
  readonly mixture: Mixture;
  readonly hasMissing: boolean;
}

export interface DiscreteInfo {
  readonly type: 'discrete';
  readonly name: string;
  /** null stands for a missing value. */
  readonly categories: readonly (string | null)[];
  readonly counts: readonly number[];
}

export type ColumnInfo = ContinuousInfo | DiscreteInfo | ResampledMarginalState;

export type SpanRole = 'value' | 'mode' | 'category' | 'missing';

export interface Span {
  /** Index into the transformer's columns (= training table column order). */
  readonly column: number;
  readonly name: string;
  readonly role: SpanRole;
  readonly activation: 'tanh' | 'softmax';
  readonly start: number;
  readonly size: number;
}

export interface Layout {
  readonly dim: number;
  readonly spans: readonly Span[];
  /** The categorical spans, in order: the conditional vector is their concatenation. */
  readonly conditionSpans: readonly Span[];
  readonly condDim: number;
}

export interface TransformerState {
  readonly columns: readonly ColumnInfo[];
}

export interface Transformed {
  readonly n: number;
  readonly dim: number;
  /** Row-major n x dim. */
  readonly data: Float32Array;
  /** Per condition span, each row's category index. */
  readonly categoryOf: readonly Int32Array[];
}

const SKEW_FOR_LOG = 2;

function skewness(v: number[]): number {
  const n = v.length;
  if (n < 3) return 0;
  const m = v.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const x of v) {
    const d = x - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
}

function allIntegers(values: Float64Array): boolean {
  for (const v of values) if (!Number.isNaN(v) && !Number.isInteger(v)) return false;
  return true;
}

export class DataTransformer {
  readonly layout: Layout;

  constructor(readonly state: TransformerState) {
    this.layout = buildLayout(state.columns);
  }

  static fit(table: Table, rng: Rng): DataTransformer {
    if (table.nRows === 0) throw new Error('Cannot fit a model on a table with no rows.');
    const columns: ColumnInfo[] = table.columns.map((c) => fitColumn(c, rng));
    if (!columns.some((c) => c.type !== 'resampled')) {
      throw new Error('The table has no numeric or categorical column to learn from (only text/id columns); mark a column as categorical or numerical.');
    }
    return new DataTransformer({ columns });
  }

  transform(table: Table, rng: Rng): Transformed {
    const { dim, spans, conditionSpans } = this.layout;
    const n = table.nRows;
    const data = new Float32Array(n * dim);
    const categoryOf = conditionSpans.map(() => new Int32Array(n));
    const cols = this.state.columns;
    for (const [j, info] of cols.entries()) {
      const col = table.columns.find((c) => c.name === info.name);
      if (!col) throw new Error(`The table has no column "${info.name}", which the model was fitted on.`);
      if (info.type === 'continuous') {
        if (!isNumeric(col)) throw new Error(`Column "${info.name}" must be numeric (it was when the model was fitted).`);
        const valueSpan = spans.find((s) => s.column === j && s.role === 'value')!;
        const modeSpan = spans.find((s) => s.column === j && s.role === 'mode')!;
        const missSpan = spans.find((s) => s.column === j && s.role === 'missing');
        const k = info.mixture.weights.length;
        const post = new Float64Array(k);
        const heaviest = info.mixture.weights.indexOf(Math.max(...info.mixture.weights));
        for (let i = 0; i < n; i++) {
          const row = i * dim;
          const x = col.values[i]!;
          if (Number.isNaN(x)) {
            data[row + modeSpan.start + heaviest] = 1;
            if (missSpan) data[row + missSpan.start + 1] = 1;
            continue;
          }
          if (missSpan) data[row + missSpan.start] = 1;
          const y = toStandard(info, x);
          modePosterior(info.mixture, y, post);
          let mode = drawIndex(post, rng);
          let alpha = (y - info.mixture.means[mode]!) / (4 * info.mixture.stds[mode]!);
          if (Math.abs(alpha) > 1) {
            // Far in a tail: use the mode that represents it best so the value stays invertible.
            let best = Infinity;
            for (let m = 0; m < k; m++) {
              const a = (y - info.mixture.means[m]!) / (4 * info.mixture.stds[m]!);
              if (Math.abs(a) < best) {
                best = Math.abs(a);
                mode = m;
                alpha = a;
              }
            }
          }
          data[row + valueSpan.start] = Math.max(-1, Math.min(1, alpha));
          data[row + modeSpan.start + mode] = 1;
        }
      } else if (info.type === 'discrete') {
        if (isNumeric(col)) throw new Error(`Column "${info.name}" must be categorical (it was when the model was fitted).`);
        const span = spans.find((s) => s.column === j && s.role === 'category')!;
        const ci = conditionSpans.indexOf(span);
        const index = new Map(info.categories.map((c, idx) => [c, idx]));
        for (let i = 0; i < n; i++) {
          const idx = index.get(col.values[i] ?? null);
          if (idx === undefined) {
            throw new Error(`Row ${i + 1}, column "${info.name}": value "${col.values[i]}" was not seen when the model was fitted.`);
          }
          data[i * dim + span.start + idx] = 1;
          categoryOf[ci]![i] = idx;
        }
      }
    }
    return { n, dim, data, categoryOf };
  }

  /** Rows of the transformed space back to a table. Softmax spans are read by argmax. */
  inverse(data: Float32Array, n: number, rng: Rng): Table {
    const { dim, spans } = this.layout;
    const out: Column[] = this.state.columns.map((info, j) => {
      if (info.type === 'continuous') {
        const valueSpan = spans.find((s) => s.column === j && s.role === 'value')!;
        const modeSpan = spans.find((s) => s.column === j && s.role === 'mode')!;
        const missSpan = spans.find((s) => s.column === j && s.role === 'missing');
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const row = i * dim;
          if (missSpan && data[row + missSpan.start + 1]! > data[row + missSpan.start]!) {
            values[i] = NaN;
            continue;
          }
          const mode = argmax(data, row + modeSpan.start, modeSpan.size);
          const alpha = Math.max(-1, Math.min(1, data[row + valueSpan.start]!));
          values[i] = fromStandard(info, alpha * 4 * info.mixture.stds[mode]! + info.mixture.means[mode]!);
        }
        return { name: info.name, type: info.columnType, values, integer: info.integer };
      }
      if (info.type === 'discrete') {
        const span = spans.find((s) => s.column === j && s.role === 'category')!;
        const values = new Array<string | null>(n);
        for (let i = 0; i < n; i++) values[i] = info.categories[argmax(data, i * dim + span.start, span.size)] ?? null;
        return { name: info.name, type: 'categorical', values };
      }
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        values[i] = info.pool.length === 0 || rng.uniform() < info.missingRate ? null : info.pool[rng.int(info.pool.length)]!;
      }
      return { name: info.name, type: info.columnType, values };
    });
    return makeTable(out);
  }
}

function fitColumn(c: Column, rng: Rng): ColumnInfo {
  if (isNumeric(c)) {
    const present: number[] = [];
    for (const v of c.values) if (!Number.isNaN(v)) present.push(v);
    if (present.length === 0) {
      throw new Error(`Column "${c.name}" has no values at all; drop it before fitting.`);
    }
    let min = Infinity;
    let max = -Infinity;
    for (const v of present) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const log = min >= 0 && skewness(present) > SKEW_FOR_LOG;
    const pre = log ? present.map((v) => Math.log1p(v - min)) : present;
    const center = pre.reduce((a, b) => a + b, 0) / pre.length;
    const sd = Math.sqrt(pre.reduce((a, b) => a + (b - center) * (b - center), 0) / pre.length);
    const scale = sd > 0 ? sd : 1;
    const standard = Float64Array.from(pre, (v) => (v - center) / scale);
    const mixture = coverValues(fitMixture(standard, rng), standard);
    return {
      type: 'continuous',
      name: c.name,
      columnType: c.type,
      integer: c.type === 'datetime' || (c.integer ?? allIntegers(c.values)),
      min,
      max,
      log,
      center,
      scale,
      mixture,
      hasMissing: present.length < c.values.length,
    };
  }
  if (c.type === 'categorical') {
    const counts = new Map<string | null, number>();
    for (const v of c.values) counts.set(v ?? null, (counts.get(v ?? null) ?? 0) + 1);
    const categories = [...counts.keys()];
    return { type: 'discrete', name: c.name, categories, counts: categories.map((k) => counts.get(k)!) };
  }
  return fitResampled({ ...c, type: c.type }, rng);
}

function toStandard(info: ContinuousInfo, x: number): number {
  const pre = info.log ? Math.log1p(Math.max(0, x - info.min)) : x;
  return (pre - info.center) / info.scale;
}

function fromStandard(info: ContinuousInfo, y: number): number {
  const pre = y * info.scale + info.center;
  let x = info.log ? Math.expm1(Math.max(0, pre)) + info.min : pre;
  x = Math.max(info.min, Math.min(info.max, x));
  return info.integer ? Math.round(x) : x;
}

function buildLayout(columns: readonly ColumnInfo[]): Layout {
  const spans: Span[] = [];
  let at = 0;
  const add = (column: number, name: string, role: SpanRole, activation: 'tanh' | 'softmax', size: number): Span => {
    const s: Span = { column, name, role, activation, start: at, size };
    spans.push(s);
    at += size;
    return s;
  };
  const conditionSpans: Span[] = [];
  columns.forEach((c, j) => {
    if (c.type === 'continuous') {
      add(j, c.name, 'value', 'tanh', 1);
      add(j, c.name, 'mode', 'softmax', c.mixture.weights.length);
      if (c.hasMissing) add(j, c.name, 'missing', 'softmax', 2);
    } else if (c.type === 'discrete') {
      conditionSpans.push(add(j, c.name, 'category', 'softmax', c.categories.length));
    }
  });
  return { dim: at, spans, conditionSpans, condDim: conditionSpans.reduce((a, s) => a + s.size, 0) };
}

function argmax(a: Float32Array, start: number, size: number): number {
  let best = 0;
  for (let k = 1; k < size; k++) if (a[start + k]! > a[start + best]!) best = k;
  return best;
}

function drawIndex(p: Float64Array, rng: Rng): number {
  let u = rng.uniform();
  for (let k = 0; k < p.length; k++) {
    u -= p[k]!;
    if (u < 0) return k;
  }
  return p.length - 1;
}
