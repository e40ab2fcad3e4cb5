import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pl from 'nodejs-polars';
import { readDataset } from '../../../src/core/data/io';
import { inferSchema } from '../../../src/core/data/schema';
import { preprocess } from '../../../src/core/data/preprocess';
import { toInteractions } from '../../../src/core/data/interactions-build';
import { deriveCustomerTable, deriveItemTable } from '../../../src/core/data/derive';
import { getColumn, cell, type Table } from '../../../src/core/data/table';

const RETAIL = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';
const GOLDEN = '../shared/golden/sdmetrics/items_real.csv';

function column(t: Table, name: string): (string | number | null)[] {
  const c = getColumn(t, name);
  return Array.from({ length: t.nRows }, (_, r) => cell(c, r));
}

test('item table on the real file reproduces the golden items_real.csv (derive_tables.py rules)', async () => {
  const { df } = await readDataset(RETAIL);
  const schema = inferSchema(df, 'online_retail.csv');
  // derive_tables.py keeps rows with a CustomerID, Quantity > 0 and UnitPrice > 0, nothing else.
  const { df: kept, report } = preprocess(df, schema, {
    rules: { non_product: false, duplicates: false, outliers: false },
  });
  assert.equal(report.rowsOut, 226_467);
  const x = toInteractions(kept, schema);
  assert.equal(x.itemIds.length, 3_394);
  const items = deriveItemTable(x);
  // Items come sorted by id (code-point order); first 2,500, positions i % 5 in {0,1,2}.
  const pick = Array.from({ length: 2500 }, (_, i) => i).filter((i) => i % 5 < 3);
  const golden = readFileSync(GOLDEN, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  assert.equal(golden.length, 1500);
  const price = column(items, 'median_price');
  const lines = column(items, 'n_lines');
  const buyers = column(items, 'n_customers');
  const country = column(items, 'top_country');
  const month = column(items, 'first_month');
  pick.forEach((i, k) => {
    const [gPrice, gLines, gBuyers, gCountry, gMonth] = golden[k]!;
    const where = `golden row ${k + 1} (item ${x.itemIds[i]})`;
    assert.ok(Math.abs((price[i] as number) - Number(gPrice)) <= 1e-9, `${where}: median_price ${price[i]} vs ${gPrice}`);
    assert.equal(lines[i], Number(gLines), `${where}: n_lines`);
    assert.equal(buyers[i], Number(gBuyers), `${where}: n_customers`);
    assert.equal(country[i], gCountry, `${where}: top_country`);
    assert.equal(month[i], gMonth, `${where}: first_month`);
  });
  // Description: the most frequent one per item.
  assert.equal(column(items, 'description')[x.itemIds.indexOf('85123A')], 'WHITE HANGING HEART T-LIGHT HOLDER');
});

test('customer table (RFM) on a hand-worked fixture', () => {
  const df = pl.DataFrame({
    InvoiceNo: ['1', '1', '2', '3', '4', '4', '5'],
    StockCode: ['A1', 'B2', 'A1', 'C3', 'A1', 'B2', 'C3'],
    Quantity: ['2', '1', '3', '1', '10', '1', '4'],
    InvoiceDate: ['2011-01-01 10:00:00', '2011-01-01 10:00:00', '2011-01-05 09:00:00', '2011-01-02 12:00:00', '2011-01-10 08:00:00', '2011-01-10 08:00:00', '2011-01-03 00:00:00'],
    UnitPrice: ['1.5', '4', '1.5', '2', '1', '4', '2.5'],
    CustomerID: ['u1', 'u1', 'u1', 'u2', 'u2', 'u2', 'u3'],
    Country: ['France', 'France', 'Spain', 'Spain', 'Spain', 'France', 'EIRE'],
  });
  const schema = inferSchema(df, 'fixture.csv');
  const x = toInteractions(df, schema);
  const t = deriveCustomerTable(x);
  assert.deepEqual(column(t, 'CustomerID'), ['u1', 'u2', 'u3']);
  // u1: France 2 lines vs Spain 1. u2: Spain 2 vs France 1. u3: EIRE.
  assert.deepEqual(column(t, 'country'), ['France', 'Spain', 'EIRE']);
  // As of the last event (2011-01-10 08:00): u1 last 01-05 09:00 -> 4 days 23 h -> 4; u2 -> 0; u3 01-03 00:00 -> 7 d 8 h -> 7.
  assert.deepEqual(column(t, 'recency_days'), [4, 0, 7]);
  // Distinct invoices: u1 {1,2}, u2 {3,4}, u3 {5}.
  assert.deepEqual(column(t, 'frequency'), [2, 2, 1]);
  // Monetary: u1 2*1.5 + 1*4 + 3*1.5 = 11.5; u2 1*2 + 10*1 + 1*4 = 16; u3 4*2.5 = 10.
  assert.deepEqual(column(t, 'monetary'), [11.5, 16, 10]);
  // Ties: a country tie goes to the alphabetically first value.
  const tie = deriveCustomerTable({ ...x, eventColumns: { Country: ['Spain', 'France', 'x', 'y', 'z', 'w', 'v'] } });
  assert.equal(column(tie, 'country')[0], 'France');
  const asOf = deriveCustomerTable(x, { asOf: Date.UTC(2011, 0, 20) });
  assert.deepEqual(column(asOf, 'recency_days'), [14, 9, 17]);
});

test('item table on a fixture: ties in top_country go alphabetically first, first_month from the earliest event', () => {
  const df = pl.DataFrame({
    user: ['a', 'b', 'c', 'a'],
    item: ['X1', 'X1', 'X1', 'Y2'],
    ts: ['2011-03-02 10:00:00', '2011-02-28 23:59:00', '2011-04-01 00:00:00', '2011-01-01 00:00:00'],
    price: ['1', '3', '2', '5'],
    country: ['Spain', 'France', 'Spain', 'Germany'],
  });
  const schema = inferSchema(df, 'f.csv');
  const x = toInteractions(df, schema);
  const t = deriveItemTable(x);
  assert.deepEqual(column(t, 'item'), ['X1', 'Y2']);
  assert.deepEqual(column(t, 'median_price'), [2, 5]);
  assert.deepEqual(column(t, 'n_lines'), [3, 1]);
  assert.deepEqual(column(t, 'n_customers'), [3, 1]);
  assert.deepEqual(column(t, 'first_month'), ['2011-02', '2011-01']);
  assert.deepEqual(column(t, 'top_country'), ['Spain', 'Germany']);
});
