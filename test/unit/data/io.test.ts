import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { readDataset, writeTableCsv, tableToCsv, dataFrameToTable } from '../../../src/core/data/io';
import { writeTextAtomic } from '../../../src/core/data/atomic';
import { applyOverrides, inferSchema } from '../../../src/core/data/schema';
import { makeTable, getColumn, type NumericColumn, type StringColumn } from '../../../src/core/data/table';

const dir = mkdtempSync(join(tmpdir(), 'recsynth-io-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('CSV: every column is read as text, so ids keep their spelling', async () => {
  const p = file('ids.csv', 'InvoiceNo,StockCode,CustomerID,Quantity\n536365,85123A,17850.0,6\n536366,00123,,2\n');
  const { df, format } = await readDataset(p);
  assert.equal(format, 'csv');
  assert.deepEqual(df.toRecords(), [
    { InvoiceNo: '536365', StockCode: '85123A', CustomerID: '17850.0', Quantity: '6' },
    { InvoiceNo: '536366', StockCode: '00123', CustomerID: null, Quantity: '2' },
  ]);
});

test('CSV quoting: separators, doubled quotes and line breaks inside quotes; a BOM is dropped', async () => {
  const p = file('q.csv', '\uFEFFa,b\n"x, y","say ""hi"""\n"two\nlines",z\n');
  const { df } = await readDataset(p);
  assert.deepEqual(df.columns, ['a', 'b']);
  assert.deepEqual(df.toRecords(), [{ a: 'x, y', b: 'say "hi"' }, { a: 'two\nlines', b: 'z' }]);
});

test('CRLF line ends are handled; a non-UTF-8 file names the line and says what to do', async () => {
  const p = file('crlf.csv', 'a,b\r\n1,"x\r\ny"\r\n3,4\r\n');
  assert.deepEqual((await readDataset(p)).df.toRecords(), [{ a: '1', b: 'x\r\ny' }, { a: '3', b: '4' }]);
  const latin = join(dir, 'latin.csv');
  writeFileSync(latin, Buffer.concat([Buffer.from('a,b\n1,tea\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  await assert.rejects(readDataset(latin), /latin\.csv, line 3: not valid UTF-8 text .*save it with UTF-8 encoding/);
});

test('a CSV with semicolons (and no commas) in its header is read with ";" as separator', async () => {
  const p = file('semi.csv', 'user;item;price\nu1;i1;"1,5"\n');
  assert.deepEqual((await readDataset(p)).df.toRecords(), [{ user: 'u1', item: 'i1', price: '1,5' }]);
  await assert.rejects(readDataset(file('semibad.csv', 'a;b\n1;2;3\n')), /semibad\.csv, line 2: expected 2 fields/);
});

test('TSV by extension, and the format can be overridden', async () => {
  const p = file('t.tsv', 'user\titem\nu1\ti,1\n');
  const { df, format } = await readDataset(p);
  assert.equal(format, 'tsv');
  assert.deepEqual(df.toRecords(), [{ user: 'u1', item: 'i,1' }]);
  const q = file('t.txt', 'user\titem\nu1\ti1\n');
  assert.equal((await readDataset(q, { format: 'tsv' })).df.width, 2);
});

test('a row with too many or too few fields names the file, the line and what to do', async () => {
  const long = file('data.csv', 'a,b,c\n1,2,3\n"q,q",5,6\n7,8,9,10\n');
  await assert.rejects(readDataset(long), /data\.csv, line 4: expected 3 fields \(as in the header: a, b, c\), found 4\. .*quotes/);
  const short = file('short.csv', 'a,b,c\n1,2,3\n"multi\nline",5,6\n7,8\n');
  await assert.rejects(readDataset(short), /short\.csv, line 5: expected 3 fields .* found 2/);
  const open = file('open.csv', 'a,b\n1,2\n"3,4\n');
  await assert.rejects(readDataset(open), /open\.csv, line 3: a quoted field .* never closed/);
});

test('empty, header-only, missing and unknown files give clear errors', async () => {
  await assert.rejects(readDataset(file('empty.csv', '')), /empty\.csv is empty/);
  await assert.rejects(readDataset(file('blank.csv', '\n\n')), /blank\.csv is empty/);
  await assert.rejects(readDataset(file('head.csv', 'a,b\n')), /head\.csv has a header line but no data rows/);
  await assert.rejects(readDataset(join(dir, 'nope.csv')), /nope\.csv: cannot open .*no such file/);
  await assert.rejects(readDataset(file('data.xlsx', 'x')), /data\.xlsx: unknown file type "\.xlsx".*\.csv, \.tsv, \.parquet and \.jsonl/);
  await assert.rejects(readDataset(file('dup.csv', 'a,a\n1,2\n')), /dup\.csv, line 1: the column name "a" appears twice/);
  await assert.rejects(readDataset(file('noname.csv', 'a,,c\n1,2,3\n')), /noname\.csv, line 1: column 2 has no name/);
});

test('JSONL: flat records, bad lines named', async () => {
  const p = file('flat.jsonl', '{"user": 1, "item": "a", "n": 2.5}\n\n{"user": 2, "item": "b", "extra": true}\n');
  const { df, format } = await readDataset(p);
  assert.equal(format, 'jsonl');
  assert.deepEqual(df.toRecords(), [
    { user: '1', item: 'a', n: '2.5', extra: null },
    { user: '2', item: 'b', n: null, extra: 'true' },
  ]);
  await assert.rejects(readDataset(file('bad.jsonl', '{"a":1}\n{"a":\n')), /bad\.jsonl, line 2: not valid JSON/);
  await assert.rejects(readDataset(file('arr.jsonl', '[1,2]\n')), /arr\.jsonl, line 1: expected a JSON object/);
});

test('OTTO sessions JSONL is flattened to one row per event with user/item/timestamp/event_type roles', async () => {
  const { df, flattened } = await readDataset('../shared/data/otto-sample/sessions.jsonl');
  assert.equal(flattened, 'events');
  assert.deepEqual(df.columns, ['session', 'aid', 'ts', 'type']);
  assert.equal(df.height, 862);
  assert.deepEqual(df.row(0), ['0', '1517085', '1659304800025', 'clicks']);
  const schema = inferSchema(df, 'sessions.jsonl');
  assert.deepEqual(
    schema.columns.map((c) => [c.name, c.role]),
    [['session', 'user_id'], ['aid', 'item_id'], ['ts', 'timestamp'], ['type', 'event_type']],
  );
  const t = dataFrameToTable(df, schema);
  assert.equal((getColumn(t, 'ts') as NumericColumn).values[0], 1659304800025);
  assert.deepEqual(new Set((getColumn(t, 'type') as StringColumn).values), new Set(['clicks', 'carts', 'orders']));
});

test('Parquet keeps stored types; dataFrameToTable turns ints into id strings by role', async () => {
  const p = join(dir, 'x.parquet');
  pl.DataFrame({ user_id: pl.Series('user_id', [10, 11, 10], pl.Int64), item_id: ['a', 'b', 'c'], qty: [1, 2, 3], price: [1.5, 2, 2.25] }).writeParquet(p);
  const { df, format } = await readDataset(p);
  assert.equal(format, 'parquet');
  const schema = inferSchema(df, 'x.parquet');
  assert.equal(schema.columns.find((c) => c.name === 'user_id')?.role, 'user_id');
  const t = dataFrameToTable(df, schema);
  assert.deepEqual((getColumn(t, 'user_id') as StringColumn).values, ['10', '11', '10']);
  assert.equal((getColumn(t, 'price') as NumericColumn).integer, false);
  assert.deepEqual(Array.from((getColumn(t, 'price') as NumericColumn).values), [1.5, 2, 2.25]);
  await assert.rejects(readDataset(file('broken.parquet', 'not parquet')), /broken\.parquet could not be read as Parquet/);
});

test('dataFrameToTable: datetimes become epoch ms (UTC), unparsable numbers NaN, integers flagged', async () => {
  const p = file('types.csv', 'InvoiceDate,Quantity,UnitPrice,Note\n2010-12-01 08:26:00,6,2.55,a\n2011-01-01 00:00:00,x,3,b\n');
  const { df } = await readDataset(p);
  // One bad value in two keeps Quantity from looking numeric on its own: say what it is.
  const schema = applyOverrides(inferSchema(df, 'types.csv'), { Quantity: 'quantity' });
  const t = dataFrameToTable(df, schema);
  const date = getColumn(t, 'InvoiceDate') as NumericColumn;
  assert.equal(date.type, 'datetime');
  assert.deepEqual(Array.from(date.values), [Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2011, 0, 1)]);
  const q = getColumn(t, 'Quantity') as NumericColumn;
  assert.equal(q.values[0], 6);
  assert.ok(Number.isNaN(q.values[1]!));
  assert.equal(q.integer, true);
  assert.equal((getColumn(t, 'UnitPrice') as NumericColumn).integer, false);
});

test('writeTableCsv quotes commas, quotes, line breaks and edge spaces, and reads back identically', async () => {
  const t = makeTable([
    { name: 'text', type: 'text', values: ['plain', 'a, b', 'say "hi"', 'two\nlines', ' pad ', null] },
    { name: 'n', type: 'numerical', values: Float64Array.from([1, 2.5, NaN, -3, 0, 1e-7]) },
    { name: 'when', type: 'datetime', values: Float64Array.from([Date.UTC(2011, 0, 2, 3, 4, 5), 0, NaN, 0, 0, 0]) },
  ]);
  const text = tableToCsv(t);
  assert.equal(text.split('\n')[0], 'text,n,when');
  assert.equal(text.split('\n')[1], 'plain,1,2011-01-02 03:04:05');
  assert.ok(text.includes('"say ""hi"""'));
  const out = join(dir, 'out', 'table.csv');
  await writeTableCsv(t, out);
  assert.equal(readFileSync(out, 'utf8'), text);
  const { df } = await readDataset(out);
  assert.deepEqual(df.getColumn('text').toArray(), ['plain', 'a, b', 'say "hi"', 'two\nlines', ' pad ', null]);
  assert.deepEqual(df.getColumn('n').toArray(), ['1', '2.5', null, '-3', '0', '1e-7']);
});

test('atomic writes leave no temporary file, on success and on failure', async () => {
  const d = join(dir, 'atomic');
  mkdirSync(d);
  await writeTextAtomic(join(d, 'a.txt'), 'one');
  await writeTextAtomic(join(d, 'a.txt'), 'two');
  assert.equal(readFileSync(join(d, 'a.txt'), 'utf8'), 'two');
  mkdirSync(join(d, 'taken'));
  writeFileSync(join(d, 'taken', 'x'), 'x'); // renaming a file over a non-empty folder fails
  await assert.rejects(writeTextAtomic(join(d, 'taken'), 'data'));
  assert.deepEqual(readdirSync(d).sort(), ['a.txt', 'taken']);
});
