/**
 * Reads a CSV for evaluation: every cell as text (no NA guessing), then each column typed by the
 * metadata when given, else inferred (all non-empty cells numbers -> numerical, else categorical).
 * Kept small on purpose; the data layer's reader can replace it.
 */
import pl from 'nodejs-polars';
import { makeTable, type Column, type Table } from '../data/table';
import type { SingleTableMetadata } from './metadata';

function parseNumbers(values: readonly (string | null)[]): Float64Array | null {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    if (raw === null || raw === undefined || raw.trim() === '') {
      out[i] = Number.NaN;
      continue;
    }
    const v = Number(raw);
    if (!Number.isFinite(v)) return null;
    out[i] = v;
  }
  return out;
}

export function readCsvTable(path: string, metadata?: SingleTableMetadata): Table {
  let df: pl.DataFrame;
  try {
    df = pl.readCSV(path, { inferSchemaLength: 0 });
  } catch (e) {
    throw new Error(`${path}: cannot read as CSV (${e instanceof Error ? e.message : String(e)}).`);
  }
  const columns: Column[] = [];
  for (const name of df.columns) {
    const raw = df.getColumn(name).toArray() as (string | null)[];
    const sdtype = metadata?.columns[name]?.sdtype;
    const wantsNumber = sdtype === 'numerical' || sdtype === 'datetime';
    const wantsText = sdtype !== undefined && !wantsNumber;
    if (sdtype === 'datetime') {
      const values = Float64Array.from(raw, (v) => (v === null || v.trim() === '' ? Number.NaN : Date.parse(v)));
      columns.push({ name, type: 'datetime', values });
      continue;
    }
    const numbers = wantsText ? null : parseNumbers(raw);
    if (numbers) {
      columns.push({ name, type: 'numerical', values: numbers, integer: numbers.every((v) => Number.isNaN(v) || Number.isInteger(v)) });
    } else if (wantsNumber) {
      const bad = raw.findIndex((v) => v !== null && v.trim() !== '' && !Number.isFinite(Number(v)));
      throw new Error(`${path}: column "${name}", data row ${bad + 1}: "${raw[bad]}" is not a number, but the metadata says numerical.`);
    } else {
      columns.push({ name, type: sdtype === 'id' ? 'id' : 'categorical', values: raw });
    }
  }
  return makeTable(columns);
}
