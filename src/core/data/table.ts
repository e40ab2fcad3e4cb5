/**
 * The engine's in-memory table: columnar, typed, independent of any dataframe library.
 * Readers (nodejs-polars) produce it; synthesizers, metrics and recommenders consume it.
 */
export type ColumnType = 'numerical' | 'datetime' | 'categorical' | 'text' | 'id';

/** Numbers, with NaN for a missing value. Datetimes are epoch milliseconds (UTC). */
export interface NumericColumn {
  readonly name: string;
  readonly type: 'numerical' | 'datetime';
  readonly values: Float64Array;
  /** True when every non-missing value is an integer in the source (ints are sampled back as ints). */
  readonly integer?: boolean;
}

/** Strings, with null for a missing value. */
export interface StringColumn {
  readonly name: string;
  readonly type: 'categorical' | 'text' | 'id';
  readonly values: readonly (string | null)[];
}

export type Column = NumericColumn | StringColumn;

export interface Table {
  readonly columns: readonly Column[];
  readonly nRows: number;
}

export function isNumeric(c: Column): c is NumericColumn {
  return c.type === 'numerical' || c.type === 'datetime';
}

export function makeTable(columns: readonly Column[]): Table {
  const nRows = columns[0]?.values.length ?? 0;
  const seen = new Set<string>();
  for (const c of columns) {
    if (c.values.length !== nRows) {
      throw new Error(`Column "${c.name}" has ${c.values.length} values but the table has ${nRows} rows.`);
    }
    if (seen.has(c.name)) throw new Error(`Column "${c.name}" appears twice.`);
    seen.add(c.name);
  }
  return { columns, nRows };
}

export function getColumn(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`No column "${name}"; the table has: ${t.columns.map((x) => x.name).join(', ')}.`);
  return c;
}

export function hasColumn(t: Table, name: string): boolean {
  return t.columns.some((x) => x.name === name);
}

/** A new table holding the given rows, in the given order (indices may repeat). */
export function takeRows(t: Table, rows: ArrayLike<number>): Table {
  const n = rows.length;
  const columns: Column[] = t.columns.map((c) => {
    if (isNumeric(c)) {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = c.values[rows[i]!]!;
      return { ...c, values: out };
    }
    const out = new Array<string | null>(n);
    for (let i = 0; i < n; i++) out[i] = c.values[rows[i]!] ?? null;
    return { ...c, values: out };
  });
  return { columns, nRows: n };
}

export function selectColumns(t: Table, names: readonly string[]): Table {
  return makeTable(names.map((n) => getColumn(t, n)));
}

/** Cell value as a plain JS value (NaN becomes null), for previews and CSV output. */
export function cell(c: Column, row: number): string | number | null {
  const v = c.values[row];
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  return v;
}
