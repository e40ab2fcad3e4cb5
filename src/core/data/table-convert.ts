/** DataFrame (as read or preprocessed) -> the engine's typed Table, one column per schema column. */
import pl from 'nodejs-polars';
import { makeTable, type Column, type Table } from './table';
import type { DatasetSchema } from './schema';
import { timeEncoding } from './schema';
import { isIntegerDtype, isTextDtype, numberExpr, timeExpr } from './values';

function toFloat64(values: readonly (number | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? NaN : v;
  }
  return out;
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v) && !Number.isInteger(v)) return false;
  }
  return true;
}

/**
 * Converts every schema column present in `df`: numbers and datetimes (epoch ms, UTC) become
 * Float64Array with NaN for missing or unparsable values; ids, categories and text become strings.
 */
export function dataFrameToTable(df: pl.DataFrame, schema: DatasetSchema): Table {
  const present = new Set(df.columns);
  const columns: Column[] = [];
  for (const c of schema.columns) {
    if (!present.has(c.name)) continue;
    const dtype = df.getColumn(c.name).dtype;
    if (c.type === 'numerical') {
      const values = toFloat64(df.select(numberExpr(c.name).alias('v')).getColumn('v').toArray() as (number | null)[]);
      const integer = isIntegerDtype(dtype) || allIntegers(values);
      columns.push({ name: c.name, type: 'numerical', values, integer });
    } else if (c.type === 'datetime') {
      const values = toFloat64(df.select(timeExpr(c.name, timeEncoding(c)).alias('v')).getColumn('v').toArray() as (number | null)[]);
      columns.push({ name: c.name, type: 'datetime', values });
    } else {
      const s = isTextDtype(dtype) ? df.getColumn(c.name) : df.getColumn(c.name).cast(pl.Utf8);
      columns.push({ name: c.name, type: c.type, values: s.toArray() as (string | null)[] });
    }
  }
  return makeTable(columns);
}
