/** Reading, role inference and cleaning: the first two stages every job shares. */
import { basename } from 'node:path';
import { loadCleanTable, type CleanTable } from '../data/interactions-load';
import { throwIfAborted, type TaskOptions } from '../runtime/progress';

export interface LoadedDataset extends CleanTable {
  readonly path: string;
  readonly timings: Record<string, number>;
}

export async function loadDataset(path: string, opts: TaskOptions = {}): Promise<LoadedDataset> {
  const t0 = Date.now();
  let t1 = t0;
  opts.onProgress?.({ stage: 'reading', fraction: 0, message: basename(path) });
  const clean = await loadCleanTable(path, {
    onRead: (rows) => {
      t1 = Date.now();
      opts.onProgress?.({ stage: 'preprocessing', fraction: 0, message: `${rows.toLocaleString('en-US')} rows` });
    },
  });
  throwIfAborted(opts.signal);
  return { ...clean, path, timings: { readMs: t1 - t0, preprocessMs: Date.now() - t1 } };
}
