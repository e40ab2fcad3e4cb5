/**
 * The behaviour job the pipeline calls: fit a behaviour model on a real log, then either generate
 * new users with whole histories or extend sparse users' histories (augmentation), and return the
 * three tables, the real-vs-synthetic figures and what the model was.
 */
import type { Interactions } from '../../data/interactions';
import type { Table } from '../../data/table';
import { throwIfAborted, type TaskOptions } from '../../runtime/progress';
import { BaselineBehaviourModel } from './baseline';
import { encodeSequences, type BehaviourInput, type ProfileField, type UserFeatures } from './encoding';
import { behaviourFigures, type BehaviourFigures } from './figures';
import type { BehaviourModel, BehaviourModelKind, ModelInfo } from './model';
import { eventsTable, itemsTable, usersTable } from './tables';
import { inferUserFeatures } from './user-features';
import { TransformerBehaviourModel, type TransformerBehaviourConfig } from './transformer-model';

export interface SynthesizeBehaviourOptions extends TaskOptions {
  readonly model: BehaviourModelKind;
  readonly seed: number;
  /** New users to generate (default: as many as the real log has). Ignored when augmentK is set. */
  readonly nUsers?: number;
  /** Extend each sparse user's history by this many events instead of generating new users. */
  readonly augmentK?: number;
  /** Users with more real events than this are not extended (default 5). */
  readonly maxEventsPerUser?: number;
  readonly epochs?: number;
  readonly temperature?: number;
  readonly topP?: number;
  /** Transformer size and training settings (see TransformerBehaviourConfig). */
  readonly transformer?: Partial<TransformerBehaviourConfig>;
  /**
   * Per-user side information (e.g. country), one entry per user index. Default: the log's own
   * userFeatures, else per-event columns that are constant per user (inferUserFeatures).
   */
  readonly userFeatures?: UserFeatures;
}

export interface BehaviourResult {
  readonly users: Table;
  readonly items: Table;
  readonly events: Table;
  /** The synthetic log (generation) or the real log plus its extensions (augmentation). */
  readonly interactions: Interactions;
  readonly figures: BehaviourFigures;
  readonly modelInfo: ModelInfo & { readonly mode: 'generate' | 'augment'; readonly generateSeconds: number; readonly eventsPerSecond: number };
}

export function createBehaviourModel(kind: BehaviourModelKind, config: Partial<TransformerBehaviourConfig> = {}): BehaviourModel {
  if (kind === 'baseline') return new BaselineBehaviourModel();
  if (kind === 'transformer') return new TransformerBehaviourModel(config);
  throw new Error(`Unknown behaviour model "${String(kind)}"; use 'transformer' or 'baseline'.`);
}

export async function synthesizeBehaviour(interactions: BehaviourInput, opts: SynthesizeBehaviourOptions): Promise<BehaviourResult> {
  const userFeatures = opts.userFeatures ?? interactions.userFeatures ?? inferUserFeatures(interactions);
  const x: BehaviourInput = { ...interactions, userFeatures };
  if (x.user.length === 0) throw new Error('The interaction log is empty: behaviour synthesis needs at least one event.');
  const task: TaskOptions = { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) };
  const model = createBehaviourModel(opts.model, opts.transformer);
  try {
    await model.fit(x, { ...task, seed: opts.seed, ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}) });
    throwIfAborted(opts.signal);
    const sampling = {
      ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
      ...(opts.topP !== undefined ? { topP: opts.topP } : {}),
    };
    const started = Date.now();
    const profile = encodeSequences(x).profile;
    if (opts.augmentK !== undefined && opts.augmentK > 0) {
      const added = await model.augment(x, { ...task, ...sampling, k: opts.augmentK, maxEventsPerUser: opts.maxEventsPerUser ?? 5, seed: opts.seed });
      const seconds = (Date.now() - started) / 1000;
      const { log, synthetic } = mergeLogs(x, added);
      opts.onProgress?.({ stage: 'evaluating', fraction: 0, message: 'Comparing real and augmented behaviour' });
      return {
        users: usersTable(x.columnNames.user, x.userIds, profile, Int32Array.from(x.userIds, (_, u) => u)),
        items: itemsTable(x),
        events: eventsTable(log, synthetic, userColumnsPerEvent(profile, log, (u) => u)),
        interactions: log,
        figures: behaviourFigures(x, log),
        modelInfo: { ...model.info(), mode: 'augment', generateSeconds: seconds, eventsPerSecond: rate(added.user.length, seconds) },
      };
    }
    const nUsers = opts.nUsers ?? x.userIds.length;
    const gen = await model.generate({ ...task, ...sampling, nUsers, seed: opts.seed });
    const seconds = (Date.now() - started) / 1000;
    const userColumns = userColumnsPerEvent(profile, gen.log, (u) => gen.templates[u]!);
    const log: Interactions = Object.keys(userColumns).length > 0 ? { ...gen.log, eventColumns: userColumns } : gen.log;
    opts.onProgress?.({ stage: 'evaluating', fraction: 0, message: 'Comparing real and synthetic behaviour' });
    return {
      users: usersTable(x.columnNames.user, gen.log.userIds, profile, gen.templates),
      items: itemsTable(x),
      events: eventsTable(log, undefined, userColumns),
      interactions: log,
      figures: behaviourFigures(x, log),
      modelInfo: { ...model.info(), mode: 'generate', generateSeconds: seconds, eventsPerSecond: rate(gen.log.user.length, seconds) },
    };
  } finally {
    model.dispose();
  }
}

/** The input's user attributes repeated on every event, as in the input's event rows. */
function userColumnsPerEvent(profile: readonly ProfileField[], log: Interactions, source: (u: number) => number): Record<string, (string | null)[]> {
  const out: Record<string, (string | null)[]> = {};
  for (const f of profile) {
    if (!f.fromInput) continue;
    out[f.name] = Array.from(log.user, (u) => {
      const v = f.values[f.perUser[source(u)]!];
      return v === undefined || v === '' || v === '(other)' ? null : v;
    });
  }
  return out;
}

function rate(events: number, seconds: number): number {
  return seconds > 0 ? events / seconds : events;
}

/** Real events followed, per user, by that user's added events (which are later in time). */
export function mergeLogs(real: Interactions, added: Interactions): { log: Interactions; synthetic: Uint8Array } {
  const n = real.user.length + added.user.length;
  const order = new Int32Array(n);
  let i = 0;
  let j = 0;
  let o = 0;
  // Both logs are sorted by user; at equal users the real events come first.
  while (i < real.user.length || j < added.user.length) {
    if (j >= added.user.length || (i < real.user.length && real.user[i]! <= added.user[j]!)) order[o++] = i++;
    else order[o++] = real.user.length + j++;
  }
  const pickNum = <T extends Float64Array | Int32Array>(a: T | undefined, b: T | undefined, make: (n: number) => T, fill: number): T | undefined => {
    if (!a) return undefined;
    const out = make(n);
    for (let k = 0; k < n; k++) {
      const src = order[k]!;
      out[k] = src < real.user.length ? a[src]! : b ? b[src - real.user.length]! : fill;
    }
    return out;
  };
  const synthetic = Uint8Array.from(order, (src) => (src < real.user.length ? 0 : 1));
  // Per-event columns: an added event repeats its user's latest real value (e.g. Country).
  const eventColumns: Record<string, (string | null)[]> = {};
  for (const [name, values] of Object.entries(real.eventColumns ?? {})) {
    const last = new Map<number, string | null>();
    eventColumns[name] = Array.from(order, (src) => {
      if (src < real.user.length) {
        last.set(real.user[src]!, values[src] ?? null);
        return values[src] ?? null;
      }
      return last.get(added.user[src - real.user.length]!) ?? null;
    });
  }
  const basketOffset = real.basketIds?.length ?? 0;
  const shiftedBaskets = added.basket ? Int32Array.from(added.basket, (b) => b + basketOffset) : undefined;
  const basket = pickNum(real.basket, shiftedBaskets, (k) => new Int32Array(k), 0);
  return {
    log: {
      ...real,
      user: pickNum(real.user, added.user, (k) => new Int32Array(k), 0)!,
      item: pickNum(real.item, added.item, (k) => new Int32Array(k), 0)!,
      time: pickNum(real.time, added.time, (k) => new Float64Array(k), 0)!,
      ...(real.eventType ? { eventType: pickNum(real.eventType, added.eventType, (k) => new Int32Array(k), 0)! } : {}),
      ...(real.quantity ? { quantity: pickNum(real.quantity, added.quantity, (k) => new Float64Array(k), Number.NaN)! } : {}),
      ...(real.price ? { price: pickNum(real.price, added.price, (k) => new Float64Array(k), Number.NaN)! } : {}),
      ...(basket && real.basketIds ? { basket, basketIds: [...real.basketIds, ...(added.basketIds ?? []).map((b) => `aug-${b}`)] } : {}),
      ...(real.eventColumns ? { eventColumns } : {}),
    },
    synthetic,
  };
}

/** Loads a behaviour model saved with save(dir), whichever kind it is. */
export async function loadBehaviourModel(dir: string): Promise<BehaviourModel> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  if (existsSync(join(dir, 'behaviour-transformer.json'))) return TransformerBehaviourModel.load(dir);
  if (existsSync(join(dir, 'behaviour-baseline.json'))) return BaselineBehaviourModel.load(dir);
  throw new Error(`${dir} holds no saved behaviour model (behaviour-transformer.json or behaviour-baseline.json).`);
}
