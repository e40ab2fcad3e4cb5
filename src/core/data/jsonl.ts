/**
 * JSON Lines reader. Each line holds one JSON object. Session-style files, where a record holds an
 * array of event objects (OTTO: {"session": 1, "events": [{"aid", "ts", "type"}, ...]}), are
 * flattened to one row per event carrying the record's scalar fields. All values are kept as text
 * (numbers as written by String()), like the CSV reader, so ids stay exact; types come from the schema.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { basename } from 'node:path';
import { DataFileError } from './csv-check';

export interface JsonlColumns {
  readonly columns: Map<string, (string | null)[]>;
  readonly nRows: number;
  /** Name of the array field that was flattened, when the file is session-style. */
  readonly flattened?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toText(v: Json | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The one field whose value is a non-empty array of objects, if there is exactly one. */
function nestedArrayField(rec: { [key: string]: Json }): string | undefined {
  const found = Object.keys(rec).filter((k) => {
    const v = rec[k];
    return Array.isArray(v) && v.length > 0 && v.every(isRecord);
  });
  return found.length === 1 ? found[0] : undefined;
}

export async function readJsonlColumns(path: string): Promise<JsonlColumns> {
  const name = basename(path);
  const columns = new Map<string, (string | null)[]>();
  let nRows = 0;
  let flattened: string | undefined;
  let decided = false;

  const push = (row: Map<string, string | null>): void => {
    for (const [k, v] of row) {
      let col = columns.get(k);
      if (!col) {
        col = new Array<string | null>(nRows).fill(null);
        columns.set(k, col);
      }
      col[nRows] = v;
    }
    nRows++;
    for (const col of columns.values()) if (col.length < nRows) col.push(null);
  };

  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let rec: Json;
    try {
      rec = JSON.parse(text) as Json;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new DataFileError(
        `${name}, line ${lineNo}: not valid JSON (${why}). Each line of a .jsonl file must hold one complete JSON object.`,
        name,
        lineNo,
      );
    }
    if (!isRecord(rec)) {
      throw new DataFileError(
        `${name}, line ${lineNo}: expected a JSON object ({...}), found ${Array.isArray(rec) ? 'an array' : typeof rec}. Put one object per line.`,
        name,
        lineNo,
      );
    }
    if (!decided) {
      flattened = nestedArrayField(rec);
      decided = true;
    }
    const scalars = new Map<string, string | null>();
    for (const [k, v] of Object.entries(rec)) if (k !== flattened) scalars.set(k, toText(v));
    if (flattened === undefined) {
      push(scalars);
      continue;
    }
    const events = rec[flattened];
    if (!Array.isArray(events)) {
      throw new DataFileError(
        `${name}, line ${lineNo}: field "${flattened}" should be an array of events as on the first line, found ${toText(events) ?? 'null'}.`,
        name,
        lineNo,
        flattened,
      );
    }
    for (const ev of events) {
      if (!isRecord(ev)) {
        throw new DataFileError(`${name}, line ${lineNo}: an element of "${flattened}" is not an object.`, name, lineNo, flattened);
      }
      const row = new Map(scalars);
      for (const [k, v] of Object.entries(ev)) row.set(scalars.has(k) ? `${flattened}_${k}` : k, toText(v));
      push(row);
    }
  }
  if (nRows === 0) {
    throw new DataFileError(`${name} has no records. A .jsonl file needs one JSON object per line.`, name);
  }
  return flattened === undefined ? { columns, nRows } : { columns, nRows, flattened };
}
