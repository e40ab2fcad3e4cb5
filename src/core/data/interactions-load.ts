/** One call from a file to Interactions: read, infer roles (with recsynth.json overrides), preprocess, encode. */
import { basename } from 'node:path';
import type { Interactions } from './interactions';
import { readDataset, type ReadOptions } from './io';
import { applyOverrides, inferSchema, loadOverrides, type DatasetSchema } from './schema';
import { preprocess, type PreprocessOptions, type PreprocessReport } from './preprocess';
import { dataFrameToTable } from './table-convert';
import { toInteractions } from './interactions-build';
import type { Table } from './table';

export interface LoadInteractionsOptions extends ReadOptions {
  readonly preprocess?: PreprocessOptions;
  /** Read recsynth.json beside the file (default true). */
  readonly useOverrides?: boolean;
}

export interface LoadedInteractions {
  readonly interactions: Interactions;
  readonly schema: DatasetSchema;
  readonly report: PreprocessReport;
  /** The cleaned rows as a typed table (same rows as the events, in input order). */
  readonly table: Table;
}

export async function loadInteractions(path: string, opts: LoadInteractionsOptions = {}): Promise<LoadedInteractions> {
  const { df } = await readDataset(path, opts.format ? { format: opts.format } : {});
  const inferred = inferSchema(df, basename(path));
  const schema = opts.useOverrides === false ? inferred : applyOverrides(inferred, await loadOverrides(path));
  const { df: cleaned, report } = preprocess(df, schema, opts.preprocess);
  const table = dataFrameToTable(cleaned, schema);
  return { interactions: toInteractions(table, schema), schema, report, table };
}
