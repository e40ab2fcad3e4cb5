/**
 * Gaussian copula synthesizer for one table: each column's own distribution (marginal) plus the
 * correlation of the columns' normal scores. Fast to fit, strong on small tables.
 *
 * Column handling:
 * - numerical and datetime (epoch ms): empirical quantile function, interpolated; integers stay
 *   integers, values stay within the observed [min, max]; missing values as a per-column missing rate.
 * - categorical: SDV-style intervals; a missing value is its own category.
 * - text and id: not modelled; each is filled by resampling observed values independently of the
 *   rest (so ids repeat real ids: drop such columns before fitting if that matters).
 *
 * sample() is a pure function of (fitted model, n, seed, conditions): without a seed it uses the
 * seed given to the constructor, so repeated calls and a saved-and-loaded copy return the same rows.
 */
import { join } from 'node:path';
import type { Column, Table } from '../data/table';
import { isNumeric, makeTable } from '../data/table';
import { Rng } from '../runtime/rng';
import type { TaskOptions } from '../runtime/progress';
import { throwIfAborted, yieldToLoop } from '../runtime/progress';
import type { Conditions, SampleOptions, Synthesizer } from './synthesizer';
import type { MarginalState } from './copula/marginals';
import { CategoricalMarginal, NumericMarginal, categoryOrderKey, fitCategorical, fitNumeric, fitResampled } from './copula/marginals';
import type { HeldCoordinate } from './copula/gaussian';
import { GaussianDrawer } from './copula/gaussian';
import { choleskyWithRidge } from './math/linalg';
import { MODEL_FILE, writeJsonAtomic } from './persist';

export interface CopulaOptions {
  /** Seed for fitting (tie-breaking jitter) and the default seed for sampling. Default 0. */
  readonly seed?: number;
}

export interface CopulaState {
  readonly kind: 'copula';
  readonly version: 1;
  readonly seed: number;
  readonly nTrainingRows: number;
  /** One per training column, in table order. */
  readonly columns: readonly MarginalState[];
  /** Indices into columns of those in the Gaussian, in correlation-matrix order. */
  readonly gaussian: readonly number[];
  /** Row-major correlation of the normal scores (after the ridge that makes it positive definite). */
  readonly correlation: readonly number[];
  readonly ridge: number;
}

type Decoder =
  | { readonly type: 'numeric'; readonly m: NumericMarginal; readonly g: number }
  | { readonly type: 'categorical'; readonly m: CategoricalMarginal; readonly g: number }
  | { readonly type: 'resampled'; readonly state: Extract<MarginalState, { type: 'resampled' }> }
  | { readonly type: 'empty'; readonly state: Extract<MarginalState, { type: 'numeric' }> };

export class GaussianCopula implements Synthesizer {
  readonly kind = 'copula';
  private readonly seed: number;
  private state: CopulaState | null = null;

  constructor(options: CopulaOptions = {}) {
    this.seed = options.seed ?? 0;
  }

  static fromState(state: CopulaState): GaussianCopula {
    const c = new GaussianCopula({ seed: state.seed });
    c.state = state;
    return c;
  }

  /** The fitted state (for inspection and tests); throws before fit. */
  get fitted(): CopulaState {
    if (!this.state) throw new Error('The Gaussian copula is not fitted yet: call fit(table) first.');
    return this.state;
  }

  async fit(table: Table, opts: TaskOptions = {}): Promise<void> {
    if (table.nRows === 0) throw new Error('Cannot fit a Gaussian copula on a table with no rows.');
    if (table.columns.length === 0) throw new Error('Cannot fit a Gaussian copula on a table with no columns.');
    const rng = new Rng(this.seed ^ 0x5f3759df);
    const n = table.nRows;
    const nCols = table.columns.length;
    const columns: (MarginalState | undefined)[] = new Array<MarginalState | undefined>(nCols);
    const scoreOf = new Map<number, Float64Array>();
    // Numeric columns first: their scores decide the order of each categorical's intervals.
    const numericFirst = table.columns.map((c, j) => j).sort((a, b) => Number(!isNumeric(table.columns[a]!)) - Number(!isNumeric(table.columns[b]!)));
    const numericScores: Float64Array[] = [];
    for (const [step, j] of numericFirst.entries()) {
      throwIfAborted(opts.signal);
      const col: Column = table.columns[j]!;
      if (isNumeric(col)) {
        const { state, scores } = fitNumeric(col, rng);
        columns[j] = state;
        if (state.knots.length > 0) {
          scoreOf.set(j, scores);
          numericScores.push(scores);
        }
      } else if (col.type === 'categorical') {
        const { state, scores } = fitCategorical(col, rng, categoryOrderKey(col, numericScores));
        columns[j] = state;
        scoreOf.set(j, scores);
      } else {
        columns[j] = fitResampled({ ...col, type: col.type }, rng);
      }
      opts.onProgress?.({ stage: 'fitting', model: 'copula', fraction: (step + 1) / (nCols + 1), message: `column ${col.name}` });
      if (n > 50_000) await yieldToLoop();
    }
    const gaussian = [...scoreOf.keys()].sort((a, b) => a - b);
    const scores = gaussian.map((j) => scoreOf.get(j)!);
    throwIfAborted(opts.signal);
    const d = gaussian.length;
    const corr = pairwiseCorrelation(scores, n);
    const { matrix, ridge } = choleskyWithRidge(corr, d);
    this.state = {
      kind: 'copula',
      version: 1,
      seed: this.seed,
      nTrainingRows: n,
      columns: columns.map((c) => c!),
      gaussian,
      correlation: Array.from(matrix),
      ridge,
    };
    opts.onProgress?.({ stage: 'fitting', model: 'copula', fraction: 1 });
  }

  async sample(n: number, opts: SampleOptions = {}): Promise<Table> {
    const st = this.fitted;
    if (!Number.isInteger(n) || n < 0) throw new Error(`Cannot sample ${n} rows: give a whole number of rows, 0 or more.`);
    const rng = new Rng(opts.seed ?? st.seed);
    const d = st.gaussian.length;
    const decoders = makeDecoders(st);
    const { held, fixed } = resolveConditions(st, decoders, opts.conditions ?? {});
    const drawer = new GaussianDrawer(Float64Array.from(st.correlation), d, held);
    const out: (Float64Array | (string | null)[])[] = st.columns.map((c) =>
      c.type === 'numeric' ? new Float64Array(n) : new Array<string | null>(n),
    );
    const z = new Float64Array(d);
    for (let r = 0; r < n; r++) {
      if ((r & 0x3fff) === 0x3fff) {
        throwIfAborted(opts.signal);
        await yieldToLoop();
      }
      drawer.draw(rng, z);
      for (let j = 0; j < decoders.length; j++) {
        const dec = decoders[j]!;
        const target = out[j]!;
        const fixedValue = fixed.get(j);
        if (fixedValue !== undefined) {
          target[r] = fixedValue;
          continue;
        }
        switch (dec.type) {
          case 'numeric':
            (target as Float64Array)[r] = rng.uniform() < dec.m.state.missingRate ? NaN : dec.m.fromNormal(z[dec.g]!);
            break;
          case 'categorical':
            (target as (string | null)[])[r] = dec.m.fromNormal(z[dec.g]!);
            break;
          case 'resampled': {
            const pool = dec.state.pool;
            (target as (string | null)[])[r] = pool.length === 0 || rng.uniform() < dec.state.missingRate ? null : pool[rng.int(pool.length)]!;
            break;
          }
          case 'empty':
            (target as Float64Array)[r] = NaN;
            break;
        }
      }
    }
    const columns: Column[] = st.columns.map((c, j) => {
      const values = out[j]!;
      if (c.type === 'numeric') return { name: c.name, type: c.columnType, values: values as Float64Array, integer: c.integer };
      if (c.type === 'categorical') return { name: c.name, type: 'categorical', values: values as (string | null)[] };
      return { name: c.name, type: c.columnType, values: values as (string | null)[] };
    });
    return makeTable(columns);
  }

  async save(dir: string): Promise<void> {
    await writeJsonAtomic(join(dir, MODEL_FILE), this.fitted);
  }
}

/** Pearson correlation of normal scores over the rows where both are present (pairwise deletion). */
function pairwiseCorrelation(scores: readonly Float64Array[], n: number): Float64Array {
  const d = scores.length;
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    r[a * d + a] = 1;
    const sa = scores[a]!;
    for (let b = a + 1; b < d; b++) {
      const sb = scores[b]!;
      let m = 0;
      let ma = 0;
      let mb = 0;
      for (let i = 0; i < n; i++) {
        const x = sa[i]!;
        const y = sb[i]!;
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        m++;
        ma += x;
        mb += y;
      }
      let cov = 0;
      let va = 0;
      let vb = 0;
      if (m > 1) {
        ma /= m;
        mb /= m;
        for (let i = 0; i < n; i++) {
          const x = sa[i]!;
          const y = sb[i]!;
          if (Number.isNaN(x) || Number.isNaN(y)) continue;
          cov += (x - ma) * (y - mb);
          va += (x - ma) * (x - ma);
          vb += (y - mb) * (y - mb);
        }
      }
      const c = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
      r[a * d + b] = c;
      r[b * d + a] = c;
    }
  }
  return r;
}

function makeDecoders(st: CopulaState): Decoder[] {
  return st.columns.map((c, j) => {
    const g = st.gaussian.indexOf(j);
    if (c.type === 'numeric') return g >= 0 ? { type: 'numeric', m: new NumericMarginal(c), g } : { type: 'empty', state: c };
    if (c.type === 'categorical') return { type: 'categorical', m: new CategoricalMarginal(c), g };
    return { type: 'resampled', state: c };
  });
}

/** Turns {column: value} into intervals on the Gaussian coordinates and fixed output values. */
function resolveConditions(
  st: CopulaState,
  decoders: readonly Decoder[],
  conditions: Conditions,
): { held: HeldCoordinate[]; fixed: Map<number, string | number> } {
  const held: HeldCoordinate[] = [];
  const fixed = new Map<number, string | number>();
  for (const [name, value] of Object.entries(conditions)) {
    const j = st.columns.findIndex((c) => c.name === name);
    if (j < 0) {
      throw new Error(`Cannot condition on column "${name}": the model has no such column (it has ${st.columns.map((c) => c.name).join(', ')}).`);
    }
    const dec = decoders[j]!;
    switch (dec.type) {
      case 'categorical': {
        const key = String(value);
        const iv = dec.m.normalInterval(key);
        if (!iv) {
          const st2 = dec.m.state;
          const byShare = st2.categories.map((c, i) => ({ c, s: st2.shares[i]! })).sort((a, b) => b.s - a.s);
          const known = byShare.map((x) => x.c).filter((c): c is string => c !== null).slice(0, 8);
          throw new Error(
            `Cannot condition on ${name} = "${key}": that value never occurs in column "${name}" of the training data. Known values include: ${known.join(', ')}.`,
          );
        }
        held.push({ index: dec.g, lo: iv[0], hi: iv[1] });
        fixed.set(j, key);
        break;
      }
      case 'numeric': {
        const x = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(x)) throw new Error(`Cannot condition on ${name} = "${value}": column "${name}" is numeric, give a number.`);
        const iv = dec.m.normalInterval(x);
        held.push({ index: dec.g, lo: iv[0], hi: iv[1] });
        fixed.set(j, x);
        break;
      }
      case 'resampled':
        // Text and id columns are independent of the rest: holding them changes nothing else.
        fixed.set(j, String(value));
        break;
      case 'empty':
        throw new Error(`Cannot condition on column "${name}": every value of it was missing in the training data.`);
    }
  }
  return { held, fixed };
}
