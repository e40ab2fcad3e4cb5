import { cell, isNumeric, type Table } from '../data/table';

export interface TablePreview {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  /** Rows in the whole table (the preview may hold fewer). */
  readonly totalRows: number;
}

/** The first `max` rows as plain values, datetimes as ISO text, for the dashboard. */
export function previewTable(t: Table, max: number): TablePreview {
  const n = Math.min(max, t.nRows);
  const rows: (string | number | null)[][] = [];
  for (let r = 0; r < n; r++) {
    rows.push(
      t.columns.map((c) => {
        const v = cell(c, r);
        if (v !== null && isNumeric(c) && c.type === 'datetime') return new Date(v as number).toISOString().replace('T', ' ').replace(/\.000Z$/, '');
        return v;
      }),
    );
  }
  return { columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows, totalRows: t.nRows };
}
