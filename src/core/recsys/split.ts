/**
 * Chronological splits of an interaction log into training and test events. The test side is the
 * future: either each user's last n visits (leave-last-n) or everything after a global time cut.
 * Both halves keep the log's user and item indices, so scores and test items line up.
 */
import { type Interactions, userOffsets } from '../data/interactions';
import type { Rng } from '../runtime/rng';

export type SplitSpec =
  /** Each user's events at their last n distinct timestamps go to test (a basket shares one timestamp, so it stays whole). */
  | { readonly kind: 'leave-last'; readonly n?: number }
  /** Events at or after the cut go to test; cut is epoch ms, or a quantile of event times in (0, 1). */
  | { readonly kind: 'time-cut'; readonly at?: number; readonly quantile?: number };

export interface Split {
  readonly train: Interactions;
  readonly test: Interactions;
  /** Start of the test period: every training event is earlier for a time cut; for leave-last, the earliest test event. */
  readonly testStart: number;
  readonly spec: SplitSpec;
}

/** The log restricted to the given events (ascending indices keep the user-then-time order). */
export function selectEvents(x: Interactions, events: Int32Array): Interactions {
  const take = <T extends Int32Array | Float64Array>(a: T | undefined): T | undefined => {
    if (!a) return undefined;
    const out = new (a.constructor as new (n: number) => T)(events.length);
    for (let k = 0; k < events.length; k++) out[k] = a[events[k]!]!;
    return out;
  };
  return {
    ...x,
    user: take(x.user)!,
    item: take(x.item)!,
    time: take(x.time)!,
    eventType: take(x.eventType),
    quantity: take(x.quantity),
    price: take(x.price),
    basket: take(x.basket),
  };
}

function eventsWhere(n: number, keep: (i: number) => boolean): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) out.push(i);
  return Int32Array.from(out);
}

export function chronologicalSplit(x: Interactions, spec: SplitSpec): Split {
  const n = x.user.length;
  if (n === 0) throw new Error('The interaction log is empty: there is nothing to split.');
  const isTest = new Uint8Array(n);
  let testStart = Number.POSITIVE_INFINITY;
  if (spec.kind === 'leave-last') {
    const last = spec.n ?? 1;
    if (!(Number.isInteger(last) && last >= 1)) throw new Error(`leave-last n must be a whole number of at least 1 (got ${last}).`);
    const offsets = userOffsets(x);
    for (let u = 0; u < x.userIds.length; u++) {
      const start = offsets[u]!;
      let i = offsets[u + 1]! - 1;
      // A user needs at least one earlier visit left for training; otherwise everything stays in training.
      let visits = 0;
      let cutIndex = offsets[u + 1]!;
      while (i >= start && visits < last) {
        const t = x.time[i]!;
        while (i >= start && x.time[i] === t) i--;
        visits++;
        cutIndex = i + 1;
      }
      if (visits < last || i < start) continue;
      for (let k = cutIndex; k < offsets[u + 1]!; k++) isTest[k] = 1;
      testStart = Math.min(testStart, x.time[cutIndex]!);
    }
  } else {
    let cut = spec.at;
    if (cut === undefined) {
      const q = spec.quantile ?? 0.8;
      if (!(q > 0 && q < 1)) throw new Error(`time-cut quantile must be between 0 and 1 (got ${q}).`);
      const sorted = Float64Array.from(x.time).sort();
      cut = sorted[Math.min(n - 1, Math.floor(q * n))]!;
    }
    for (let i = 0; i < n; i++) if (x.time[i]! >= cut) isTest[i] = 1;
    testStart = cut;
  }
  const train = selectEvents(x, eventsWhere(n, (i) => isTest[i] === 0));
  const test = selectEvents(x, eventsWhere(n, (i) => isTest[i] === 1));
  if (train.user.length === 0) throw new Error('The split left no training events: choose a later time cut.');
  return { train, test, testStart, spec };
}

/** A random fraction of the events (seeded), e.g. to simulate sparser data; at least one event is kept. */
export function keepFraction(x: Interactions, fraction: number, rng: Rng): Interactions {
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`keep fraction must be in (0, 1] (got ${fraction}).`);
  if (fraction === 1) return x;
  const n = x.user.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(order);
  const chosen = order.subarray(0, Math.max(1, Math.round(fraction * n))).slice().sort();
  return selectEvents(x, chosen);
}
