/**
 * Turning stored values into numbers: polars expressions shared by preprocessing and table
 * conversion, so a value that preprocessing calls unparsable is exactly one that conversion cannot read.
 */
import pl, { type DataType } from 'nodejs-polars';

/** Datetime formats tried on text columns, most specific first; `%+` is ISO 8601 with a zone. */
export const DATETIME_FORMATS: readonly string[] = [
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%d %H:%M:%S%.f',
  '%Y-%m-%dT%H:%M:%S%.f',
  '%+',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%dT%H:%M',
  '%Y-%m-%d',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d',
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%d.%m.%Y %H:%M:%S',
  '%d.%m.%Y',
];

/** How a timestamp column is stored: text in a format, numbers since the epoch, or a native datetime. */
export type TimeEncoding =
  | { readonly kind: 'text'; readonly format: string }
  | { readonly kind: 'epoch'; readonly unit: 's' | 'ms' }
  | { readonly kind: 'native' };

export function isTextDtype(dtype: DataType): boolean {
  return dtype.equals(pl.Utf8) || dtype.equals(pl.String);
}

export function isNumericDtype(dtype: DataType): boolean {
  return [pl.Float64, pl.Float32, pl.Int64, pl.Int32, pl.Int16, pl.Int8, pl.UInt64, pl.UInt32, pl.UInt16, pl.UInt8].some((t) =>
    dtype.equals(t),
  );
}

export function isIntegerDtype(dtype: DataType): boolean {
  return [pl.Int64, pl.Int32, pl.Int16, pl.Int8, pl.UInt64, pl.UInt32, pl.UInt16, pl.UInt8].some((t) => dtype.equals(t));
}

export function isTemporalDtype(dtype: DataType): boolean {
  return String(dtype).includes('Datetime') || dtype.equals(pl.Date);
}

/** A Float64 expression of the column's numbers; null where the value is missing or not a number. */
export function numberExpr(name: string): pl.Expr {
  return pl.col(name).cast(pl.Float64, false);
}

/**
 * A Float64 expression of epoch milliseconds; null where missing or unparsable. Text without a zone
 * is taken as UTC wall-clock time, so "2010-12-01 08:26:00" (UK local time in Online Retail) keeps its
 * hour and date when written back; ISO text with a zone (%+) is converted to UTC.
 */
export function timeExpr(name: string, enc: TimeEncoding): pl.Expr {
  switch (enc.kind) {
    case 'text':
      // Date-only formats do not parse as Datetime in polars: parse a Date, then widen it.
      return isDateOnly(enc.format)
        ? pl.col(name).str.strptime(pl.Date, enc.format).cast(pl.Datetime('ms')).cast(pl.Float64)
        : pl.col(name).str.strptime(pl.Datetime('ms'), enc.format).cast(pl.Datetime('ms')).cast(pl.Float64);
    case 'epoch': {
      const n = pl.col(name).cast(pl.Float64, false);
      return enc.unit === 's' ? n.mul(1000) : n;
    }
    case 'native':
      return pl.col(name).cast(pl.Datetime('ms')).cast(pl.Float64);
  }
}

function isDateOnly(format: string): boolean {
  return !format.includes('%H') && format !== '%+';
}

/** Picks the datetime format that parses the most of `sample` (text values); rate is the parsed share. */
export function bestDatetimeFormat(sample: readonly string[]): { format: string; rate: number } | undefined {
  if (sample.length === 0) return undefined;
  const df = pl.DataFrame({ v: pl.Series('v', sample as string[], pl.Utf8) });
  let best: { format: string; rate: number } | undefined;
  for (const format of DATETIME_FORMATS) {
    let parsed: number;
    try {
      const out = df.select(timeExpr('v', { kind: 'text', format }).alias('t'));
      parsed = sample.length - out.getColumn('t').nullCount();
    } catch {
      continue;
    }
    const rate = parsed / sample.length;
    if (!best || rate > best.rate) best = { format, rate };
    if (rate === 1) break;
  }
  return best;
}
