/** DataFrame (as read or preprocessed) -> the engine's typed Table, one column per schema column. */
import pl from 'nodejs-polars';
import { makeTable, type Column, type Table } from './table';
import type { DatasetSchema } from './schema';
import { timeEncoding } from './schema';
import { isIntegerDtype, isTextDtype, numberExpr, timeExpr } from './values';

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
  const cols = schema.columns.filter((c) => present.has(c.name));
  // All number and datetime conversions in one pass; NaN for missing so the result copies out as a typed array.
  const numericExprs = cols
    .filter((c) => c.type === 'numerical' || c.type === 'datetime')
    .map((c) => (c.type === 'numerical' ? numberExpr(c.name) : timeExpr(c.name, timeEncoding(c))).fillNull(pl.lit(NaN)).alias(c.name));
  const numbers = numericExprs.length ? df.select(...numericExprs) : undefined;
  const columns: Column[] = [];
  for (const c of cols) {
    const dtype = df.getColumn(c.name).dtype;
    if (numbers && (c.type === 'numerical' || c.type === 'datetime')) {
      const values = Float64Array.from(numbers.getColumn(c.name).toTypedArray() as Float64Array);
      if (c.type === 'numerical') columns.push({ name: c.name, type: 'numerical', values, integer: isIntegerDtype(dtype) || allIntegers(values) });
      else columns.push({ name: c.name, type: 'datetime', values });
    } else {
      const s = isTextDtype(dtype) ? df.getColumn(c.name) : df.getColumn(c.name).cast(pl.Utf8);
      const type = c.type === 'numerical' || c.type === 'datetime' ? 'categorical' : c.type;
      columns.push({ name: c.name, type, values: s.toArray() as (string | null)[] });
    }
  }
  return makeTable(columns);
}
