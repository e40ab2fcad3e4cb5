/**
 * The first rows of a table as the dashboard's preview ({ columns, rows } of plain cells).
 * Datetimes become "YYYY-MM-DD HH:MM:SS" (UTC) text so the preview reads like the source file;
 * missing values become null.
 */
import { type Table, cell } from '../data/table';

export interface Preview {
  columns: string[];
  rows: (string | number | null)[][];
}

export function formatDateTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2011-05-17T10:34:00.000Z
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function previewOf(table: Table, maxRows: number): Preview {
  const n = Math.max(0, Math.min(table.nRows, Math.floor(maxRows)));
  const rows: (string | number | null)[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = table.columns.map((c) => {
      const v = cell(c, i);
      return c.type === 'datetime' && typeof v === 'number' ? formatDateTime(v) : v;
    });
  }
  return { columns: table.columns.map((c) => c.name), rows };
}
