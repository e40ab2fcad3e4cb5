/** One call from a file to Interactions: read, infer roles (with recsynth.json overrides), preprocess, encode. */
import { basename } from 'node:path';
import type { Interactions } from './interactions';
import { readDataset, type DatasetFormat, type ReadOptions } from './io';
import { applyOverrides, inferSchema, loadOverrides, type DatasetSchema } from './schema';
import { preprocess, type PreprocessOptions, type PreprocessReport } from './preprocess';
import { dataFrameToTable } from './table-convert';
import { toInteractions } from './interactions-build';
import type { Table } from './table';

export interface LoadInteractionsOptions extends ReadOptions {
  readonly preprocess?: PreprocessOptions;
  /** Read recsynth.json beside the file (default true). */
  readonly useOverrides?: boolean;
  /** Told when reading is done and cleaning starts, with the rows read (for progress and timings). */
  readonly onRead?: (rows: number) => void;
}

export interface LoadedInteractions {
  readonly interactions: Interactions;
  readonly schema: DatasetSchema;
  readonly report: PreprocessReport;
  /** The cleaned rows as a typed table (same rows as the events, in input order). */
  readonly table: Table;
}

export interface CleanTable {
  readonly format: DatasetFormat;
  readonly schema: DatasetSchema;
  readonly report: PreprocessReport;
  /** The cleaned rows as a typed table (toInteractions and the derivations take it as is). */
  readonly table: Table;
}

/** Read, infer roles (with recsynth.json overrides), clean: what every job starts with. */
export async function loadCleanTable(path: string, opts: LoadInteractionsOptions = {}): Promise<CleanTable> {
  const { df, format } = await readDataset(path, opts.format ? { format: opts.format } : {});
  opts.onRead?.(df.height);
  const inferred = inferSchema(df, basename(path));
  const schema = opts.useOverrides === false ? inferred : applyOverrides(inferred, await loadOverrides(path));
  const { df: cleaned, report } = preprocess(df, schema, opts.preprocess);
  return { format, schema, report, table: dataFrameToTable(cleaned, schema) };
}

export async function loadInteractions(path: string, opts: LoadInteractionsOptions = {}): Promise<LoadedInteractions> {
  const { schema, report, table } = await loadCleanTable(path, opts);
  return { interactions: toInteractions(table, schema), schema, report, table };
}
