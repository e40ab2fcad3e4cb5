import { test } from 'node:test';
import assert from 'node:assert/strict';
import pl from 'nodejs-polars';
import { inferSchema } from '../../../src/core/data/schema';
import { isNonProductCode, preprocess, RULE_IDS, type PreprocessReport, type RuleId } from '../../../src/core/data/preprocess';

// Row numbers in comments are the 1-based input rows the report should name.
function fixture(): pl.DataFrame {
  const rows: [string, string, string | null, string, string, string, string | null, string][] = [
    ['100', 'A1', ' RED MUG ', '2', '2011-01-01 10:00:00', '1.5', '17850.0', 'UK'], // 1 trimmed
    ['100', 'B2', 'BLUE MUG', '1', '2011-01-01 10:00:00', '2', '17850.0', 'UK'], // 2 kept
    ['C101', 'A1', 'RED MUG', '-2', '2011-01-02 10:00:00', '1.5', '17850.0', 'UK'], // 3 cancellation
    ['102', 'A1', 'RED MUG', '-5', '2011-01-03 10:00:00', '1.5', null, 'UK'], // 4 non-positive quantity
    ['103', 'POST', 'POSTAGE', '1', '2011-01-03 11:00:00', '18', '12345.0', 'France'], // 5 non-product
    ['104', 'BANK CHARGES', 'Bank Charges', '1', '2011-01-03 12:00:00', '15', '12345.0', 'France'], // 6 non-product
    ['105', 'B2', 'BLUE MUG', '3', '2011-01-04 10:00:00', '0', '12345.0', 'France'], // 7 zero price
    ['106', 'B2', 'BLUE MUG', '1', '2011-01-04 11:00:00', '2', null, 'UK'], // 8 missing customer
    ['107', 'C3', 'GREEN MUG', '4', '2011-01-05 10:00:00', '3', '12345.0', 'France'], // 9 kept
    ['107', 'C3', 'GREEN MUG', '4', '2011-01-05 10:00:00', '3', '12345.0', 'France'], // 10 duplicate of 9
    ['108', 'D4', 'MUG', 'lots', '2011-01-06 10:00:00', '3', '12345.0', 'France'], // 11 unparsable quantity
    ['109', 'D4', 'MUG', '1', 'yesterday', '3', '12345.0', 'France'], // 12 unparsable date
    ['110', 'E5', 'BIG MUG', '1', '2011-01-07 10:00:00', '4', '   ', 'UK'], // 13 blank customer -> missing
  ];
  const names = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'];
  return pl.DataFrame(Object.fromEntries(names.map((n, j) => [n, pl.Series(n, rows.map((r) => r[j] ?? null), pl.Utf8)])));
}

function schemaFor(df: pl.DataFrame) {
  // Value statistics on 13 rows are too thin for the numeric columns; the names decide here.
  return inferSchema(df, 'fixture.csv');
}

function rule(report: PreprocessReport, id: RuleId) {
  const r = report.rules.find((x) => x.id === id);
  assert.ok(r, `no rule ${id}`);
  return r;
}

function invariant(report: PreprocessReport): void {
  assert.equal(report.rowsIn - report.rules.reduce((s, r) => s + r.rowsRemoved, 0), report.rowsOut);
}

test('every rule counts its rows and names example rows, in the documented order', () => {
  const df = fixture();
  const { df: out, report } = preprocess(df, schemaFor(df), { rules: { outliers: false } });
  assert.deepEqual(report.rules.map((r) => r.id), [...RULE_IDS]);
  assert.deepEqual(
    report.rules.map((r) => [r.id, r.rowsRemoved, r.examples]),
    [
      ['trim_whitespace', 0, [1, 13]],
      ['unparsable', 2, [11, 12]],
      ['cancellations', 1, [3]],
      ['non_positive_quantity', 1, [4]],
      ['non_product', 2, [5, 6]],
      ['non_positive_price', 1, [7]],
      ['missing_key', 2, [8, 13]],
      ['duplicates', 1, [10]],
      ['outliers', 0, []],
      ['normalisation', 0, []],
    ],
  );
  assert.equal(rule(report, 'trim_whitespace').valuesChanged, 2);
  assert.equal(report.rowsIn, 13);
  assert.equal(report.rowsOut, 3);
  invariant(report);
  assert.deepEqual(out.getColumn('Description').toArray(), ['RED MUG', 'BLUE MUG', 'GREEN MUG']);
  assert.deepEqual(out.getColumn('Quantity').toArray(), [2, 1, 4]);
  assert.deepEqual(rule(report, 'normalisation').columns, ['Quantity', 'UnitPrice']);
  assert.equal(rule(report, 'outliers').enabled, false);
});

test('rules can be switched off; a later rule then catches what it can', () => {
  const df = fixture();
  const { report } = preprocess(df, schemaFor(df), { rules: { cancellations: false, non_product: false, duplicates: false } });
  assert.equal(rule(report, 'cancellations').rowsRemoved, 0);
  assert.equal(rule(report, 'cancellations').enabled, false);
  // The cancelled line has quantity -2: the quantity rule now removes it (rows 3 and 4).
  assert.deepEqual(rule(report, 'non_positive_quantity').examples, [3, 4]);
  assert.equal(rule(report, 'duplicates').rowsRemoved, 0);
  assert.equal(report.rowsOut, 6);
  invariant(report);
});

test('outliers are clipped to the quantile bounds and counted as changed values', () => {
  const n = 2000;
  const qty = Array.from({ length: n }, (_, i) => String((i % 10) + 1));
  qty[5] = '100000';
  qty[7] = '-3'; // removed before clipping by the quantity rule
  const df = pl.DataFrame({
    user: Array.from({ length: n }, (_, i) => `u${i % 50}`),
    item: Array.from({ length: n }, (_, i) => `i${i % 70}`),
    ts: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().slice(0, 19).replace('T', ' ')),
    quantity: qty,
  });
  const { df: out, report } = preprocess(df, inferSchema(df, 'q.csv'));
  const r = rule(report, 'outliers');
  // 1,999 values; nearest-rank 99.9% is at index round(0.999 * 1998) = 1996 of the sorted values: 10.
  // Only the 100000 lies above it; the 0.1% bound is 1 and nothing lies below.
  assert.equal(r.valuesChanged, 1);
  assert.deepEqual(r.examples, [6]);
  assert.match(r.detail ?? '', /quantity to \[1, 10\]: 1/);
  assert.equal(Math.max(...(out.getColumn('quantity').toArray() as number[])), 10);
  invariant(report);
});

test('non-numeric item codes and unparsable values in other numeric columns', () => {
  assert.ok(isNonProductCode('POST', true));
  assert.ok(isNonProductCode('bank charges', false));
  assert.ok(isNonProductCode('gift_0001_20', true));
  assert.ok(isNonProductCode('C2', true));
  assert.ok(isNonProductCode('DCGSSGIRL', true));
  assert.ok(!isNonProductCode('DCGSSGIRL', false));
  assert.ok(!isNonProductCode('85123A', true));
  // Word-like item ids: the no-digit rule switches itself off.
  const df = pl.DataFrame({
    user: ['a', 'b', 'c', 'd'],
    item: ['apple', 'pear', 'POST', 'plum'],
    ts: ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04'],
    weight: ['1.5', 'heavy', '2', '3'],
  });
  const schema = inferSchema(df, 'w.csv');
  const { df: out, report } = preprocess(df, { ...schema, columns: schema.columns.map((c) => (c.name === 'weight' ? { ...c, role: 'numeric', type: 'numerical' } : c)) }, { rules: { outliers: false } });
  assert.equal(rule(report, 'non_product').rowsRemoved, 1);
  assert.equal(rule(report, 'unparsable').rowsRemoved, 0);
  assert.equal(rule(report, 'unparsable').valuesChanged, 1);
  assert.deepEqual(rule(report, 'unparsable').examples, [2]);
  assert.deepEqual(out.getColumn('weight').toArray(), [1.5, null, 3]);
  invariant(report);
});

test('a log without quantity, price or basket skips those rules and keeps every row', async () => {
  const { readDataset } = await import('../../../src/core/data/io');
  const { df } = await readDataset('../shared/data/otto-sample/sessions.jsonl');
  const { report } = preprocess(df, inferSchema(df, 'sessions.jsonl'));
  assert.equal(report.rowsIn, 862);
  for (const id of ['cancellations', 'non_positive_quantity', 'non_positive_price'] as const) assert.equal(rule(report, id).rowsRemoved, 0);
  invariant(report);
});

test('typed columns (as from Parquet) go through every rule', () => {
  const df = pl.DataFrame({
    invoice: pl.Series('invoice', [1, 2, 2, 3], pl.Int64),
    user_id: pl.Series('user_id', [7, 8, 8, null], pl.Int64),
    item_id: pl.Series('item_id', [100, 200, 200, 300], pl.Int64),
    quantity: pl.Series('quantity', [1, 2, 2, 5], pl.Int64),
    price: pl.Series('price', [1.5, 0, 0, 2], pl.Float64),
    ts: pl.Series('ts', [1.6e12, 1.6e12 + 1000, 1.6e12 + 1000, 1.6e12 + 2000], pl.Float64),
  });
  const schema = inferSchema(df, 'typed.parquet');
  assert.equal(schema.columns.find((c) => c.name === 'ts')?.role, 'timestamp');
  const { report } = preprocess(df, schema);
  assert.equal(rule(report, 'non_positive_price').rowsRemoved, 2);
  assert.equal(rule(report, 'missing_key').rowsRemoved, 1);
  assert.equal(report.rowsOut, 1);
  invariant(report);
});

test('a second date column is kept as a date, not treated as an unparsable number', () => {
  const df = pl.DataFrame({
    user: ['a', 'b'],
    item: ['i1', 'i2'],
    order_date: ['2020-01-01 10:00:00', '2020-01-02 10:00:00'],
    ship_date: ['2020-01-03 10:00:00', '2020-01-04 10:00:00'],
  });
  const schema = inferSchema(df, 'dates.csv');
  const ship = schema.columns.find((c) => c.name === 'ship_date')!;
  assert.equal(ship.type, 'datetime');
  const { df: out, report } = preprocess(df, schema);
  assert.equal(rule(report, 'unparsable').valuesChanged, 0);
  assert.deepEqual(out.getColumn('ship_date').toArray(), ['2020-01-03 10:00:00', '2020-01-04 10:00:00']);
});
