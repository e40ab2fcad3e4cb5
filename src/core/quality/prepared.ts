/**
 * The view of a table that the metrics work on: each metadata column as numbers
 * (numerical, datetime) or as category strings (categorical, boolean), in metadata order.
 */
import { getColumn, hasColumn, isNumeric, type Column, type Table } from '../data/table';
import type { SingleTableMetadata, Sdtype } from './metadata';

export type ContinuousSdtype = 'numerical' | 'datetime';
export type DiscreteSdtype = 'categorical' | 'boolean';

export interface ContinuousColumn {
  readonly name: string;
  readonly sdtype: ContinuousSdtype;
  readonly kind: 'continuous';
  /** NaN marks a missing value; datetimes are epoch milliseconds. */
  readonly values: Float64Array;
  /** True when every non-missing value is an integer (used when drawing random baselines). */
  readonly integer: boolean;
}

export interface DiscreteColumn {
  readonly name: string;
  readonly sdtype: DiscreteSdtype;
  readonly kind: 'discrete';
  /** null marks a missing value. */
  readonly values: readonly (string | null)[];
}

export type PreparedColumn = ContinuousColumn | DiscreteColumn;

export interface PreparedTable {
  readonly nRows: number;
  readonly columns: readonly PreparedColumn[];
  /** Columns the metrics skip (id, text and other sdtypes), by name. */
  readonly ignored: readonly string[];
  /** Name of the primary key column, when the metadata gives one. */
  readonly primaryKey?: string;
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v) && !Number.isInteger(v)) return false;
  }
  return true;
}

function asNumbers(c: Column, tableName: string): Float64Array {
  if (isNumeric(c)) return c.values;
  const out = new Float64Array(c.values.length);
  for (let i = 0; i < c.values.length; i++) {
    const raw = c.values[i];
    if (raw === null || raw === undefined || raw.trim() === '') {
      out[i] = Number.NaN;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v)) {
      const asDate = Date.parse(raw);
      if (Number.isFinite(asDate)) {
        out[i] = asDate;
        continue;
      }
      throw new Error(
        `${tableName}: column "${c.name}", row ${i + 1}: "${raw}" is not a number, but the metadata says the column is numerical. ` +
          'Fix the value or mark the column categorical in the metadata.',
      );
    }
    out[i] = v;
  }
  return out;
}

function asStrings(c: Column): readonly (string | null)[] {
  if (!isNumeric(c)) return c.values;
  const out = new Array<string | null>(c.values.length);
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i]!;
    out[i] = Number.isNaN(v) ? null : String(v);
  }
  return out;
}

/** Builds the metric view of `table`; `tableName` (e.g. "synthetic") appears in error messages. */
export function prepareTable(table: Table, metadata: SingleTableMetadata, tableName: string): PreparedTable {
  const columns: PreparedColumn[] = [];
  const ignored: string[] = [];
  for (const [name, meta] of Object.entries(metadata.columns)) {
    if (!hasColumn(table, name)) {
      throw new Error(
        `The ${tableName} table has no column "${name}", which the metadata lists. Its columns: ${table.columns
          .map((c) => c.name)
          .join(', ')}.`,
      );
    }
    const source = getColumn(table, name);
    const sdtype = meta.sdtype as Sdtype | string;
    if (sdtype === 'numerical' || sdtype === 'datetime') {
      const values = asNumbers(source, tableName);
      columns.push({ name, sdtype, kind: 'continuous', values, integer: allIntegers(values) });
    } else if (sdtype === 'categorical' || sdtype === 'boolean') {
      columns.push({ name, sdtype, kind: 'discrete', values: asStrings(source) });
    } else {
      ignored.push(name);
    }
  }
  const primaryKey = metadata.primary_key;
  return primaryKey === undefined ? { nRows: table.nRows, columns, ignored } : { nRows: table.nRows, columns, ignored, primaryKey };
}

export function preparedColumn(t: PreparedTable, name: string): PreparedColumn {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`No column "${name}" among the evaluated columns (${t.columns.map((x) => x.name).join(', ')}).`);
  return c;
}

/** The rows `rows` of a prepared table, in order. */
export function takePreparedRows(t: PreparedTable, rows: ArrayLike<number>): PreparedTable {
  const n = rows.length;
  const columns = t.columns.map((c): PreparedColumn => {
    if (c.kind === 'continuous') {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = c.values[rows[i]!]!;
      return { ...c, values: out };
    }
    const out = new Array<string | null>(n);
    for (let i = 0; i < n; i++) out[i] = c.values[rows[i]!] ?? null;
    return { ...c, values: out };
  });
  return { ...t, nRows: n, columns };
}
