/** Small numeric routines that mirror numpy / scipy behaviour where SDMetrics depends on it. */

/** Round half to even, like C's rint (numpy's `rint`). */
export function rint(y: number): number {
  if (!Number.isFinite(y)) return y;
  const r = Math.round(y);
  // Math.round rounds halves up; numpy rounds them to the even neighbour.
  if (r - y === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/** numpy's `round(x, decimals)`: multiply by 10^d, rint, divide (so its double-rounding quirks match). */
export function roundDecimals(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return rint(x * f) / f;
}

/** numpy's pairwise summation (the order `ndarray.sum` uses), so sums match it to the last bits. */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i]!;
    return res;
  }
  if (n <= 128) {
    const r = [a[start]!, a[start + 1]!, a[start + 2]!, a[start + 3]!, a[start + 4]!, a[start + 5]!, a[start + 6]!, a[start + 7]!];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j]! += a[start + i + j]!;
    }
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) res += a[start + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

export function mean(a: ArrayLike<number>): number {
  return a.length === 0 ? Number.NaN : pairwiseSum(a) / a.length;
}

/** Mean of the finite entries, NaN when there are none (numpy's nanmean). */
export function nanmean(a: readonly (number | null)[]): number | null {
  const xs = a.filter((x): x is number => x !== null && !Number.isNaN(x));
  return xs.length === 0 ? null : pairwiseSum(xs) / xs.length;
}

/** Non-missing values of a numeric column. */
export function dropNaN(a: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!)) n++;
  if (n === a.length) return a;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!)) out[k++] = a[i]!;
  return out;
}

export function minMax(a: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/** Sorted copy (numeric order). */
export function sorted(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(a).sort();
}

/** Median of a sorted array (mean of the two middle values for even lengths, like pandas). */
export function medianOfSorted(s: ArrayLike<number>): number {
  const n = s.length;
  if (n === 0) return Number.NaN;
  const h = n >> 1;
  return n % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

export function median(a: ArrayLike<number>): number {
  return medianOfSorted(sorted(a));
}

/** numpy's default ('linear') percentile of a sorted array, q in [0, 100]. */
export function percentileOfSorted(s: ArrayLike<number>, q: number): number {
  const n = s.length;
  if (n === 0) return Number.NaN;
  const pos = ((n - 1) * q) / 100;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const frac = pos - lo;
  const a = s[lo]!;
  const b = s[hi]!;
  // numpy's lerp form, which is exact at both ends.
  return frac >= 0.5 ? b - (b - a) * (1 - frac) : a + (b - a) * frac;
}

/**
 * numpy's `histogram_bin_edges(a, bins)` for finite data: `bins` equal-width bins from min to
 * max (`linspace`: edge i = min + i * step, last edge = max exactly); a constant column widens
 * to [v - 0.5, v + 0.5].
 */
export function histogramBinEdges(a: ArrayLike<number>, bins = 10): Float64Array {
  let { min, max } = minMax(a);
  if (a.length === 0) {
    min = 0;
    max = 1;
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  const step = (max - min) / bins;
  for (let i = 0; i <= bins; i++) edges[i] = i * step + min;
  edges[bins] = max;
  return edges;
}

/**
 * numpy's `digitize(x, edges)` for increasing edges (right=false): the i with
 * edges[i-1] <= x < edges[i]; 0 below the first edge, edges.length at or above the last.
 * NaN lands in edges.length, as in numpy (it sorts after every number).
 */
export function digitize(x: number, edges: ArrayLike<number>): number {
  if (Number.isNaN(x)) return edges.length;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Average ranks (1-based, ties share the mean rank), as scipy's `rankdata(method='average')`. */
export function averageRanks(a: ArrayLike<number>): Float64Array {
  const n = a.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => a[i]! - a[j]!);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && a[order[j + 1]!]! === a[order[i]!]!) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/** Pearson correlation (scipy's two-pass form); NaN when either input is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return Number.NaN;
  const mx = mean(x);
  const my = mean(y);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    dx[i] = x[i]! - mx;
    dy[i] = y[i]! - my;
  }
  // scipy normalises each centred vector first, which keeps the dot product well scaled.
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += dx[i]! * dx[i]!;
    sy += dy[i]! * dy[i]!;
  }
  const nx = Math.sqrt(sx);
  const ny = Math.sqrt(sy);
  if (nx === 0 || ny === 0) return Number.NaN;
  let dot = 0;
  for (let i = 0; i < n; i++) dot += (dx[i]! / nx) * (dy[i]! / ny);
  return Math.max(-1, Math.min(1, dot));
}

/** Shannon entropy (nats) of counts. */
export function entropy(counts: Iterable<number>): number {
  let total = 0;
  const cs: number[] = [];
  for (const c of counts) {
    if (c > 0) {
      cs.push(c);
      total += c;
    }
  }
  let h = 0;
  for (const c of cs) {
    const p = c / total;
    h -= p * Math.log(p);
  }
  return h;
}
