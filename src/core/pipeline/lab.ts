/** The recommender lab as a job: real vs synthetic vs augmented training, scored on held-out real data. */
import { basename, dirname, join } from 'node:path';
import { loadDataset } from './load';
import { writeRun } from './runFolder';
import type { JobContext } from './context';
import { toInteractions } from '../data/interactions-build';
import { initTf, type BackendChoice } from '../runtime/backend';
import { runLab } from '../recsys/lab';
import { synthesizeBehaviour } from '../synth/behaviour';
import { loadInteractions } from '../data/interactions-load';
import type { Interactions } from '../data/interactions';

export interface LabSpec {
  readonly input: string;
  readonly syntheticDir?: string | undefined;
  readonly seed: number;
  readonly backend: BackendChoice;
  readonly outputRoot?: string | undefined;
}

export async function runLabJob(spec: LabSpec, ctx: JobContext): Promise<Record<string, unknown>> {
  const started = Date.now();
  const backend = await initTf(spec.backend);
  const loaded = await loadDataset(spec.input, ctx);
  const interactions = toInteractions(loaded.table, loaded.schema);
  // A given synthetic folder is used as it is; otherwise the behaviour baseline is trained on the
  // training split only (runLab hands the generator nothing from the test period).
  const synthetic = spec.syntheticDir
    ? (await loadInteractions(join(spec.syntheticDir, 'events.csv'))).interactions
    : async (train: Interactions): Promise<Interactions> => {
        const out = await synthesizeBehaviour(train, { model: 'baseline', seed: spec.seed, ...(ctx.signal ? { signal: ctx.signal } : {}) });
        return out.interactions;
      };
  const lab = await runLab(interactions, {
    synthetic,
    seed: spec.seed,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
  const { outputDir } = await writeRun({
    input: spec.input,
    outputRoot: spec.outputRoot ?? dirname(spec.input),
    started,
    timings: {},
    signal: ctx.signal,
    record: { kind: 'recommendLab', config: { ...spec }, backend: { name: backend.name, label: backend.label, notes: backend.notes } },
    write: async (folder) => {
      await folder.writeJson('lab.json', lab);
      return ['lab.json'];
    },
  });
  return { outputDir, dataset: basename(spec.input), lab };
}
