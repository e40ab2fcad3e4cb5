/** Shared pieces of the recommenders: top-k from the batched scores, and the stored training matrix. */
import { type UserItemMatrix, rowOf } from './matrix';
import { EXCLUDED, topK } from './ranking';
import type { Recommendation, RecommendOptions, Recommender } from './recommender';
import type { LoadedModel, StoredArray } from './persist';

export function recommendFromScores(
  model: Recommender,
  train: UserItemMatrix,
  itemIds: readonly string[],
  user: number,
  k: number,
  opts: RecommendOptions = {},
): Recommendation[] {
  const history = opts.history ?? train;
  if (user < 0 || user >= history.nUsers) {
    throw new Error(`User index ${user} is outside the ${history.nUsers} users the model knows; pass a history that includes this user.`);
  }
  const out = new Float32Array(model.nItems);
  model.scoreUsers(Int32Array.of(user), history, out);
  if (opts.excludeSeen !== false) for (const it of rowOf(history, user)) out[it] = EXCLUDED;
  return Array.from(topK(out, k), (item) => ({ item, itemId: itemIds[item]!, score: out[item]! }));
}

export function requireFitted<T>(value: T | null, kind: string): T {
  if (value === null) throw new Error(`The ${kind} recommender is not fitted: call fit(interactions) or load it from a folder first.`);
  return value;
}

/** The arrays that persist a training matrix (sequences included, for history-based models). */
export function matrixArrays(m: UserItemMatrix): Record<string, StoredArray> {
  const out: Record<string, StoredArray> = { trainIndptr: m.indptr, trainIndices: m.indices };
  if (m.sequence) {
    out.seqIndptr = m.sequence.indptr;
    out.seqItems = m.sequence.items;
  }
  return out;
}

export function matrixFromStored(f: LoadedModel, nUsers: number, nItems: number): UserItemMatrix {
  const base = { nUsers, nItems, indptr: f.int32('trainIndptr'), indices: f.int32('trainIndices') };
  const stored = (f.meta.arrays as { name: string }[]).some((a) => a.name === 'seqIndptr');
  return stored ? { ...base, sequence: { indptr: f.int32('seqIndptr'), items: f.int32('seqItems') } } : base;
}
