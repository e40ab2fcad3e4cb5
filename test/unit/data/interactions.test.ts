import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { inferSchema } from '../../../src/core/data/schema';
import { userOffsets } from '../../../src/core/data/interactions';
import { toInteractions } from '../../../src/core/data/interactions-build';
import { loadInteractions } from '../../../src/core/data/interactions-load';
import { dataFrameToTable } from '../../../src/core/data/table-convert';

function log(): pl.DataFrame {
  return pl.DataFrame({
    order_id: ['o1', 'o2', 'o2', 'o3', 'o4', 'o5'],
    customer_id: ['u2', 'u1', 'u1', 'u2', 'u1', 'u3'],
    product_id: ['p9', 'p1', 'p2', 'p1', 'p1', 'p9'],
    event_time: ['2020-01-02 00:00:00', '2020-01-05 00:00:00', '2020-01-05 00:00:00', '2020-01-01 00:00:00', '2020-01-03 00:00:00', '2020-01-04 00:00:00'],
    qty: ['1', '2', '3', '4', '5', '6'],
    price: ['9', '1', '2', '3', '5', '7'],
    product_name: ['Nine', 'One', 'Two', 'One', 'One', 'Nine'],
    country: ['FR', 'UK', 'UK', 'DE', 'UK', 'ES'],
  });
}

test('events are sorted by user, then time, then row order; ids dictionary-encoded in sorted order', () => {
  const df = log();
  const schema = inferSchema(df, 'log.csv');
  const x = toInteractions(df, schema);
  assert.deepEqual(x.userIds, ['u1', 'u2', 'u3']);
  assert.deepEqual(x.itemIds, ['p1', 'p2', 'p9']);
  // u1: rows 5 (01-03), 2, 3 (01-05, row order); u2: rows 4 (01-01), 1 (01-02); u3: row 6.
  assert.deepEqual(Array.from(x.user), [0, 0, 0, 1, 1, 2]);
  assert.deepEqual(Array.from(x.item), [0, 0, 1, 0, 2, 2]);
  assert.deepEqual(Array.from(x.quantity!), [5, 2, 3, 4, 1, 6]);
  assert.deepEqual(Array.from(x.price!), [5, 1, 2, 3, 9, 7]);
  assert.equal(x.time[0], Date.UTC(2020, 0, 3));
  assert.deepEqual(x.basketIds, ['o4', 'o2', 'o3', 'o1', 'o5']);
  assert.deepEqual(Array.from(x.basket!), [0, 1, 1, 2, 3, 4]);
  assert.deepEqual(x.columnNames, { user: 'customer_id', item: 'product_id', time: 'event_time', quantity: 'qty', price: 'price', basket: 'order_id' });
  assert.deepEqual(Array.from(userOffsets(x)), [0, 3, 5, 6]);
  // Item features: the item-level text column and the median price per item.
  assert.deepEqual(x.itemFeatures?.['product_name'], ['One', 'Two', 'Nine']);
  assert.deepEqual(x.itemFeatures?.['median_price'], [3, 2, 8]);
  // Per-event categorical columns in event order; country is not item-level, so not an item feature.
  assert.deepEqual(x.eventColumns?.['country'], ['UK', 'UK', 'UK', 'DE', 'FR', 'ES']);
  assert.equal(x.itemFeatures?.['country'], undefined);
  // A Table works as input too, with the same result.
  assert.deepEqual(toInteractions(dataFrameToTable(df, schema), schema), x);
});

test('event types are encoded; a log without a user column says what to do', () => {
  const df = pl.DataFrame({ session: ['1', '1', '2'], aid: ['5', '6', '5'], ts: ['1659304800025', '1659304800000', '1659304900000'], type: ['clicks', 'orders', 'carts'] });
  const x = toInteractions(df, inferSchema(df, 's.jsonl'));
  assert.deepEqual(x.eventTypes, ['carts', 'clicks', 'orders']);
  assert.deepEqual(Array.from(x.eventType!), [2, 1, 0]);
  assert.deepEqual(Array.from(x.time), [1659304800000, 1659304800025, 1659304900000]);
  const bad = pl.DataFrame({ thing: ['a', 'b'], value: ['1', '2'] });
  assert.throws(() => toInteractions(bad, inferSchema(bad, 'bad.csv')), /bad\.csv: no column has role user_id; .*recsynth\.json/);
});

test('loadInteractions reads, cleans and encodes OTTO sessions; overrides in recsynth.json apply', async () => {
  const { interactions: x, report, schema } = await loadInteractions('../shared/data/otto-sample/sessions.jsonl');
  assert.equal(report.rowsIn, 862);
  assert.equal(x.user.length, report.rowsOut);
  assert.equal(x.userIds.length, 20);
  assert.deepEqual(x.eventTypes, ['carts', 'clicks', 'orders']);
  assert.equal(schema.columns.find((c) => c.name === 'type')?.role, 'event_type');
  for (let e = 1; e < x.user.length; e++) {
    assert.ok(x.user[e - 1]! < x.user[e]! || (x.user[e - 1] === x.user[e] && x.time[e - 1]! <= x.time[e]!), `event ${e} out of order`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'recsynth-load-'));
  const p = join(dir, 'events.csv');
  writeFileSync(p, 'who,what,when\na,x1,2020-01-01\nb,x2,2020-01-02\n');
  writeFileSync(join(dir, 'recsynth.json'), JSON.stringify({ version: 1, files: { 'events.csv': { columns: { who: { role: 'user_id' }, what: { role: 'item_id' } } } } }));
  const loaded = await loadInteractions(p);
  assert.deepEqual(loaded.interactions.userIds, ['a', 'b']);
  assert.deepEqual(loaded.interactions.columnNames, { user: 'who', item: 'what', time: 'when' });
});
