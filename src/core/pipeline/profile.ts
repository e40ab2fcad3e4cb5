/** The Data tab's content: schema with reasons, column profiles, the cleaning report, the first rows. */
import { loadDataset } from './load';
import { previewTable } from './preview';
import type { JobContext } from './context';
import { profileTable } from '../profile';

export async function runProfile(input: string, ctx: JobContext): Promise<Record<string, unknown>> {
  const loaded = await loadDataset(input, ctx);
  const profiles = profileTable(loaded.table);
  return {
    path: input,
    schema: loaded.schema.columns.map((c) => ({ name: c.name, role: c.role, type: c.type, reason: c.reason, source: c.source })),
    profiles,
    preprocessing: loaded.report,
    realPreview: previewTable(loaded.table, 100_000),
    timings: loaded.timings,
  };
}
