/** The Data tab's content: schema with reasons, column profiles, the cleaning report, the first rows. */
import { loadDataset, type LoadedDataset } from './load';
import { previewTable, type TablePreview } from './preview';
import type { JobContext } from './context';
import { profileTable, type ColumnProfile } from '../profile/profile';
import { ROLES } from '../data/roles';
import type { PreprocessReport } from '../data/preprocess';

export interface DatasetView {
  readonly path: string;
  readonly profiles: ColumnProfile[];
  readonly roles: readonly string[];
  readonly preprocessing: PreprocessReport;
  readonly realPreview: TablePreview;
  readonly timings: Record<string, number>;
}

/** Rows of real data the dashboard receives (its tables are virtualised). */
export const REAL_PREVIEW_ROWS = 100_000;

export function datasetView(loaded: LoadedDataset): DatasetView {
  const roles = new Map(loaded.schema.columns.map((c) => [c.name, { role: c.role, reason: c.reason }]));
  return {
    path: loaded.path,
    profiles: profileTable(loaded.table, { roles }),
    roles: ROLES,
    preprocessing: loaded.report,
    realPreview: previewTable(loaded.table, REAL_PREVIEW_ROWS),
    timings: loaded.timings,
  };
}

export async function runProfile(input: string, ctx: JobContext): Promise<DatasetView> {
  return datasetView(await loadDataset(input, ctx));
}
