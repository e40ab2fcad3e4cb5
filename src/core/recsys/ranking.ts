/**
 * Top-k selection over a score vector with a deterministic tie order. Ties are frequent (popularity
 * counts, items no neighbour reaches), so the tie order is explicit: the evaluator passes a seeded
 * random order so that ties favour no item by its index.
 */

/** Marks an item as not rankable (seen, or excluded) in a score buffer. */
export const EXCLUDED = Number.NEGATIVE_INFINITY;

/** True when item a ranks before item b. */
function before(scores: ArrayLike<number>, tie: ArrayLike<number> | undefined, a: number, b: number): boolean {
  const sa = scores[a]!;
  const sb = scores[b]!;
  if (sa !== sb) return sa > sb;
  return tie ? tie[a]! < tie[b]! : a < b;
}

function rankable(s: number): boolean {
  return s !== EXCLUDED && !Number.isNaN(s);
}

/**
 * The k best items of scores, best first, skipping EXCLUDED and NaN.
 * tie[i] (lower first) breaks equal scores; item index when omitted.
 */
export function topK(scores: ArrayLike<number>, k: number, tie?: ArrayLike<number>): Int32Array {
  const view = scores;
  const n = scores.length;
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = view[i]!;
    if (!rankable(s)) continue;
    if (best.length === k && !before(view, tie, i, best[k - 1]!)) continue;
    // Insert keeping best sorted; k is small (10-100), so a shift beats a heap.
    let pos = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (pos > 0 && before(view, tie, i, best[pos - 1]!)) {
      best[pos] = best[pos - 1]!;
      pos--;
    }
    best[pos] = i;
  }
  return Int32Array.from(best);
}

/** 1-based position of item in the full ranking (rankable items only); Infinity when item is not rankable. */
export function rankOf(scores: ArrayLike<number>, item: number, tie?: ArrayLike<number>): number {
  if (!rankable(scores[item]!)) return Number.POSITIVE_INFINITY;
  let r = 1;
  for (let j = 0; j < scores.length; j++) {
    if (j !== item && rankable(scores[j]!) && before(scores, tie, j, item)) r++;
  }
  return r;
}
