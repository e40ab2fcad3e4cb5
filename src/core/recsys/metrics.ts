/**
 * Ranking metrics for one user (accuracy) and for the set of all recommendation lists (beyond
 * accuracy). Relevance is binary: an item is relevant when the user interacted with it in the
 * test period.
 */

/** True when sorted (ascending) holds item. */
export function sortedHas(sorted: ArrayLike<number>, item: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function hitsAt(top: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  let h = 0;
  for (let p = 0; p < Math.min(k, top.length); p++) if (sortedHas(relevant, top[p]!)) h++;
  return h;
}

/** Share of the user's relevant items found in the top k (relevant sorted ascending; 0 when there are none). */
export function recallAt(top: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  return relevant.length === 0 ? 0 : hitsAt(top, relevant, k) / relevant.length;
}

/** 1 when at least one relevant item is in the top k. */
export function hitRateAt(top: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  return hitsAt(top, relevant, k) > 0 ? 1 : 0;
}

/** Normalised discounted cumulative gain: DCG of the list over the DCG of the ideal list of min(k, |relevant|) hits. */
export function ndcgAt(top: ArrayLike<number>, relevant: ArrayLike<number>, k: number): number {
  if (relevant.length === 0) return 0;
  let dcg = 0;
  for (let p = 0; p < Math.min(k, top.length); p++) if (sortedHas(relevant, top[p]!)) dcg += 1 / Math.log2(p + 2);
  let ideal = 0;
  for (let p = 0; p < Math.min(k, relevant.length); p++) ideal += 1 / Math.log2(p + 2);
  return dcg / ideal;
}

/** Reciprocal of the full-ranking position of the best-ranked relevant item (0 when none can be ranked). */
export function reciprocalRank(firstRelevantRank: number): number {
  return Number.isFinite(firstRelevantRank) && firstRelevantRank >= 1 ? 1 / firstRelevantRank : 0;
}

/** Share of the catalog that appears in at least one list. */
export function catalogCoverage(counts: ArrayLike<number>): number {
  if (counts.length === 0) return 0;
  let covered = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) covered++;
  return covered / counts.length;
}

/**
 * Gini coefficient of how often each catalog item is recommended: 0 when every item is recommended
 * equally often, towards 1 when a few items take every slot. Items never recommended count as 0.
 */
export function giniIndex(counts: ArrayLike<number>): number {
  const n = counts.length;
  const sorted = Float64Array.from(counts).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i]!;
    weighted += (2 * (i + 1) - n - 1) * sorted[i]!;
  }
  return total === 0 ? 0 : weighted / (n * total);
}

/** Mean self-information of the listed items, -log2 of the share of users who had each (add-one smoothed). */
export function novelty(top: ArrayLike<number>, itemUsers: ArrayLike<number>, nUsers: number): number {
  if (top.length === 0) return 0;
  let s = 0;
  for (let p = 0; p < top.length; p++) s += -Math.log2((itemUsers[top[p]!]! + 1) / (nUsers + 1));
  return s / top.length;
}

/** Mean pairwise distance between the listed items (0 for lists shorter than 2). */
export function intraListDiversity(top: ArrayLike<number>, distance: (a: number, b: number) => number): number {
  let s = 0;
  let pairs = 0;
  for (let a = 0; a < top.length; a++) {
    for (let b = a + 1; b < top.length; b++) {
      s += distance(top[a]!, top[b]!);
      pairs++;
    }
  }
  return pairs === 0 ? 0 : s / pairs;
}
