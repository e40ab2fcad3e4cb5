/** Cramér's V of a two-way table of codes (scipy's association(method='cramer'), no Yates correction). */

/**
 * `a` and `b` are per-row category codes in [0, sizeA) and [0, sizeB). Only categories that
 * occur form rows / columns, as pandas' unstack does. Returns NaN for tables smaller than 2x2.
 */
export function cramersVDense(a: Int32Array, sizeA: number, b: Int32Array, sizeB: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  if (sizeA * sizeB > 4_000_000) return cramersV(a, b);
  const table = new Float64Array(sizeA * sizeB);
  const rowSums = new Float64Array(sizeA);
  const colSums = new Float64Array(sizeB);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    table[x * sizeB + y]!++;
    rowSums[x]!++;
    colSums[y]!++;
  }
  let r = 0;
  let c = 0;
  for (let i = 0; i < sizeA; i++) if (rowSums[i]! > 0) r++;
  for (let j = 0; j < sizeB; j++) if (colSums[j]! > 0) c++;
  if (r < 2 || c < 2) return Number.NaN;
  let chi2 = 0;
  for (let i = 0; i < sizeA; i++) {
    const rs = rowSums[i]!;
    if (rs === 0) continue;
    for (let j = 0; j < sizeB; j++) {
      const cs = colSums[j]!;
      if (cs === 0) continue;
      const expected = (rs * cs) / n;
      const d = table[i * sizeB + j]! - expected;
      chi2 += (d * d) / expected;
    }
  }
  return Math.sqrt(chi2 / n / (Math.min(r, c) - 1));
}

/** Same, for arbitrary non-negative integer codes (a sparse table). */
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
  const rows = Int32Array.from({ length: n }, (_, i) => rowIndex.get(a[i]!)!);
  const cols = Int32Array.from({ length: n }, (_, i) => colIndex.get(b[i]!)!);
  if (r * c <= 4_000_000) return cramersVDense(rows, r, cols, c);
  // Very large sparse tables: chi2 = n * (sum O^2 / (rowSum * colSum) - 1) over observed cells.
  const rowSums = new Float64Array(r);
  const colSums = new Float64Array(c);
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    rowSums[rows[i]!]!++;
    colSums[cols[i]!]!++;
    const key = rows[i]! * c + cols[i]!;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  let s = 0;
  for (const [key, o] of cells) s += (o * o) / (rowSums[Math.floor(key / c)]! * colSums[key % c]!);
  const chi2 = n * (s - 1);
  return Math.sqrt(Math.max(0, chi2) / n / (Math.min(r, c) - 1));
}
