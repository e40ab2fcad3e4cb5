/** Writing a Table as RFC 4180 CSV (quoted where needed), atomically. */
import { cell, type Table } from './table';
import { writeTextAtomic } from './atomic';

/** Quotes a field when it holds a comma, a quote, a line break or leading/trailing spaces. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function formatCell(t: Table, ci: number, row: number): string {
  const c = t.columns[ci]!;
  const v = cell(c, row);
  if (v !== null && c.type === 'datetime' && typeof v === 'number') {
    // ISO 8601 UTC without the trailing "Z" noise for whole seconds: 2010-12-01 08:26:00
    return new Date(v).toISOString().replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '');
  }
  return csvField(v);
}

export function tableToCsv(t: Table): string {
  const lines: string[] = [t.columns.map((c) => csvField(c.name)).join(',')];
  for (let r = 0; r < t.nRows; r++) {
    const parts = new Array<string>(t.columns.length);
    for (let ci = 0; ci < t.columns.length; ci++) parts[ci] = formatCell(t, ci, r);
    lines.push(parts.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function writeTableCsv(t: Table, path: string): Promise<void> {
  return writeTextAtomic(path, tableToCsv(t));
}
