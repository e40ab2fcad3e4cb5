/** Cramér's V of a two-way table of codes (scipy's association(method='cramer'), no Yates correction). */

/**
 * `a` and `b` are per-row category codes (any non-negative integers). Only categories that occur
 * form rows / columns, as pandas' unstack does. Returns NaN for tables smaller than 2x2.
 */
export function cramersV(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const rowIndex = new Map<number, number>();
  const colIndex = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!rowIndex.has(a[i]!)) rowIndex.set(a[i]!, rowIndex.size);
    if (!colIndex.has(b[i]!)) colIndex.set(b[i]!, colIndex.size);
  }
  const r = rowIndex.size;
  const c = colIndex.size;
  if (r < 2 || c < 2) return Number.NaN;
  const table = new Float64Array(r * c);
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    const ri = rowIndex.get(a[i]!)!;
    const ci = colIndex.get(b[i]!)!;
    table[ri * c + ci]!++;
    rowSums[ri]!++;
    colSums[ci]!++;
  }
  let chi2 = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const expected = (rowSums[i]! * colSums[j]!) / n;
      const d = table[i * c + j]! - expected;
      chi2 += (d * d) / expected;
    }
  }
  return Math.sqrt(chi2 / n / (Math.min(r, c) - 1));
}
