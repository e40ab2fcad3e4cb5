/**
 * Full-ranking evaluation: every user is scored against the whole catalog (no sampled negatives,
 * which are known to mislead), items the user already has are excluded, and the test items are the
 * user's future interactions. Per-user values are kept so that groups can be summarised and two
 * models compared user by user.
 */
import { type TaskOptions, throwIfAborted, yieldToLoop } from '../runtime/progress';
import { Rng } from '../runtime/rng';
import { jaccardDistance } from './item-distance';
import { type UserItemMatrix, itemDegrees, rowLength, rowOf } from './matrix';
import { catalogCoverage, giniIndex, hitRateAt, intraListDiversity, ndcgAt, novelty, recallAt, reciprocalRank } from './metrics';
import { EXCLUDED, topK } from './ranking';
import type { Recommender } from './recommender';
import { type Interval, bootstrapIntervals } from './stats';

/** Metrics averaged over users. */
export const USER_METRICS = ['recall@10', 'recall@20', 'ndcg@10', 'ndcg@20', 'hitrate@10', 'mrr', 'novelty@10', 'ild@10'] as const;
/** Metrics of the whole set of top-10 lists. */
export const LIST_METRICS = ['coverage@10', 'gini@10'] as const;
export type UserMetric = (typeof USER_METRICS)[number];
export type ListMetric = (typeof LIST_METRICS)[number];
export type MetricName = UserMetric | ListMetric;

/** Length of the stored top lists (the largest cutoff). */
export const LIST_LENGTH = 20;
const BEYOND_ACCURACY_K = 10;

export interface EvaluationInput {
  /** Relevant (future) items per user; users without any are not evaluated. */
  readonly test: UserItemMatrix;
  /** Each user's known items: excluded from the ranking and given to history-based models. */
  readonly history: UserItemMatrix;
  /** Users to evaluate (default: every user with at least one test item). */
  readonly users?: Int32Array;
  /** Users per item in the reference (real) training data, for novelty (default: from history). */
  readonly itemPopularity?: Float64Array;
  readonly populationUsers?: number;
  /** Token lists per item, for intra-list diversity; without them ild@10 is not computed. */
  readonly itemTokens?: readonly Int32Array[];
  /** Rank of each item among equals (lower first); default a seeded random order. */
  readonly tieOrder?: Int32Array;
  readonly seed?: number;
}

export interface PerUserResults {
  readonly users: Int32Array;
  readonly values: Readonly<Record<UserMetric, Float64Array>>;
  /** users.length x LIST_LENGTH items, row-major; -1 pads lists shorter than LIST_LENGTH. */
  readonly topLists: Int32Array;
  readonly nItems: number;
  readonly hasItemTokens: boolean;
}

export interface MetricValue {
  readonly value: number;
  readonly ci: Interval;
}

export interface MetricSummary {
  readonly users: number;
  readonly metrics: Readonly<Partial<Record<MetricName, MetricValue>>>;
}

export function randomTieOrder(nItems: number, seed: number): Int32Array {
  const perm = Int32Array.from({ length: nItems }, (_, i) => i);
  new Rng(seed).shuffle(perm);
  const order = new Int32Array(nItems);
  for (let r = 0; r < nItems; r++) order[perm[r]!] = r;
  return order;
}

/** Users that have at least one test item. */
export function usersWithTestItems(test: UserItemMatrix): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < test.nUsers; u++) if (rowLength(test, u) > 0) out.push(u);
  return Int32Array.from(out);
}

/** Position (1-based) of the best-ranked test item in the full ranking of row. */
function firstRelevantRank(row: Float32Array, relevant: Int32Array, tie: Int32Array): number {
  let best = -1;
  for (const it of relevant) {
    const s = row[it]!;
    if (s === EXCLUDED || Number.isNaN(s)) continue;
    if (best < 0 || s > row[best]! || (s === row[best]! && tie[it]! < tie[best]!)) best = it;
  }
  if (best < 0) return Number.POSITIVE_INFINITY;
  const sb = row[best]!;
  const tb = tie[best]!;
  let rank = 1;
  for (let j = 0; j < row.length; j++) {
    const s = row[j]!;
    if (s > sb || (s === sb && tie[j]! < tb)) rank++;
  }
  return rank;
}

export async function evaluateModel(model: Recommender, input: EvaluationInput, opts: TaskOptions = {}): Promise<PerUserResults> {
  const nItems = model.nItems;
  if (input.test.nItems !== nItems || input.history.nItems !== nItems) {
    throw new Error(`The model ranks ${nItems} items but the test data has ${input.test.nItems} and the history ${input.history.nItems}; fit and evaluate on the same item index.`);
  }
  const users = input.users ?? usersWithTestItems(input.test);
  const tie = input.tieOrder ?? randomTieOrder(nItems, input.seed ?? 0);
  const popularity = input.itemPopularity ?? itemDegrees(input.history);
  const population = input.populationUsers ?? input.history.nUsers;
  const tokens = input.itemTokens;
  const distance = tokens ? (a: number, b: number) => jaccardDistance(tokens[a]!, tokens[b]!) : null;

  const values = Object.fromEntries(USER_METRICS.map((m) => [m, new Float64Array(users.length)])) as Record<UserMetric, Float64Array>;
  const topLists = new Int32Array(users.length * LIST_LENGTH).fill(-1);
  const batch = Math.max(1, Math.min(512, Math.floor(4_000_000 / Math.max(1, nItems))));
  const buffer = new Float32Array(batch * nItems);
  for (let start = 0; start < users.length; start += batch) {
    throwIfAborted(opts.signal);
    const chunk = users.subarray(start, Math.min(users.length, start + batch));
    model.scoreUsers(chunk, input.history, buffer);
    for (let b = 0; b < chunk.length; b++) {
      const u = chunk[b]!;
      const row = buffer.subarray(b * nItems, (b + 1) * nItems);
      for (const it of rowOf(input.history, u)) row[it] = EXCLUDED;
      const relevant = rowOf(input.test, u);
      const top = topK(row, LIST_LENGTH, tie);
      const p = start + b;
      topLists.set(top, p * LIST_LENGTH);
      const top10 = top.subarray(0, BEYOND_ACCURACY_K);
      values['recall@10'][p] = recallAt(top, relevant, 10);
      values['recall@20'][p] = recallAt(top, relevant, 20);
      values['ndcg@10'][p] = ndcgAt(top, relevant, 10);
      values['ndcg@20'][p] = ndcgAt(top, relevant, 20);
      values['hitrate@10'][p] = hitRateAt(top, relevant, 10);
      values.mrr[p] = reciprocalRank(firstRelevantRank(row, relevant, tie));
      values['novelty@10'][p] = novelty(top10, popularity, population);
      values['ild@10'][p] = distance ? intraListDiversity(top10, distance) : 0;
    }
    opts.onProgress?.({ stage: 'evaluating', fraction: Math.min(1, (start + chunk.length) / users.length), model: model.kind });
    await yieldToLoop();
  }
  return { users, values, topLists, nItems, hasItemTokens: tokens !== undefined };
}

function listMetrics(r: PerUserResults, positions: ArrayLike<number>): [number, number] {
  const counts = new Float64Array(r.nItems);
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    for (let k = 0; k < BEYOND_ACCURACY_K; k++) {
      const it = r.topLists[p * LIST_LENGTH + k]!;
      if (it >= 0) counts[it]!++;
    }
  }
  return [catalogCoverage(counts), giniIndex(counts)];
}

export interface SummaryOptions {
  readonly seed?: number;
  /** Bootstrap resamples (default 1000). */
  readonly resamples?: number;
  /** Positions into r.users to summarise (a user group); default all. */
  readonly positions?: Int32Array;
}

/** Means (and list metrics) over the chosen users, each with a percentile-bootstrap 95% interval over users. */
export function summarise(r: PerUserResults, opts: SummaryOptions = {}): MetricSummary {
  const positions = opts.positions ?? Int32Array.from({ length: r.users.length }, (_, i) => i);
  const n = positions.length;
  if (n === 0) return { users: 0, metrics: {} };
  const names = USER_METRICS.filter((m) => m !== 'ild@10' || r.hasItemTokens);
  const columns = names.map((m) => Float64Array.from(positions, (p) => r.values[m][p]!));
  const point = (draw: ArrayLike<number> | null): number[] => {
    const means = columns.map((c) => {
      let s = 0;
      if (draw === null) for (let i = 0; i < n; i++) s += c[i]!;
      else for (let i = 0; i < n; i++) s += c[draw[i]!]!;
      return s / n;
    });
    const chosen = draw === null ? positions : Int32Array.from(draw, (i) => positions[i]!);
    return [...means, ...listMetrics(r, chosen)];
  };
  const estimates = point(null);
  const intervals = bootstrapIntervals(n, (draw) => point(draw), new Rng(opts.seed ?? 0), opts.resamples ?? 1000);
  const all: MetricName[] = [...names, ...LIST_METRICS];
  const metrics: Partial<Record<MetricName, MetricValue>> = {};
  all.forEach((m, i) => (metrics[m] = { value: estimates[i]!, ci: intervals[i]! }));
  return { users: n, metrics };
}
