/**
 * Empirical facts about the real log that generation draws from and the constraints enforce:
 * time range, real gap values per gap bucket, quantities per kind, prices per item, history lengths
 * and start times per activity level, event-order prerequisites. Plain arrays, so it saves as JSON.
 */
import type { Interactions } from '../../data/interactions';
import { Rng } from '../../runtime/rng';
import { activityLevel, GAP_START, N_ACTIVITY_LEVELS, N_GAP_BUCKETS } from './buckets';
import type { SequenceEncoding } from './encoding';

export interface BehaviourStats {
  readonly timeMin: number;
  readonly timeMax: number;
  /** Real gap values (ms) per gap bucket, a reservoir sample. */
  readonly gapSamples: number[][];
  /** Real positive quantities per kind (empty when the data has no quantity). */
  readonly quantitySamples: number[][];
  readonly hasQuantity: boolean;
  /** Real positive prices per item (a few each) and over all events, when the data has prices. */
  readonly itemPrices: number[][];
  readonly allPrices: number[];
  readonly hasPrice: boolean;
  /** Per activity level: real history lengths and first-event times. */
  readonly lengthsByLevel: number[][];
  readonly firstTimesByLevel: number[][];
  /**
   * Per kind: bitmask of kinds that, in the real data, always occurred earlier on the same item for
   * the same user before an event of this kind (e.g. orders <- carts). Only for real event types.
   */
  readonly prerequisites: number[];
  /** True when the real log has events at the same time for a user (baskets); else gaps are > 0. */
  readonly allowsZeroGap: boolean;
  readonly hasBasket: boolean;
}

const GAP_RESERVOIR = 2000;
const QUANTITY_RESERVOIR = 2000;
const PRICES_PER_ITEM = 12;
const LEVEL_RESERVOIR = 4000;

/** Fixed-size uniform sample of a stream (Vitter's algorithm R), seeded. */
class Reservoir {
  readonly values: number[] = [];
  private seen = 0;
  constructor(private readonly cap: number) {}
  add(v: number, rng: Rng): void {
    this.seen++;
    if (this.values.length < this.cap) this.values.push(v);
    else {
      const j = rng.int(this.seen);
      if (j < this.cap) this.values[j] = v;
    }
  }
}

export function computeStats(x: Interactions, enc: SequenceEncoding, seed = 0): BehaviourStats {
  const rng = new Rng(seed ^ 0x5a17);
  const n = x.user.length;
  if (n === 0) throw new Error('The interaction log has no events: nothing to learn behaviour from.');
  let timeMin = Infinity;
  let timeMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = x.time[i]!;
    if (!Number.isFinite(t)) throw new Error(`Event ${i} has no valid timestamp.`);
    if (t < timeMin) timeMin = t;
    if (t > timeMax) timeMax = t;
  }
  const gaps = Array.from({ length: N_GAP_BUCKETS }, () => new Reservoir(GAP_RESERVOIR));
  let zeroGaps = 0;
  for (let i = 0; i < n; i++) {
    const b = enc.gap[i]!;
    if (b === GAP_START) continue;
    const dt = x.time[i]! - x.time[i - 1]!;
    if (dt === 0) zeroGaps++;
    gaps[b]!.add(dt, rng);
  }
  const nKinds = enc.kinds.names.length;
  const quantities = Array.from({ length: nKinds }, () => new Reservoir(QUANTITY_RESERVOIR));
  if (x.quantity) {
    for (let i = 0; i < n; i++) {
      const q = x.quantity[i]!;
      if (q > 0) quantities[enc.kind[i]!]!.add(q, rng);
    }
  }
  const itemPrices = Array.from({ length: x.itemIds.length }, () => new Reservoir(PRICES_PER_ITEM));
  const allPrices = new Reservoir(QUANTITY_RESERVOIR);
  if (x.price) {
    for (let i = 0; i < n; i++) {
      const p = x.price[i]!;
      if (p > 0) {
        itemPrices[x.item[i]!]!.add(p, rng);
        allPrices.add(p, rng);
      }
    }
  }
  const lengths = Array.from({ length: N_ACTIVITY_LEVELS }, () => new Reservoir(LEVEL_RESERVOIR));
  const firstTimes = Array.from({ length: N_ACTIVITY_LEVELS }, () => new Reservoir(LEVEL_RESERVOIR));
  for (let u = 0; u < enc.nUsers; u++) {
    const len = enc.offsets[u + 1]! - enc.offsets[u]!;
    if (len === 0) continue;
    const level = activityLevel(len);
    lengths[level]!.add(len, rng);
    firstTimes[level]!.add(x.time[enc.offsets[u]!]!, rng);
  }
  return {
    timeMin,
    timeMax,
    gapSamples: gaps.map((r) => r.values),
    quantitySamples: quantities.map((r) => r.values),
    hasQuantity: x.quantity !== undefined,
    itemPrices: itemPrices.map((r) => r.values),
    allPrices: allPrices.values,
    hasPrice: x.price !== undefined,
    lengthsByLevel: lengths.map((r) => r.values),
    firstTimesByLevel: firstTimes.map((r) => r.values),
    prerequisites: enc.kinds.source === 'eventType' ? findPrerequisites(x, enc) : new Array<number>(nKinds).fill(0),
    allowsZeroGap: zeroGaps > 0,
    hasBasket: x.basket !== undefined,
  };
}

/**
 * For each kind b, the kinds a that preceded every real b-event on the same (user, item): a rule
 * "b needs a" is kept only when the real data never breaks it.
 */
export function findPrerequisites(x: Interactions, enc: SequenceEncoding): number[] {
  const nKinds = enc.kinds.names.length;
  if (nKinds > 30) return new Array<number>(nKinds).fill(0);
  const all = (1 << nKinds) - 1;
  const required = new Array<number>(nKinds).fill(all);
  const seenAny = new Array<boolean>(nKinds).fill(false);
  for (let u = 0; u < enc.nUsers; u++) {
    const seen = new Map<number, number>();
    for (let i = enc.offsets[u]!; i < enc.offsets[u + 1]!; i++) {
      const item = x.item[i]!;
      const k = enc.kind[i]!;
      const before = seen.get(item) ?? 0;
      required[k]! &= before;
      seenAny[k] = true;
      seen.set(item, before | (1 << k));
    }
  }
  // A kind never observed gets no rule; a kind never requires itself.
  return required.map((m, k) => (seenAny[k] ? m & ~(1 << k) : 0));
}
