/**
 * Reading data files into a polars DataFrame. CSV/TSV/JSONL columns are read as text, exactly as
 * written (so `17850.0` or `00123` stay usable as keys); Parquet keeps its stored types. Turning
 * text into numbers and datetimes is the schema's job (see schema.ts and table-convert.ts).
 */
import pl from 'nodejs-polars';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { checkCsvStructure, DataFileError, type Separator } from './csv-check';
import { readJsonlColumns } from './jsonl';

export { DataFileError } from './csv-check';
export { dataFrameToTable } from './table-convert';
export { writeTableCsv, tableToCsv } from './csv-write';

export type DatasetFormat = 'csv' | 'tsv' | 'parquet' | 'jsonl';
export const DATASET_FORMATS: readonly DatasetFormat[] = ['csv', 'tsv', 'parquet', 'jsonl'];

export interface ReadOptions {
  /** Overrides the format implied by the file extension. */
  readonly format?: DatasetFormat;
}

export interface ReadResult {
  readonly df: pl.DataFrame;
  readonly format: DatasetFormat;
  /** For session-style JSONL: the nested array field that was flattened to one row per event. */
  readonly flattened?: string;
}

const EXTENSIONS: Record<string, DatasetFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.tab': 'tsv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export function formatFromPath(path: string): DatasetFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

export async function readDataset(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const name = basename(path);
  const format = opts.format ?? formatFromPath(path);
  if (!format) {
    throw new DataFileError(
      `${name}: unknown file type "${extname(path) || '(no extension)'}". RecSynth reads .csv, .tsv, .parquet and .jsonl files; rename the file or pass the format explicitly.`,
      name,
    );
  }
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new DataFileError(`${name} is not a file (${path}). Choose a data file.`, name);
    size = st.size;
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    throw new DataFileError(`${name}: cannot open ${path} (${errorCode(err)}). Check that the file exists and is readable.`, name);
  }
  if (size === 0) {
    throw new DataFileError(`${name} is empty. Choose a file with a header line and at least one data row.`, name);
  }
  switch (format) {
    case 'csv':
    case 'tsv':
      return { df: await readDelimited(path, format === 'csv' ? await sniffCsvSeparator(path) : '\t'), format };
    case 'jsonl': {
      const { columns, flattened } = await readJsonlColumns(path);
      const df = pl.DataFrame(Object.fromEntries([...columns].map(([k, v]) => [k, pl.Series(k, v, pl.Utf8)])));
      return flattened === undefined ? { df, format } : { df, format, flattened };
    }
    case 'parquet':
      return { df: readParquetFile(path, /\.parquet$/.test(path) ? path : await readFile(path)), format };
  }
}

/** "," unless the header line has no comma but has semicolons (spreadsheets in many European locales). */
async function sniffCsvSeparator(path: string): Promise<Separator> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    return !first.includes(',') && first.includes(';') ? ';' : ',';
  } finally {
    await handle.close();
  }
}

async function readDelimited(path: string, sep: Separator): Promise<pl.DataFrame> {
  const name = basename(path);
  const structure = await checkCsvStructure(path, sep);
  const seen = new Set<string>();
  structure.header.forEach((h, i) => {
    if (h.trim() === '') {
      throw new DataFileError(`${name}, line 1: column ${i + 1} has no name. Give every column a header.`, name, 1);
    }
    if (seen.has(h)) {
      throw new DataFileError(`${name}, line 1: the column name "${h}" appears twice. Rename one of them.`, name, 1, h);
    }
    seen.add(h);
  });
  let df: pl.DataFrame;
  try {
    // inferSchemaLength 0 reads every column as text: ids keep their exact spelling.
    // polars treats a string as a path only for a lower-case .csv/.tsv name; otherwise pass the bytes.
    const source = /\.(csv|tsv)$/.test(path) ? path : await readFile(path);
    df = pl.readCSV(source, { sep, inferSchemaLength: 0, hasHeader: true, quoteChar: '"' });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/utf-?8/i.test(msg)) {
      const line = await firstNonUtf8Line(path);
      const where = line === undefined ? '' : `, line ${line}`;
      throw new DataFileError(
        `${name}${where}: not valid UTF-8 text (${msg}). The file was probably saved as Latin-1 or Windows-1252; save it with UTF-8 encoding and try again.`,
        name,
        line,
      );
    }
    throw new DataFileError(`${name}: could not be read as ${sep === '\t' ? 'TSV' : 'CSV'} (${msg}).`, name);
  }
  const first = df.columns[0];
  if (first !== undefined && first.startsWith('\uFEFF')) df = df.rename({ [first]: first.slice(1) });
  return df;
}

/** The 1-based line holding the first byte sequence that is not UTF-8 (only called on the error path). */
async function firstNonUtf8Line(path: string): Promise<number | undefined> {
  const bytes = await readFile(path);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
    line++;
  }
  return undefined;
}

function readParquetFile(path: string, source: string | Buffer): pl.DataFrame {
  const name = basename(path);
  try {
    return pl.readParquet(source);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new DataFileError(`${name} could not be read as Parquet (${msg}). Check that it is a complete .parquet file.`, name);
  }
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'permission denied';
    return String(code);
  }
  return String(err);
}
