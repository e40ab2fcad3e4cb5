/**
 * Tables for evaluation from files: every text cell kept as written, then each column typed by
 * the metadata when given, else inferred (all non-empty cells numbers -> numerical; text with a
 * distinct value on every row -> id, which is not scored; other text -> categorical).
 */
import pl from 'nodejs-polars';
import { makeTable, type Column, type Table } from '../data/table';
import type { SingleTableMetadata } from './metadata';

function parseNumbers(values: readonly unknown[]): Float64Array | null {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      out[i] = Number.NaN;
      continue;
    }
    const v = typeof raw === 'number' ? raw : typeof raw === 'bigint' ? Number(raw) : typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(v)) return null;
    out[i] = v;
  }
  return out;
}

function asText(values: readonly unknown[]): (string | null)[] {
  return values.map((v) => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v)));
}

function parseTimes(values: readonly unknown[]): Float64Array {
  return Float64Array.from(values, (v) => {
    if (v === null || v === undefined) return Number.NaN;
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'number') return v;
    const s = String(v).trim();
    return s === '' ? Number.NaN : Date.parse(s);
  });
}

/** `source` names the file in error messages. */
export function dataFrameToEvaluationTable(df: pl.DataFrame, source: string, metadata?: SingleTableMetadata): Table {
  const columns: Column[] = [];
  for (const name of df.columns) {
    const raw = df.getColumn(name).toArray() as unknown[];
    const sdtype = metadata?.columns[name]?.sdtype;
    if (sdtype === 'datetime') {
      columns.push({ name, type: 'datetime', values: parseTimes(raw) });
      continue;
    }
    const wantsNumber = sdtype === 'numerical';
    const wantsText = sdtype !== undefined && !wantsNumber;
    const numbers = wantsText ? null : parseNumbers(raw);
    if (numbers) {
      columns.push({ name, type: 'numerical', values: numbers, integer: numbers.every((v) => Number.isNaN(v) || Number.isInteger(v)) });
      continue;
    }
    if (wantsNumber) {
      const bad = raw.findIndex((v) => v !== null && String(v).trim() !== '' && !Number.isFinite(Number(v)));
      throw new Error(`${source}: column "${name}", data row ${bad + 1}: "${String(raw[bad])}" is not a number, but the metadata says numerical.`);
    }
    const text = asText(raw);
    let type: 'categorical' | 'id' = sdtype === 'id' ? 'id' : 'categorical';
    if (sdtype === undefined) {
      const present = text.filter((v): v is string => v !== null);
      if (present.length > 20 && new Set(present).size === present.length) type = 'id';
    }
    columns.push({ name, type, values: text });
  }
  return makeTable(columns);
}

export function readCsvTable(path: string, metadata?: SingleTableMetadata): Table {
  let df: pl.DataFrame;
  try {
    df = pl.readCSV(path, { inferSchemaLength: 0 });
  } catch (e) {
    throw new Error(`${path}: cannot read as CSV (${e instanceof Error ? e.message : String(e)}).`);
  }
  return dataFrameToEvaluationTable(df, path, metadata);
}
