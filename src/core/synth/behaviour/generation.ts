/**
 * What every behaviour model shares while generating: per-user state, constraint masks applied to
 * the model's choices BEFORE sampling (time range, event-order prerequisites), drawing concrete
 * gaps / quantities / prices from the real distributions, and assembling the synthetic log.
 */
import type { Interactions } from '../../data/interactions';
import type { Rng } from '../../runtime/rng';
import { gapBucketLowerMs, N_GAP_BUCKETS } from './buckets';
import type { BehaviourContext } from './context';
import type { BehaviourStats } from './stats';

export interface SamplingOptions {
  /** Divides logits; < 1 sharpens, > 1 flattens. */
  readonly temperature: number;
  /** Nucleus sampling: keep the smallest set of top choices whose probability reaches topP. */
  readonly topP: number;
}

export function validateSampling(s: SamplingOptions): void {
  if (!(s.temperature > 0)) throw new Error(`temperature must be > 0, got ${s.temperature}.`);
  if (!(s.topP > 0 && s.topP <= 1)) throw new Error(`topP must be in (0, 1], got ${s.topP}.`);
}

/**
 * Samples an index in [0, n) from logits[offset .. offset+n) with temperature and top-p; entries
 * whose mask is 0 are impossible. Throws when the mask leaves nothing (a caller bug).
 */
export function sampleLogits(
  logits: ArrayLike<number>,
  offset: number,
  n: number,
  mask: Uint8Array | null,
  s: SamplingOptions,
  rng: Rng,
): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if ((!mask || mask[j]) && logits[offset + j]! > max) max = logits[offset + j]!;
  if (max === -Infinity) throw new Error('Every choice is masked out; the constraints leave nothing to sample.');
  if (s.topP >= 1) {
    // Plain sampling: two passes, no allocation (this runs once per generated event per head).
    let total = 0;
    for (let j = 0; j < n; j++) if (!mask || mask[j]) total += Math.exp((logits[offset + j]! - max) / s.temperature);
    let u = rng.uniform() * total;
    let last = -1;
    for (let j = 0; j < n; j++) {
      if (mask && !mask[j]) continue;
      const v = Math.exp((logits[offset + j]! - max) / s.temperature);
      if (v <= 0) continue;
      last = j;
      u -= v;
      if (u < 0) return j;
    }
    return last;
  }
  const p = new Float64Array(n);
  let total = 0;
  for (let j = 0; j < n; j++) {
    if (mask && !mask[j]) continue;
    const v = Math.exp((logits[offset + j]! - max) / s.temperature);
    p[j] = v;
    total += v;
  }
  if (s.topP < 1) {
    const idx = Array.from({ length: n }, (_, j) => j).sort((a, b) => p[b]! - p[a]!);
    let acc = 0;
    let kept = 0;
    for (const j of idx) {
      if (acc >= s.topP * total) p[j] = 0;
      else {
        acc += p[j]!;
        kept += p[j]!;
      }
    }
    total = kept;
  }
  let u = rng.uniform() * total;
  let last = -1;
  for (let j = 0; j < n; j++) {
    if (p[j]! <= 0) continue;
    last = j;
    u -= p[j]!;
    if (u < 0) return j;
  }
  return last;
}

function pick(values: readonly number[], rng: Rng): number | undefined {
  return values.length === 0 ? undefined : values[rng.int(values.length)];
}

/** One synthetic (or augmented) user's history while it is being generated. */
export class UserTrack {
  readonly items: number[] = [];
  readonly kinds: number[] = [];
  readonly times: number[] = [];
  readonly quantities: number[] = [];
  readonly prices: number[] = [];
  readonly baskets: number[] = [];
  /** Kinds seen per item so far (bitmask), for prerequisite rules; includes a primed real history. */
  private readonly seenKinds = new Map<number, number>();
  private basketCounter = 0;
  /** Item of the latest event, real (augmentation) or generated; -1 before any. */
  lastItem = -1;

  /**
   * @param user output user index
   * @param target number of events to generate
   * @param time timestamp of the previous event (or the planned start for a new user)
   * @param fresh true when no event precedes (the first event needs no gap)
   */
  constructor(
    readonly user: number,
    public target: number,
    public time: number,
    public fresh: boolean,
  ) {}

  get done(): boolean {
    return this.items.length >= this.target;
  }

  /** Ends the history at its current length (no later event fits the time range). */
  finish(): void {
    this.target = this.items.length;
  }

  /** Records a real earlier event (augmentation) so prerequisites see it. */
  primeSeen(item: number, kind: number): void {
    this.lastItem = item;
    this.seenKinds.set(item, (this.seenKinds.get(item) ?? 0) | (1 << kind));
  }

  seenMask(item: number): number {
    return this.seenKinds.get(item) ?? 0;
  }

  /** Appends an event; quantity and price come from the real distributions. */
  push(item: number, kind: number, time: number, stats: BehaviourStats, rng: Rng): void {
    const newBasket = this.fresh || time !== this.time;
    if (newBasket) this.basketCounter++;
    this.items.push(item);
    this.kinds.push(kind);
    this.times.push(time);
    this.baskets.push(this.basketCounter);
    this.quantities.push(stats.hasQuantity ? drawQuantity(stats, kind, rng) : Number.NaN);
    this.prices.push(stats.hasPrice ? drawPrice(stats, item, rng) : Number.NaN);
    this.primeSeen(item, kind);
    this.time = time;
    this.fresh = false;
  }
}

/** Positive quantity from the real quantities of this kind (1 when none were seen). */
export function drawQuantity(stats: BehaviourStats, kind: number, rng: Rng): number {
  return pick(stats.quantitySamples[kind] ?? [], rng) ?? pick(stats.quantitySamples.flat(), rng) ?? 1;
}

/** A real price of this item, else a real price of any item. */
export function drawPrice(stats: BehaviourStats, item: number, rng: Rng): number {
  return pick(stats.itemPrices[item] ?? [], rng) ?? pick(stats.allPrices, rng) ?? Number.NaN;
}

/**
 * Which gap buckets may come next for this track: the next timestamp must stay inside the real
 * time range, and be strictly later unless the real data has same-time events (baskets).
 * Returns false when no later event fits (the track has reached the end of the range); the
 * caller then ends that history early rather than break the range or the time order.
 */
export function gapMask(stats: BehaviourStats, track: UserTrack, out: Uint8Array): boolean {
  const room = stats.timeMax - track.time;
  if (room <= 0) return false;
  for (let b = 0; b < N_GAP_BUCKETS; b++) out[b] = gapBucketLowerMs(b) <= room ? 1 : 0;
  if (!stats.allowsZeroGap) out[0] = 0;
  return out.some((v) => v === 1);
}

/** A concrete gap (ms) in bucket b drawn from real gaps, clamped so the time stays in range. */
export function drawGapMs(stats: BehaviourStats, b: number, track: UserTrack, rng: Rng): number {
  const room = stats.timeMax - track.time;
  const lo = gapBucketLowerMs(b);
  if (b === 0 || room <= 0) return 0;
  for (let attempt = 0; attempt < 4; attempt++) {
    const g = pick(stats.gapSamples[b] ?? [], rng);
    if (g !== undefined && g > 0 && g <= room) return g;
  }
  return Math.max(1, Math.min(room, lo + rng.uniform() * Math.max(0, room - lo)));
}

/**
 * Which kinds may come next for this item: a kind whose real prerequisites (e.g. "cart before
 * order") have not happened on this item for this user is masked. Never leaves the mask empty:
 * kinds with no prerequisites are always allowed.
 */
export function kindMask(stats: BehaviourStats, track: UserTrack, item: number, out: Uint8Array): void {
  const seen = track.seenMask(item);
  let any = false;
  for (let k = 0; k < out.length; k++) {
    const need = stats.prerequisites[k] ?? 0;
    out[k] = (need & seen) === need ? 1 : 0;
    any ||= out[k] === 1;
  }
  if (!any) for (let k = 0; k < out.length; k++) out[k] = (stats.prerequisites[k] ?? 0) === 0 ? 1 : 0;
}

/** Plan for one new synthetic user: profile copied from a real user, length and start time drawn per activity level. */
export interface NewUserPlan {
  readonly template: number;
  readonly length: number;
  readonly start: number;
}

/** @param activity the activity level of every real user (the profile's first field). */
export function planNewUsers(stats: BehaviourStats, activity: Int32Array, nUsers: number, rng: Rng): NewUserPlan[] {
  const withEvents: number[] = [];
  for (let u = 0; u < activity.length; u++) if ((stats.lengthsByLevel[activity[u]!]?.length ?? 0) > 0) withEvents.push(u);
  if (withEvents.length === 0) throw new Error('No real user has events: nothing to base new users on.');
  const plans: NewUserPlan[] = [];
  for (let s = 0; s < nUsers; s++) {
    const template = withEvents[rng.int(withEvents.length)]!;
    const level = activity[template]!;
    const length = pick(stats.lengthsByLevel[level] ?? [], rng) ?? 1;
    // Start early enough that a typical history fits; the range constraint handles the rest.
    const start = Math.min(pick(stats.firstTimesByLevel[level] ?? [], rng) ?? stats.timeMin, stats.timeMax);
    plans.push({ template, length, start });
  }
  return plans;
}

/** Assembles tracks (in user order) into a log over the given users and the real item dictionary. */
export function tracksToInteractions(tracks: readonly UserTrack[], userIds: readonly string[], ctx: BehaviourContext): Interactions {
  const { kinds, stats } = ctx;
  const sorted = [...tracks].sort((a, b) => a.user - b.user);
  let n = 0;
  for (const t of sorted) n += t.items.length;
  const user = new Int32Array(n);
  const item = new Int32Array(n);
  const time = new Float64Array(n);
  const kind = new Int32Array(n);
  const quantity = new Float64Array(n);
  const price = new Float64Array(n);
  const basket = new Int32Array(n);
  const basketIds: string[] = [];
  let i = 0;
  for (const t of sorted) {
    let lastBasket = -1;
    for (let j = 0; j < t.items.length; j++, i++) {
      user[i] = t.user;
      item[i] = t.items[j]!;
      time[i] = t.times[j]!;
      kind[i] = t.kinds[j]!;
      quantity[i] = t.quantities[j]!;
      price[i] = t.prices[j]!;
      if (t.baskets[j] !== lastBasket) {
        basketIds.push(`S${basketIds.length + 1}`);
        lastBasket = t.baskets[j]!;
      }
      basket[i] = basketIds.length - 1;
    }
  }
  return {
    userIds,
    itemIds: ctx.itemIds,
    user,
    item,
    time,
    ...(kinds.source === 'eventType' ? { eventType: kind, eventTypes: kinds.names } : {}),
    ...(stats.hasQuantity ? { quantity } : {}),
    ...(stats.hasPrice ? { price } : {}),
    ...(stats.hasBasket ? { basket, basketIds } : {}),
    columnNames: ctx.columnNames,
  };
}
