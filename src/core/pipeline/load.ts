/** Reading, role inference and cleaning: the first two stages every job shares. */
import { basename } from 'node:path';
import { readDataset } from '../data/io';
import { inferSchema, loadOverrides, applyOverrides, type DatasetSchema } from '../data/schema';
import { preprocess, type PreprocessReport } from '../data/preprocess';
import { dataFrameToTable } from '../data/table-convert';
import type { Table } from '../data/table';
import { throwIfAborted, type TaskOptions } from '../runtime/progress';
import type pl from 'nodejs-polars';

export interface LoadedDataset {
  readonly path: string;
  readonly format: string;
  readonly schema: DatasetSchema;
  readonly report: PreprocessReport;
  readonly cleaned: pl.DataFrame;
  readonly table: Table;
  readonly timings: Record<string, number>;
}

export async function loadDataset(path: string, opts: TaskOptions = {}): Promise<LoadedDataset> {
  const timings: Record<string, number> = {};
  let t = Date.now();
  opts.onProgress?.({ stage: 'reading', fraction: 0, message: basename(path) });
  const { df, format } = await readDataset(path);
  timings['readMs'] = Date.now() - t;
  throwIfAborted(opts.signal);
  opts.onProgress?.({ stage: 'preprocessing', fraction: 0, message: `${df.height.toLocaleString('en-US')} rows` });
  t = Date.now();
  const inferred = inferSchema(df, basename(path));
  const schema = applyOverrides(inferred, await loadOverrides(path));
  const { df: cleaned, report } = preprocess(df, schema);
  const table = dataFrameToTable(cleaned, schema);
  timings['preprocessMs'] = Date.now() - t;
  throwIfAborted(opts.signal);
  return { path, format, schema, report, cleaned, table, timings };
}
