/**
 * Brings synthetic interactions into the real log's index space so that models trained on them can
 * be scored against real users and items: items are matched by id (unknown items cannot be
 * evaluated and are dropped), users by id (a synthetic event for a real user id densifies that
 * user; other synthetic users are appended after the real ones).
 */
import type { Interactions } from '../data/interactions';
import type { Rng } from '../runtime/rng';
import { selectEvents } from './split';

export interface AlignedSynthetic {
  /** Synthetic events over the real user index (extended) and the real item index. */
  readonly interactions: Interactions;
  readonly droppedUnknownItems: number;
  readonly newUsers: number;
}

function sortedByUserThenTime(
  userIds: readonly string[],
  itemIds: readonly string[],
  columnNames: Interactions['columnNames'],
  users: Int32Array,
  items: Int32Array,
  times: Float64Array,
): Interactions {
  const order = Int32Array.from({ length: users.length }, (_, i) => i).sort((a, b) => users[a]! - users[b]! || times[a]! - times[b]! || a - b);
  return {
    userIds,
    itemIds,
    user: Int32Array.from(order, (i) => users[i]!),
    item: Int32Array.from(order, (i) => items[i]!),
    time: Float64Array.from(order, (i) => times[i]!),
    columnNames,
  };
}

export function alignSynthetic(real: Interactions, synthetic: Interactions): AlignedSynthetic {
  const itemIndex = new Map(real.itemIds.map((id, i) => [id, i] as const));
  const userIndex = new Map(real.userIds.map((id, u) => [id, u] as const));
  const userIds = [...real.userIds];
  const users: number[] = [];
  const items: number[] = [];
  const times: number[] = [];
  let dropped = 0;
  const synthUserMap = new Int32Array(synthetic.userIds.length).fill(-1);
  for (let e = 0; e < synthetic.user.length; e++) {
    const item = itemIndex.get(synthetic.itemIds[synthetic.item[e]!]!);
    if (item === undefined) {
      dropped++;
      continue;
    }
    const su = synthetic.user[e]!;
    let u = synthUserMap[su]!;
    if (u < 0) {
      const id = synthetic.userIds[su]!;
      u = userIndex.get(id) ?? -1;
      if (u < 0) {
        u = userIds.length;
        userIds.push(id);
        userIndex.set(id, u);
      }
      synthUserMap[su] = u;
    }
    users.push(u);
    items.push(item);
    times.push(synthetic.time[e]!);
  }
  return {
    interactions: sortedByUserThenTime(userIds, real.itemIds, real.columnNames, Int32Array.from(users), Int32Array.from(items), Float64Array.from(times)),
    droppedUnknownItems: dropped,
    newUsers: userIds.length - real.userIds.length,
  };
}

/** A seeded random subset of at most n events. */
export function sampleEvents(x: Interactions, n: number, rng: Rng): Interactions {
  if (n >= x.user.length) return x;
  const order = Int32Array.from({ length: x.user.length }, (_, i) => i);
  rng.shuffle(order);
  return selectEvents(x, order.subarray(0, Math.max(0, Math.round(n))).slice().sort());
}

/**
 * Real training events plus aligned synthetic ones, over the synthetic index (which extends the
 * real users). Real events keep their user indices, since the aligned index starts with them.
 */
export function combine(real: Interactions, aligned: Interactions): Interactions {
  const n = real.user.length + aligned.user.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const times = new Float64Array(n);
  users.set(real.user);
  users.set(aligned.user, real.user.length);
  items.set(real.item);
  items.set(aligned.item, real.user.length);
  times.set(real.time);
  times.set(aligned.time, real.user.length);
  const userIds = aligned.userIds.length >= real.userIds.length ? aligned.userIds : real.userIds;
  return sortedByUserThenTime(userIds, real.itemIds, real.columnNames, users, items, times);
}
