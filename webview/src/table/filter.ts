/** Row filtering for the preview tables. Pure, unit-tested. */
import type { Cell } from '../../../src/protocol/webview';

/** What a cell shows: the value as text; missing cells show nothing. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'number' ? String(c) : c;
}

/**
 * Indices of the rows whose cell (in column `column`, or in any column when it is -1) contains
 * `query`, ignoring case. An empty query keeps every row.
 */
export function filterRows(rows: readonly (readonly Cell[])[], column: number, query: string): Int32Array {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return Int32Array.from({ length: rows.length }, (_, i) => i);
  const out = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const hit =
      column >= 0
        ? cellText(row[column]).toLocaleLowerCase().includes(q)
        : row.some((c) => cellText(c).toLocaleLowerCase().includes(q));
    if (hit) out[n++] = i;
  }
  return out.slice(0, n);
}

/** Width in characters for each column, from the header and the first rows (kept within [min, max]). */
export function columnWidths(columns: readonly string[], rows: readonly (readonly Cell[])[], sample = 200, min = 6, max = 40): number[] {
  return columns.map((name, j) => {
    let w = name.length;
    for (let i = 0; i < Math.min(sample, rows.length); i++) w = Math.max(w, cellText(rows[i]![j]).length);
    return Math.min(max, Math.max(min, w + 2));
  });
}
