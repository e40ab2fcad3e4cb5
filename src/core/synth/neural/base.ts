/**
 * What CTGAN and TVAE share behind the Synthesizer interface: the data transformer, the validation
 * split, batched generation with conditions (a categorical condition steers CTGAN's conditional
 * vector; every condition is then enforced by keeping only matching rows), and save/load as
 * synthesizer.json (options, transformer state, weight manifest) plus weights.bin.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Column, Table } from '../../data/table';
import { isNumeric, makeTable, takeRows } from '../../data/table';
import { Rng } from '../../runtime/rng';
import type { TaskOptions } from '../../runtime/progress';
import { throwIfAborted, yieldToLoop } from '../../runtime/progress';
import type { Conditions, SampleOptions, Synthesizer } from '../synthesizer';
import type { TransformerState } from '../transformer';
import { DataTransformer } from '../transformer';
import { MODEL_FILE, writeFileAtomic, writeJsonAtomic } from '../persist';
import { fidelityScore } from '../eval/score';
import type { ParamManifestEntry } from './params';
import { ParamSet } from './params';
import type { TrainingSummary } from './trainer';

export const WEIGHTS_FILE = 'weights.bin';

export interface NeuralOptions {
  readonly seed?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  /** Stop training after this many seconds (the best checkpoint so far is kept). */
  readonly timeBudgetSec?: number;
  /** Share of rows held out to score epochs for the checkpoint and early stopping (0 disables). */
  readonly validationFraction?: number;
  /** Validate every this many epochs (default: about 30 validations per run). */
  readonly evalEvery?: number;
  /** Validations without improvement before stopping early (default 10; 0 never stops early). */
  readonly patience?: number;
}

export interface SavedNeural<O> {
  readonly kind: string;
  readonly version: 1;
  readonly options: O;
  readonly transformer: TransformerState;
  readonly params: readonly ParamManifestEntry[];
  readonly training: TrainingSummary | null;
}

interface Condition {
  readonly column: number;
  readonly accepts: (t: Table, row: number) => boolean;
  readonly value: string | number;
}

export abstract class NeuralSynthesizer<O extends NeuralOptions> implements Synthesizer {
  abstract readonly kind: 'ctgan' | 'tvae';
  protected transformer: DataTransformer | null = null;
  protected params = new ParamSet();
  protected readonly seed: number;
  /** How training went (epochs, best epoch and score, why it stopped); null before fit. */
  training: TrainingSummary | null = null;

  constructor(readonly options: O) {
    this.seed = options.seed ?? 0;
  }

  protected abstract build(transformer: DataTransformer, rng: Rng): void;
  protected abstract train(data: ReturnType<DataTransformer['transform']>, validation: Table | null, rng: Rng, opts: TaskOptions): Promise<TrainingSummary>;
  /** Rows in the transformed space (count x layout.dim), for transformer.inverse. */
  protected abstract generate(rng: Rng, count: number, fixedCategory?: { span: number; category: number }): Float32Array;

  protected get fittedTransformer(): DataTransformer {
    if (!this.transformer) throw new Error(`The ${this.kind.toUpperCase()} model is not fitted yet: call fit(table) first.`);
    return this.transformer;
  }

  async fit(table: Table, opts: TaskOptions = {}): Promise<void> {
    throwIfAborted(opts.signal);
    const rng = new Rng(this.seed);
    const { train, validation } = holdOut(table, this.options.validationFraction ?? 0.1, rng);
    const transformer = DataTransformer.fit(table, rng);
    opts.onProgress?.({ stage: 'fitting', model: this.kind, fraction: 0, message: `${transformer.layout.dim} transformed columns` });
    await yieldToLoop();
    this.params.dispose();
    this.params = new ParamSet();
    this.transformer = transformer;
    this.build(transformer, rng);
    try {
      this.training = await this.train(transformer.transform(train, rng), validation, rng, opts);
    } catch (e) {
      this.transformer = null;
      this.params.dispose();
      throw e;
    }
  }

  /** Validation fidelity of a fresh sample (fixed seed, so epochs compare on equal terms). */
  protected validationScore(validation: Table | null): number | null {
    if (!validation) return null;
    const n = Math.max(500, Math.min(2000, validation.nRows));
    const rng = new Rng(this.seed ^ 0x7e57);
    const t = this.fittedTransformer;
    return fidelityScore(validation, t.inverse(this.generate(rng, n), n, rng)).overall;
  }

  async sample(n: number, opts: SampleOptions = {}): Promise<Table> {
    const t = this.fittedTransformer;
    if (!Number.isInteger(n) || n < 0) throw new Error(`Cannot sample ${n} rows: give a whole number of rows, 0 or more.`);
    const rng = new Rng(opts.seed ?? this.seed);
    if (n === 0) return t.inverse(new Float32Array(0), 0, rng);
    const conditions = this.resolveConditions(opts.conditions ?? {});
    const steer = this.steering(opts.conditions ?? {});
    const parts: Table[] = [];
    let have = 0;
    let tried = 0;
    const batch = 5000;
    while (have < n) {
      throwIfAborted(opts.signal);
      const count = conditions.length === 0 ? Math.min(batch, n - have) : batch;
      const decoded = t.inverse(this.generate(rng, count, steer), count, rng);
      tried += count;
      if (conditions.length === 0) {
        parts.push(decoded);
        have += count;
      } else {
        const keep: number[] = [];
        for (let i = 0; i < count && have + keep.length < n; i++) if (conditions.every((c) => c.accepts(decoded, i))) keep.push(i);
        if (keep.length > 0) parts.push(takeRows(decoded, keep));
        have += keep.length;
        if (have < n && tried >= Math.max(200_000, 50 * n)) {
          throw new Error(
            `Only ${have} of ${tried} generated rows matched the conditions ${JSON.stringify(opts.conditions)}: the ${this.kind.toUpperCase()} model rarely produces them. Ask for fewer rows, relax the conditions, or use the copula model, which conditions exactly.`,
          );
        }
      }
      if (parts.length % 4 === 0) await yieldToLoop();
    }
    const out = concatTables(parts, t.state.columns.map((c) => c.name));
    return conditions.length === 0 ? out : withExactValues(out, conditions);
  }

  async save(dir: string): Promise<void> {
    const t = this.fittedTransformer;
    const { manifest, bytes } = this.params.toBinary();
    await writeFileAtomic(join(dir, WEIGHTS_FILE), bytes);
    const saved: SavedNeural<O> = { kind: this.kind, version: 1, options: this.options, transformer: t.state, params: manifest, training: this.training };
    await writeJsonAtomic(join(dir, MODEL_FILE), saved);
  }

  /** Restores a saved model into this (unfitted) instance. */
  async loadFrom(dir: string, saved: SavedNeural<O>): Promise<void> {
    const transformer = new DataTransformer(saved.transformer);
    this.params.dispose();
    this.params = new ParamSet();
    this.transformer = transformer;
    this.build(transformer, new Rng(0));
    const path = join(dir, WEIGHTS_FILE);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new Error(`Cannot read ${path}: ${(e as Error).message}. The saved model is incomplete: fit it again.`);
    }
    this.params.loadBinary(saved.params, bytes);
    this.training = saved.training;
  }

  /** Frees the model's tensors. */
  dispose(): void {
    this.params.dispose();
    this.transformer = null;
  }

  /** The conditional-vector category for the first categorical condition (CTGAN uses it). */
  protected steering(conditions: Conditions): { span: number; category: number } | undefined {
    const t = this.fittedTransformer;
    for (const [name, value] of Object.entries(conditions)) {
      const span = t.layout.conditionSpans.findIndex((s) => s.name === name);
      if (span < 0) continue;
      const info = t.state.columns[t.layout.conditionSpans[span]!.column]!;
      if (info.type !== 'discrete') continue;
      const category = info.categories.indexOf(String(value));
      if (category >= 0) return { span, category };
    }
    return undefined;
  }

  private resolveConditions(conditions: Conditions): Condition[] {
    const t = this.fittedTransformer;
    const cols = t.state.columns;
    return Object.entries(conditions).map(([name, value]) => {
      const j = cols.findIndex((c) => c.name === name);
      if (j < 0) throw new Error(`Cannot condition on column "${name}": the model has no such column (it has ${cols.map((c) => c.name).join(', ')}).`);
      const info = cols[j]!;
      if (info.type === 'discrete') {
        const key = String(value);
        if (!info.categories.includes(key)) {
          const known = info.categories
            .map((c, i) => ({ c, n: info.counts[i]! }))
            .sort((a, b) => b.n - a.n)
            .map((x) => x.c)
            .filter((c): c is string => c !== null)
            .slice(0, 8);
          throw new Error(`Cannot condition on ${name} = "${key}": that value never occurs in column "${name}" of the training data. Known values include: ${known.join(', ')}.`);
        }
        return { column: j, value: key, accepts: (tb: Table, i: number) => tb.columns[j]!.values[i] === key };
      }
      if (info.type === 'continuous') {
        const x = typeof value === 'number' ? value : Number(value);
        if (!Number.isFinite(x)) throw new Error(`Cannot condition on ${name} = "${value}": column "${name}" is numeric, give a number.`);
        // Integers must match; other numbers within 1% of the column's range (then set exactly).
        const tol = info.integer ? 0.5 : 0.01 * Math.max(info.max - info.min, 1e-9);
        return { column: j, value: x, accepts: (tb: Table, i: number) => Math.abs((tb.columns[j]!.values[i] as number) - x) <= tol };
      }
      return { column: j, value: String(value), accepts: () => true };
    });
  }
}

/** Seeded hold-out of validation rows; none when the table is too small to spare them. */
function holdOut(table: Table, fraction: number, rng: Rng): { train: Table; validation: Table | null } {
  const nVal = Math.round(table.nRows * fraction);
  if (fraction <= 0 || nVal < 50 || table.nRows - nVal < 100) return { train: table, validation: null };
  const order = Array.from({ length: table.nRows }, (_, i) => i);
  rng.fork().shuffle(order);
  return {
    validation: takeRows(table, order.slice(0, nVal).sort((a, b) => a - b)),
    train: takeRows(table, order.slice(nVal).sort((a, b) => a - b)),
  };
}

function concatTables(parts: readonly Table[], names: readonly string[]): Table {
  const columns: Column[] = names.map((name, j) => {
    const first = parts[0]?.columns[j];
    if (!first) return { name, type: 'categorical', values: [] };
    if (isNumeric(first)) {
      const total = parts.reduce((a, p) => a + p.nRows, 0);
      const values = new Float64Array(total);
      let at = 0;
      for (const p of parts) {
        values.set(p.columns[j]!.values as Float64Array, at);
        at += p.nRows;
      }
      return { ...first, values };
    }
    const values: (string | null)[] = [];
    for (const p of parts) for (const v of p.columns[j]!.values as (string | null)[]) values.push(v);
    return { ...first, values };
  });
  return makeTable(columns);
}

function withExactValues(t: Table, conditions: readonly Condition[]): Table {
  const columns = t.columns.map((c, j) => {
    const cond = conditions.find((x) => x.column === j);
    if (!cond) return c;
    if (isNumeric(c)) return { ...c, values: new Float64Array(t.nRows).fill(Number(cond.value)) };
    return { ...c, values: new Array<string | null>(t.nRows).fill(String(cond.value)) };
  });
  return makeTable(columns);
}
