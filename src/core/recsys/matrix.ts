/**
 * A binary user x item matrix in compressed sparse row form: the view of an interaction log that
 * the recommenders and the evaluator work on (repeat purchases collapse to one entry).
 */
import { type Interactions, userOffsets } from '../data/interactions';

export interface UserItemMatrix {
  readonly nUsers: number;
  readonly nItems: number;
  /** Row u holds indices[indptr[u] .. indptr[u+1]), sorted ascending, no repeats. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  /** Each user's items in time order, repeats kept, when built from a log (sequential models read it). */
  readonly sequence?: { readonly indptr: Int32Array; readonly items: Int32Array };
}

/** Builds the matrix from (user, item) pairs; repeats are dropped. */
export function matrixFromPairs(nUsers: number, nItems: number, users: ArrayLike<number>, items: ArrayLike<number>): UserItemMatrix {
  const n = users.length;
  const counts = new Int32Array(nUsers + 1);
  for (let i = 0; i < n; i++) {
    const u = users[i]!;
    const it = items[i]!;
    if (u < 0 || u >= nUsers || it < 0 || it >= nItems) {
      throw new Error(`Pair ${i} (user ${u}, item ${it}) is outside a ${nUsers} x ${nItems} matrix.`);
    }
    counts[u + 1]!++;
  }
  for (let u = 0; u < nUsers; u++) counts[u + 1]! += counts[u]!;
  const fill = counts.slice(0, nUsers);
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) raw[fill[users[i]!]!++] = items[i]!;
  // Sort and dedupe each row in place, then compact.
  const indptr = new Int32Array(nUsers + 1);
  let out = 0;
  for (let u = 0; u < nUsers; u++) {
    const row = raw.subarray(counts[u]!, counts[u + 1]!);
    row.sort();
    for (let j = 0; j < row.length; j++) {
      if (j === 0 || row[j] !== row[j - 1]) raw[out++] = row[j]!;
    }
    indptr[u + 1] = out;
  }
  return { nUsers, nItems, indptr, indices: raw.slice(0, out) };
}

/** Interactions are sorted by user then time, so the log itself is the time-ordered sequence. */
export function matrixFromInteractions(x: Interactions): UserItemMatrix {
  const m = matrixFromPairs(x.userIds.length, x.itemIds.length, x.user, x.item);
  return { ...m, sequence: { indptr: userOffsets(x), items: x.item } };
}

export function rowOf(m: UserItemMatrix, u: number): Int32Array {
  return m.indices.subarray(m.indptr[u]!, m.indptr[u + 1]!);
}

export function rowLength(m: UserItemMatrix, u: number): number {
  return m.indptr[u + 1]! - m.indptr[u]!;
}

export function contains(m: UserItemMatrix, u: number, item: number): boolean {
  const row = rowOf(m, u);
  let lo = 0;
  let hi = row.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = row[mid]!;
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The item x user matrix (each item's users), for neighbourhood models and popularity. */
export function transpose(m: UserItemMatrix): UserItemMatrix {
  const counts = new Int32Array(m.nItems + 1);
  for (let k = 0; k < m.indices.length; k++) counts[m.indices[k]! + 1]!++;
  for (let i = 0; i < m.nItems; i++) counts[i + 1]! += counts[i]!;
  const fill = counts.slice(0, m.nItems);
  const indices = new Int32Array(m.indices.length);
  for (let u = 0; u < m.nUsers; u++) {
    for (let k = m.indptr[u]!; k < m.indptr[u + 1]!; k++) indices[fill[m.indices[k]!]!++] = u;
  }
  return { nUsers: m.nItems, nItems: m.nUsers, indptr: counts, indices };
}

/** Number of distinct users per item. */
export function itemDegrees(m: UserItemMatrix): Float64Array {
  const d = new Float64Array(m.nItems);
  for (let k = 0; k < m.indices.length; k++) d[m.indices[k]!]!++;
  return d;
}
