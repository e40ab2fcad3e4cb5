import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { readDataset } from '../../../src/core/data/io';
import {
  applyOverrides,
  columnWithRole,
  inferSchema,
  loadOverrides,
  nameTokens,
  ROLES,
  RoleSchema,
  saveRoleOverride,
} from '../../../src/core/data/schema';

test('name tokens split camel case and separators', () => {
  assert.deepEqual(nameTokens('CustomerID'), ['customer', 'id']);
  assert.deepEqual(nameTokens('unit_price'), ['unit', 'price']);
  assert.deepEqual(nameTokens('InvoiceNo'), ['invoice', 'no']);
});

test('Online Retail columns get the expected roles, types and reasons', async () => {
  // The first 2,000 lines of the real file, cut at run time.
  const lines = readFileSync('../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv', 'utf8').split('\n').slice(0, 2001);
  const dir = mkdtempSync(join(tmpdir(), 'recsynth-schema-'));
  const p = join(dir, 'retail.csv');
  writeFileSync(p, `${lines.join('\n')}\n`);
  const { df } = await readDataset(p);
  const s = inferSchema(df, 'retail.csv');
  const roles = Object.fromEntries(s.columns.map((c) => [c.name, [c.role, c.type]]));
  assert.deepEqual(roles, {
    InvoiceNo: ['basket', 'id'],
    StockCode: ['item_id', 'id'],
    Description: ['text', 'text'],
    Quantity: ['quantity', 'numerical'],
    InvoiceDate: ['timestamp', 'datetime'],
    UnitPrice: ['price', 'numerical'],
    CustomerID: ['user_id', 'id'],
    Country: ['categorical', 'categorical'],
  });
  const cust = s.columns.find((c) => c.name === 'CustomerID')!;
  assert.match(cust.reason, /^name matches customer\/user \("customer"\); [\d,]+ distinct values$/);
  assert.equal(cust.reason, `name matches customer/user ("customer"); ${df.getColumn('CustomerID').dropNulls().nUnique().toLocaleString('en-US')} distinct values`);
  assert.match(s.columns.find((c) => c.name === 'InvoiceDate')!.reason, /100% parse as dates \(%Y-%m-%d %H:%M:%S\)/);
});

test('value statistics decide when names say nothing', () => {
  const n = 200;
  const df = pl.DataFrame({
    a: Array.from({ length: n }, (_, i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')}`),
    b: Array.from({ length: n }, (_, i) => String(i * 0.37)),
    c: Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][i % 3]!),
    d: Array.from({ length: n }, (_, i) => `this is a rather long free text number ${i}`),
    e: Array.from({ length: n }, (_, i) => `K${i}X${i * 7}`),
  });
  const s = inferSchema(df, 'x.csv');
  assert.deepEqual(s.columns.map((c) => c.role), ['timestamp', 'numeric', 'categorical', 'text', 'identifier']);
});

test('one column per key role: a second candidate is demoted and says why', () => {
  const df = pl.DataFrame({ user_id: ['a', 'b'], customer: ['x', 'y'], item: ['1', '2'] });
  const s = inferSchema(df, 'x.csv');
  assert.equal(columnWithRole(s, 'user_id'), 'user_id');
  const c = s.columns.find((x) => x.name === 'customer')!;
  assert.equal(c.role, 'identifier');
  assert.match(c.reason, /"user_id" already has role user_id/);
});

test('role list and zod schema are exported for protocol code', () => {
  assert.equal(ROLES.length, 11);
  assert.ok(RoleSchema.safeParse('basket').success);
  assert.ok(!RoleSchema.safeParse('user').success);
});

test('overrides: save keeps other entries, load returns the file entry, apply changes roles', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recsynth-ovr-'));
  const data = join(dir, 'orders.csv');
  writeFileSync(data, 'shopper,thing,when\nu1,i1,2020-01-01\nu2,i2,2020-01-02\n');
  writeFileSync(join(dir, 'recsynth.json'), JSON.stringify({ version: 1, files: { 'other.csv': { columns: { x: { role: 'text' } } } } }));
  await saveRoleOverride(data, 'thing', 'item_id');
  await saveRoleOverride(data, 'shopper', 'user_id');
  const json = JSON.parse(readFileSync(join(dir, 'recsynth.json'), 'utf8'));
  assert.deepEqual(json, {
    version: 1,
    files: {
      'other.csv': { columns: { x: { role: 'text' } } },
      'orders.csv': { columns: { thing: { role: 'item_id' }, shopper: { role: 'user_id' } } },
    },
  });
  const ovr = await loadOverrides(data);
  assert.deepEqual(ovr, { thing: 'item_id', shopper: 'user_id' });
  const { df } = await readDataset(data);
  const s = applyOverrides(inferSchema(df, 'orders.csv'), ovr);
  const thing = s.columns.find((c) => c.name === 'thing')!;
  assert.equal(thing.role, 'item_id');
  assert.equal(thing.type, 'id');
  assert.equal(thing.source, 'override');
  assert.match(thing.reason, /^set to item_id in recsynth\.json/);
  assert.deepEqual(await loadOverrides(join(dir, 'none.csv')), {});
  const pinned = applyOverrides(s, { when: 'timestamp' }).columns.find((c) => c.name === 'when')!;
  assert.equal(pinned.source, 'override');
  assert.match(pinned.reason, /^timestamp confirmed in recsynth\.json; /);
  assert.throws(() => applyOverrides(s, { nothere: 'text' }), /column "nothere" is not in the data/);
});

test('a bad recsynth.json names the file and the bad key', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recsynth-bad-'));
  const data = join(dir, 'd.csv');
  const json = join(dir, 'recsynth.json');
  writeFileSync(json, JSON.stringify({ version: 1, files: { 'd.csv': { columns: { CustomerID: { role: 'customer' } } } } }));
  await assert.rejects(loadOverrides(data), (e: Error) => e.message.includes(json) && e.message.includes('"files.d.csv.columns.CustomerID.role"'));
  writeFileSync(json, '{"version": 2, "files": {}}');
  await assert.rejects(loadOverrides(data), /at "version"/);
  writeFileSync(json, '{not json');
  await assert.rejects(loadOverrides(data), /recsynth\.json: not valid JSON/);
});
