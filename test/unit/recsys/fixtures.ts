/**
 * Small logs for the recsys tests: a planted two-taste population (so a working recommender has
 * something to find), and a seeded random-walk generator standing in for the behaviour synthesizer.
 */
import type { Interactions } from '../../../src/core/data/interactions';
import { Rng } from '../../../src/core/runtime/rng';

const DAY = 86_400_000;
export const START = Date.UTC(2011, 0, 1);

/** Builds Interactions from (userId, itemId, time) rows, sorted by user then time. */
export function logFromRows(rows: readonly (readonly [string, string, number])[], itemFeatures?: Interactions['itemFeatures']): Interactions {
  const userIds: string[] = [];
  const itemIds: string[] = [];
  const uIndex = new Map<string, number>();
  const iIndex = new Map<string, number>();
  const code = (m: Map<string, number>, ids: string[], id: string): number => {
    let c = m.get(id);
    if (c === undefined) {
      c = ids.length;
      m.set(id, c);
      ids.push(id);
    }
    return c;
  };
  const coded = rows.map(([u, i, t], r) => [code(uIndex, userIds, u), code(iIndex, itemIds, i), t, r] as const);
  coded.sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[3] - b[3]);
  return {
    userIds,
    itemIds,
    user: Int32Array.from(coded, (c) => c[0]),
    item: Int32Array.from(coded, (c) => c[1]),
    time: Float64Array.from(coded, (c) => c[2]),
    columnNames: { user: 'user_id', item: 'item_id', time: 'timestamp' },
    ...(itemFeatures ? { itemFeatures } : {}),
  };
}

/**
 * nUsers users in two taste groups over nItems items (first half red, second half blue); each
 * user makes 3-8 visits a few days apart and buys 1-3 items per visit, 90% from their group.
 */
export function plantedLog(nUsers = 80, nItems = 30, seed = 3): Interactions {
  const rng = new Rng(seed);
  const half = nItems / 2;
  const rows: [string, string, number][] = [];
  // Item ids in a fixed order so that item index i is item `i${i}` (features line up).
  for (let i = 0; i < nItems; i++) rows.push(['seed-user', `i${i}`, START - DAY]);
  for (let u = 0; u < nUsers; u++) {
    const group = u % 2;
    // A few favourite items per user, so repeat tastes carry across visits.
    const favourites = Array.from({ length: 5 }, () => group * half + rng.int(half));
    let t = START + rng.int(30) * DAY;
    const visits = 3 + rng.int(6);
    for (let v = 0; v < visits; v++) {
      const n = 1 + rng.int(3);
      for (let k = 0; k < n; k++) {
        const own = rng.uniform() < 0.9;
        const item = own ? (rng.uniform() < 0.5 ? favourites[rng.int(5)]! : group * half + rng.int(half)) : (1 - group) * half + rng.int(half);
        rows.push([`u${u}`, `i${item}`, t]);
      }
      t += (1 + rng.int(10)) * DAY;
    }
  }
  const description = Array.from({ length: nItems }, (_, i) => `${i < half ? 'red' : 'blue'} ${['mug', 'lamp', 'card'][i % 3]} ${i}`);
  const price = Array.from({ length: nItems }, (_, i) => 1 + (i % 7));
  return logFromRows(rows, { Description: description, UnitPrice: price });
}

/**
 * A stand-in synthesizer: new users whose histories are random walks on the training log's
 * user-item graph (item -> a buyer of it -> another of their items), timed inside the training
 * period, as many events as the log has. It reads nothing but the log it is given.
 */
export function randomWalkSynthesizer(seed: number, onInput?: (train: Interactions) => void) {
  return async (train: Interactions): Promise<Interactions> => {
    onInput?.(train);
    const rng = new Rng(seed);
    const n = train.user.length;
    const byItem = new Map<number, number[]>();
    const byUser = new Map<number, number[]>();
    let tMin = Number.POSITIVE_INFINITY;
    let tMax = Number.NEGATIVE_INFINITY;
    for (let e = 0; e < n; e++) {
      (byItem.get(train.item[e]!) ?? byItem.set(train.item[e]!, []).get(train.item[e]!)!).push(train.user[e]!);
      (byUser.get(train.user[e]!) ?? byUser.set(train.user[e]!, []).get(train.user[e]!)!).push(train.item[e]!);
      tMin = Math.min(tMin, train.time[e]!);
      tMax = Math.max(tMax, train.time[e]!);
    }
    const rows: [string, string, number][] = [];
    // As many events as the training log, in walks of 2-9 items (one synthetic user each).
    for (let s = 0; rows.length < n; s++) {
      let item = train.item[rng.int(n)]!;
      const length = 2 + rng.int(8);
      for (let k = 0; k < length && rows.length < n; k++) {
        rows.push([`syn${s}`, train.itemIds[item]!, tMin + rng.uniform() * (tMax - tMin)]);
        const buyers = byItem.get(item)!;
        const other = buyers[rng.int(buyers.length)]!;
        const theirs = byUser.get(other)!;
        item = theirs[rng.int(theirs.length)]!;
      }
    }
    return logFromRows(rows);
  };
}
