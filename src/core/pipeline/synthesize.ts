/**
 * One synthesis job: load -> clean -> (derive) -> fit -> sample -> privacy gate -> evaluate -> write.
 * Outputs go to a fresh run folder that only appears, complete, when everything succeeded.
 */
import { basename, dirname } from 'node:path';
import { loadDataset, type LoadedDataset } from './load';
import { writeRun } from './runFolder';
import { previewTable } from './preview';
import { datasetView } from './profile';
import { roundLikeReal } from './rounding';
import { InputError } from './errors';
import type { JobContext } from './context';
import { tableToCsv } from '../data/csv-write';
import { hasColumn, selectColumns, takeRows, type Column, type Table } from '../data/table';
import type { Interactions } from '../data/interactions';
import { columnWithRole } from '../data/schema';
import { deriveItemTable, deriveCustomerTable } from '../data/derive';
import { toInteractions } from '../data/interactions-build';
import { Rng } from '../runtime/rng';
import { initTf, type BackendChoice } from '../runtime/backend';
import { throwIfAborted } from '../runtime/progress';
import { createSynthesizer, type SynthesizerKind } from '../synth/registry';
import type { Synthesizer } from '../synth/synthesizer';
import { fitAuto } from '../synth/auto';
import { computeReport, privacyGate, metadataFromTable } from '../quality';
import { renderReportHtml } from '../report/html';
import { synthesizeBehaviour, eventsTable } from '../synth/behaviour';

export interface SynthesizeSpec {
  readonly input: string;
  readonly rows: number;
  readonly seed: number;
  readonly model: 'auto' | 'copula' | 'ctgan' | 'tvae';
  readonly backend: BackendChoice;
  readonly table: 'auto' | 'raw' | 'items' | 'customers';
  readonly outputRoot?: string | undefined;
  readonly epochs?: number | undefined;
  readonly timeBudgetSec?: number | undefined;
  readonly behaviour?: { readonly model: 'transformer' | 'baseline'; readonly users?: number | undefined; readonly augmentK?: number | undefined } | undefined;
  readonly privacyGate: boolean;
}

export interface SynthesizeResult {
  readonly outputDir: string;
  readonly files: readonly string[];
  readonly rows: number;
  readonly model: string;
  readonly backend: string;
  readonly timings: Record<string, number>;
  readonly syntheticPreview: ReturnType<typeof previewTable>;
  readonly realPreview: ReturnType<typeof previewTable>;
  readonly report: object;
  readonly [key: string]: unknown;
}

/** Rows of synthetic data sent to the dashboard (its table is virtualised up to this many). */
const PREVIEW_ROWS = 100_000;
/** Share of the real rows kept aside for DCROverfittingProtection and model selection. */
const HOLDOUT_SHARE = 0.2;
const MIN_ROWS_FOR_HOLDOUT = 50;

export async function runSynthesize(spec: SynthesizeSpec, ctx: JobContext): Promise<SynthesizeResult> {
  const started = Date.now();
  const loaded = await loadDataset(spec.input, ctx);
  ctx.onPartial?.('dataset', datasetView(loaded) as unknown as Record<string, unknown>);
  if (spec.behaviour) return runBehaviour(spec, loaded, ctx, started);

  const { table: fullTable, tableName } = chooseTable(spec, loaded);
  // Keys (item ids, customer ids, invoice numbers) carry no distribution to learn, and copying real
  // keys into synthetic rows would both break key uniqueness and leak identifiers: new ones are minted.
  const idColumns = fullTable.columns.filter((c) => c.type === 'id');
  const learnTable: Table = { columns: fullTable.columns.filter((c) => c.type !== 'id'), nRows: fullTable.nRows };
  if (learnTable.nRows < 2) {
    throw new InputError(`${basename(spec.input)}: only ${learnTable.nRows} usable row(s) remain after cleaning; a model needs at least 2. See the preprocessing report for what was removed.`);
  }
  const rng = new Rng(spec.seed);
  const { train, holdout } = splitHoldout(learnTable, rng);
  const timings: Record<string, number> = { ...loaded.timings };

  const backend = await initTf(spec.backend);
  ctx.onPartial?.('backend', { name: backend.name, label: backend.label });
  let t = Date.now();
  const { model, selection } = await fitModel(spec, train, holdout, ctx);
  timings['fitMs'] = Date.now() - t;
  throwIfAborted(ctx.signal);

  t = Date.now();
  ctx.onProgress?.({ stage: 'sampling', fraction: 0, message: `${spec.rows.toLocaleString('en-US')} rows` });
  const gated = await sampleWithGate(model, spec, learnTable, ctx);
  const synthetic = withSyntheticKeys(gated.table, idColumns);
  const removedByGate = gated.removedByGate;
  timings['sampleMs'] = Date.now() - t;
  throwIfAborted(ctx.signal);

  t = Date.now();
  ctx.onProgress?.({ stage: 'evaluating', fraction: 0 });
  const metadata = metadataFromTable(train);
  const quality = await computeReport(train, gated.table, metadata, {
    ...(holdout ? { holdout } : {}),
    seed: spec.seed,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  timings['evaluateMs'] = Date.now() - t;
  throwIfAborted(ctx.signal);

  ctx.onProgress?.({ stage: 'writing', fraction: 0 });
  const report = {
    dataset: basename(spec.input),
    table: tableName,
    preprocessing: loaded.report,
    schema: loaded.schema.columns.map((c) => ({ name: c.name, role: c.role, type: c.type, reason: c.reason, source: c.source })),
    modelSelection: selection,
    privacyGate: { enabled: spec.privacyGate, removedRows: removedByGate },
    ...quality,
  };
  const csvName = `synthetic-${tableName}.csv`;
  const { outputDir, files } = await writeRun({
    input: spec.input,
    outputRoot: spec.outputRoot ?? dirname(spec.input),
    started,
    timings,
    signal: ctx.signal,
    record: {
      config: { ...spec },
      resolved: { table: tableName, model: model.kind, trainRows: train.nRows, holdoutRows: holdout?.nRows ?? 0 },
      seed: spec.seed,
      backend: { name: backend.name, label: backend.label, requested: spec.backend, notes: backend.notes },
    },
    write: async (folder) => {
      await folder.writeText(csvName, tableToCsv(synthetic));
      await folder.writeJson('report.json', report);
      await folder.writeText('report.html', renderReportHtml(quality, { title: `RecSynth report: ${basename(spec.input)} (${tableName})` }));
      await model.save(await folder.subdir('model'));
      return [csvName, 'report.json', 'report.html', 'model/'];
    },
  });
  return {
    outputDir,
    files,
    rows: synthetic.nRows,
    model: model.kind,
    backend: backend.label,
    timings,
    syntheticPreview: previewTable(synthetic, PREVIEW_ROWS),
    realPreview: previewTable(fullTable, PREVIEW_ROWS),
    report,
  };
}

/**
 * The quality report on the events table: column shapes and pair trends of the per-event columns,
 * plus the behaviour model's domain rules (time order within a user, event-order prerequisites).
 * A failure here is reported in report.json rather than failing a run whose tables are fine.
 */
async function evaluateEvents(real: Interactions, syntheticEvents: Table, seed: number, ctx: JobContext): Promise<object> {
  try {
    const realEvents = eventsTable(real);
    const shared = realEvents.columns.map((c) => c.name).filter((n) => hasColumn(syntheticEvents, n));
    const r = selectColumns(realEvents, shared);
    const names = real.columnNames;
    return await computeReport(r, selectColumns(syntheticEvents, shared), metadataFromTable(r), {
      seed,
      events: {
        user: names.user,
        time: names.time,
        item: names.item,
        ...(real.eventType && names.eventType ? { event: names.eventType } : {}),
      },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    ctx.log?.('warn', `Event-table quality report failed: ${(e as Error).message}`);
    return { error: (e as Error).message };
  }
}

/** Adds freshly minted keys (S000001, ...) for each key column of the real table, first in column order. */
function withSyntheticKeys(t: Table, idColumns: readonly Column[]): Table {
  const width = Math.max(6, String(t.nRows).length);
  const keys: Column[] = idColumns.map((c) => ({
    name: c.name,
    type: 'id' as const,
    values: Array.from({ length: t.nRows }, (_, i) => `S${String(i + 1).padStart(width, '0')}`),
  }));
  return { columns: [...keys, ...t.columns], nRows: t.nRows };
}

/** An interaction log is learned through its derived item (or customer) table unless told otherwise. */
function chooseTable(spec: SynthesizeSpec, loaded: LoadedDataset): { table: Table; tableName: string } {
  const isLog = columnWithRole(loaded.schema, 'user_id') !== undefined && columnWithRole(loaded.schema, 'item_id') !== undefined;
  const choice = spec.table === 'auto' ? (isLog ? 'items' : 'raw') : spec.table;
  if (choice === 'raw') return { table: loaded.table, tableName: 'rows' };
  if (!isLog) {
    throw new InputError(`${basename(spec.input)}: deriving a ${choice} table needs a user id and an item id column; none was found. Set the roles in recsynth.json or the dashboard, or synthesize the raw table.`);
  }
  const interactions = toInteractions(loaded.table, loaded.schema);
  return choice === 'items'
    ? { table: deriveItemTable(interactions), tableName: 'items' }
    : { table: deriveCustomerTable(interactions), tableName: 'customers' };
}

function splitHoldout(t: Table, rng: Rng): { train: Table; holdout: Table | undefined } {
  if (t.nRows < MIN_ROWS_FOR_HOLDOUT) return { train: t, holdout: undefined };
  const order = Int32Array.from({ length: t.nRows }, (_, i) => i);
  rng.shuffle(order);
  const nHold = Math.round(t.nRows * HOLDOUT_SHARE);
  const holdIdx = order.slice(0, nHold).sort();
  const trainIdx = order.slice(nHold).sort();
  return { train: takeRows(t, trainIdx), holdout: takeRows(t, holdIdx) };
}

async function fitModel(
  spec: SynthesizeSpec,
  train: Table,
  holdout: Table | undefined,
  ctx: JobContext,
): Promise<{ model: Synthesizer; selection: object | null }> {
  ctx.onProgress?.({ stage: 'fitting', fraction: 0, model: spec.model });
  if (spec.model === 'auto') {
    const r = await fitAuto(train, {
      seed: spec.seed,
      ...(spec.epochs ? { epochs: spec.epochs } : {}),
      ...(spec.timeBudgetSec ? { timeBudgetSec: spec.timeBudgetSec } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
    });
    return { model: r.model, selection: r.selection };
  }
  const kind: SynthesizerKind = spec.model;
  const model = createSynthesizer(kind, { seed: spec.seed, ...(spec.epochs ? { epochs: spec.epochs } : {}) });
  await model.fit(train, { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) });
  void holdout;
  return { model, selection: null };
}

/**
 * Samples, removes rows that copy a real row (when the gate is on) and tops up until the asked-for
 * count is reached. Gives up after a few rounds on data so small that copies cannot be avoided.
 */
async function sampleWithGate(
  model: Synthesizer,
  spec: SynthesizeSpec,
  real: Table,
  ctx: JobContext,
): Promise<{ table: Table; removedByGate: number }> {
  // Rounded to the real precision before the gate, so rounding cannot turn a near row into a copy.
  let table = roundLikeReal(real, await model.sample(spec.rows, { seed: spec.seed, ...(ctx.signal ? { signal: ctx.signal } : {}) }));
  if (!spec.privacyGate) return { table, removedByGate: 0 };
  let removed = 0;
  for (let round = 1; round <= 5; round++) {
    const gated = privacyGate(real, table);
    removed += gated.removed;
    table = gated.kept;
    if (table.nRows >= spec.rows) break;
    throwIfAborted(ctx.signal);
    const more = roundLikeReal(real, await model.sample(Math.max(16, Math.ceil((spec.rows - table.nRows) * 1.5)), { seed: spec.seed + round }));
    table = concatTables(table, more);
  }
  if (table.nRows < spec.rows) {
    throw new InputError(`${basename(spec.input)}: after removing synthetic rows that copy real ones, only ${table.nRows} of ${spec.rows} rows remain. The table is too small or too repetitive for private synthesis; turn off the privacy gate (recsynth.privacyGate) to keep copies.`);
  }
  return { table: takeRows(table, Int32Array.from({ length: spec.rows }, (_, i) => i)), removedByGate: removed };
}

function concatTables(a: Table, b: Table): Table {
  const columns = a.columns.map((c, i) => {
    const other = b.columns[i]!;
    if (c.values instanceof Float64Array) {
      const out = new Float64Array(a.nRows + b.nRows);
      out.set(c.values);
      out.set(other.values as Float64Array, a.nRows);
      return { ...c, values: out };
    }
    return { ...c, values: [...(c.values as (string | null)[]), ...(other.values as (string | null)[])] };
  });
  return { columns, nRows: a.nRows + b.nRows } as Table;
}

async function runBehaviour(spec: SynthesizeSpec, loaded: LoadedDataset, ctx: JobContext, started: number): Promise<SynthesizeResult> {
  const b = spec.behaviour!;
  if (!columnWithRole(loaded.schema, 'user_id') || !columnWithRole(loaded.schema, 'item_id')) {
    throw new InputError(`${basename(spec.input)}: behaviour synthesis needs a user (or session) id and an item id column; none was recognised. Set the roles in recsynth.json or the dashboard.`);
  }
  const backend = await initTf(spec.backend);
  ctx.onPartial?.('backend', { name: backend.name, label: backend.label });
  const interactions = toInteractions(loaded.table, loaded.schema);
  const timings: Record<string, number> = { ...loaded.timings };
  let t = Date.now();
  const out = await synthesizeBehaviour(interactions, {
    model: b.model,
    seed: spec.seed,
    ...(b.users ? { nUsers: b.users } : {}),
    ...(b.augmentK ? { augmentK: b.augmentK } : {}),
    ...(spec.epochs ? { epochs: spec.epochs } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
  timings['fitAndGenerateMs'] = Date.now() - t;
  throwIfAborted(ctx.signal);
  t = Date.now();
  ctx.onProgress?.({ stage: 'evaluating', fraction: 0 });
  const eventQuality = await evaluateEvents(interactions, out.events, spec.seed, ctx);
  timings['evaluateMs'] = Date.now() - t;
  throwIfAborted(ctx.signal);
  ctx.onProgress?.({ stage: 'writing', fraction: 0 });
  const report = { dataset: basename(spec.input), preprocessing: loaded.report, behaviour: out.figures, model: out.modelInfo, events: eventQuality };
  const { outputDir, files } = await writeRun({
    input: spec.input,
    outputRoot: spec.outputRoot ?? dirname(spec.input),
    started,
    timings,
    signal: ctx.signal,
    record: {
      config: { ...spec },
      seed: spec.seed,
      backend: { name: backend.name, label: backend.label, requested: spec.backend, notes: backend.notes },
    },
    write: async (folder) => {
      await folder.writeText('users.csv', tableToCsv(out.users));
      await folder.writeText('items.csv', tableToCsv(out.items));
      await folder.writeText('events.csv', tableToCsv(out.events));
      await folder.writeJson('report.json', report);
      return ['users.csv', 'items.csv', 'events.csv', 'report.json'];
    },
  });
  return {
    outputDir,
    files,
    rows: out.events.nRows,
    model: b.model,
    backend: backend.label,
    timings,
    syntheticPreview: previewTable(out.events, PREVIEW_ROWS),
    realPreview: previewTable(loaded.table, PREVIEW_ROWS),
    report,
  };
}
