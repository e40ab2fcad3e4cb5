/**
 * A cheap streaming pass over a delimited text file that checks its structure before polars reads
 * it. Polars silently pads short rows with nulls and drops the extra fields of long rows, so a
 * shifted column would go unnoticed; this pass finds the first such row and names its line.
 * It reads the file in chunks and looks at bytes only (quotes, separators, line ends), so it costs
 * well under a second for a file of tens of megabytes and never holds the file in memory.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

export interface CsvStructure {
  readonly header: readonly string[];
  /** Data records (not counting the header or blank lines). */
  readonly nRecords: number;
}

export class DataFileError extends Error {
  constructor(message: string, readonly file: string, readonly line?: number, readonly column?: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type Separator = ',' | ';' | '\t';

export async function checkCsvStructure(path: string, separator: Separator): Promise<CsvStructure> {
  const name = basename(path);
  const sep = separator.charCodeAt(0);
  let expected = -1;
  let header: string[] = [];
  let headerBytes: number[] = [];
  let nRecords = 0;
  let line = 1; // physical line where the current record started
  let physical = 1; // current physical line
  let fields = 1;
  let inQuotes = false;
  let recordHasContent = false;
  let seenAnyByte = false;

  const endRecord = (): void => {
    if (!recordHasContent && fields === 1) return; // blank line
    if (expected < 0) {
      expected = fields;
      header = splitHeader(Buffer.from(headerBytes).toString('utf8'), separator);
    } else {
      nRecords++;
      if (fields !== expected) {
        const hint =
          fields > expected
            ? 'A field probably contains an unquoted separator; put that field in double quotes or remove the extra separator.'
            : 'A field is probably missing or a line was broken in two; add the missing field (it may be empty) or join the line.';
        throw new DataFileError(
          `${name}, line ${line}: expected ${expected} fields (as in the header: ${header.join(', ')}), found ${fields}. ${hint}`,
          name,
          line,
        );
      }
    }
  };

  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (chunk.length > 0) seenAnyByte = true;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (expected < 0 && !(b === LF && !inQuotes)) headerBytes.push(b);
      if (inQuotes) {
        if (b === QUOTE) inQuotes = false; // a doubled quote re-opens on the next byte
        else if (b === LF) physical++;
        continue;
      }
      if (b === QUOTE) {
        inQuotes = true;
        recordHasContent = true;
      } else if (b === sep) {
        fields++;
        recordHasContent = true;
      } else if (b === LF) {
        endRecord();
        physical++;
        line = physical;
        fields = 1;
        recordHasContent = false;
      } else if (b !== CR) {
        recordHasContent = true;
      }
    }
  }
  if (inQuotes) {
    throw new DataFileError(
      `${name}, line ${line}: a quoted field opened on this line is never closed. Add the closing double quote (a quote inside a field is written twice: "").`,
      name,
      line,
    );
  }
  endRecord();
  if (!seenAnyByte || expected < 0) {
    throw new DataFileError(`${name} is empty. Choose a file with a header line and at least one data row.`, name);
  }
  if (nRecords === 0) {
    throw new DataFileError(`${name} has a header line but no data rows. Add data rows or choose another file.`, name, 2);
  }
  headerBytes = [];
  return { header, nRecords };
}

function splitHeader(text: string, separator: string): string[] {
  const clean = text.replace(/^\uFEFF/, '').replace(/\r$/, '');
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (q) {
      if (ch === '"') {
        if (clean[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === separator) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
