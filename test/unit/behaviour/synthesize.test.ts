import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getColumn, type StringColumn } from '../../../src/core/data/table';
import { synthesizeBehaviour } from '../../../src/core/synth/behaviour';
import { loadInteractions } from '../../../src/core/data/interactions-load';
import { retailFixture, OTTO_PATH } from './fixtures';

function ids(t: { columns: readonly { name: string }[] }, name: string): (string | null)[] {
  return [...(getColumn(t as never, name) as StringColumn).values];
}

test('generation writes three tables with intact keys and the input column names', async () => {
  const { log, country } = retailFixture();
  const out = await synthesizeBehaviour(log, { model: 'baseline', seed: 1, nUsers: 25, userFeatures: { Country: country } });
  assert.deepEqual(out.users.columns.map((c) => c.name), ['CustomerID', 'Country']);
  assert.equal(out.users.nRows, 25);
  assert.deepEqual(out.items.columns.map((c) => c.name), ['StockCode', 'Description', 'UnitPrice']);
  assert.deepEqual(out.events.columns.map((c) => c.name), ['CustomerID', 'StockCode', 'InvoiceDate', 'Quantity', 'UnitPrice', 'InvoiceNo', 'Country']);
  const users = new Set(ids(out.users, 'CustomerID'));
  const items = new Set(ids(out.items, 'StockCode'));
  for (const u of ids(out.events, 'CustomerID')) assert.ok(users.has(u));
  for (const i of ids(out.events, 'StockCode')) assert.ok(items.has(i));
  assert.ok(ids(out.users, 'Country').every((c) => c === 'France' || c === 'United Kingdom'));
  assert.equal(out.modelInfo.mode, 'generate');
  assert.ok(out.figures.sessionLength.ksComplement >= 0 && out.figures.sessionLength.ksComplement <= 1);
  assert.equal(out.interactions.user.length, out.events.nRows);
});

test('augmentation keeps the real users and events and flags the added ones', async () => {
  const { log } = retailFixture();
  const out = await synthesizeBehaviour(log, { model: 'baseline', seed: 1, augmentK: 2, maxEventsPerUser: 3 });
  assert.equal(out.users.nRows, log.userIds.length);
  const flag = getColumn(out.events, 'synthetic').values as Float64Array;
  const added = flag.reduce((a, b) => a + b, 0);
  assert.equal(out.events.nRows, log.user.length + added);
  assert.ok(added > 0);
  // Real events come first within each user, in their original order.
  const users = ids(out.events, 'CustomerID');
  for (let i = 1; i < users.length; i++) if (users[i] === users[i - 1] && flag[i - 1] === 1) assert.equal(flag[i], 1);
  assert.equal(out.modelInfo.mode, 'augment');
});

test('OTTO sessions (JSONL, through loadInteractions) run end to end with the Transformer', async () => {
  const log = (await loadInteractions(OTTO_PATH)).interactions;
  const out = await synthesizeBehaviour(log, {
    model: 'transformer',
    seed: 1,
    nUsers: 15,
    epochs: 1,
    transformer: { dModel: 16, nHeads: 2, nLayers: 1, ffnDim: 32, maxLen: 16, batchSize: 8, negatives: 64 },
  });
  assert.deepEqual(out.events.columns.map((c) => c.name), ['session', 'aid', 'ts', 'type']);
  assert.ok(out.figures.eventTypeTransitions.score !== null);
  assert.equal(out.modelInfo.kind, 'transformer');
  assert.ok(out.modelInfo.trainSteps > 0);
});

test('bad options are reported clearly', async () => {
  const { log } = retailFixture();
  await assert.rejects(synthesizeBehaviour(log, { model: 'baseline', seed: 1, nUsers: 3, temperature: 0 }), /temperature must be > 0/);
  await assert.rejects(synthesizeBehaviour({ ...log, user: new Int32Array(0), item: new Int32Array(0), time: new Float64Array(0) }, { model: 'baseline', seed: 1 }), /empty/);
});

test('per-event columns constant per user become user features, repeated on output events', async () => {
  const { inferUserFeatures } = await import('../../../src/core/synth/behaviour/user-features');
  const { log, country } = retailFixture();
  const perEvent = Array.from(log.user, (u) => country[u]!);
  const varying = Array.from(log.user, (_, i) => (i % 2 ? 'a' : 'b'));
  const x = { ...log, eventColumns: { Country: perEvent, Channel: varying } };
  const f = inferUserFeatures(x);
  assert.deepEqual(Object.keys(f), ['Country']);
  assert.deepEqual(f['Country'], country);
  const out = await synthesizeBehaviour(x, { model: 'baseline', seed: 2, nUsers: 10 });
  assert.deepEqual(out.users.columns.map((c) => c.name), ['CustomerID', 'Country']);
  const users = ids(out.users, 'CustomerID');
  const userCountry = new Map(users.map((u, i) => [u, ids(out.users, 'Country')[i]]));
  const evCountry = ids(out.events, 'Country');
  ids(out.events, 'CustomerID').forEach((u, i) => assert.equal(evCountry[i], userCountry.get(u)));
});

test('merged augmentation logs keep per-event columns aligned with the events', async () => {
  const { mergeLogs } = await import('../../../src/core/synth/behaviour/synthesize');
  const { logOf } = await import('./fixtures');
  const real = { ...logOf([{ u: 'A', i: 'x', t: 0 }, { u: 'B', i: 'y', t: 5 }]), eventColumns: { Country: ['FR', 'UK'] } };
  const added = { ...logOf([{ u: 'A', i: 'y', t: 9 }]), userIds: real.userIds, itemIds: real.itemIds, item: Int32Array.from([1]) };
  const { log, synthetic } = mergeLogs(real, added);
  assert.deepEqual(Array.from(log.user), [0, 0, 1]);
  assert.deepEqual(Array.from(log.item), [0, 1, 1]);
  assert.deepEqual(Array.from(synthetic), [0, 1, 0]);
  assert.deepEqual(log.eventColumns?.['Country'], ['FR', 'FR', 'UK']);
});

test('a cancelled run stops with CancelledError', async () => {
  const { log } = retailFixture();
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(synthesizeBehaviour(log, { model: 'transformer', seed: 1, signal: ac.signal, transformer: { dModel: 8, nHeads: 1, nLayers: 1, ffnDim: 8, maxLen: 8 } }), { name: 'CancelledError' });
  await assert.rejects(synthesizeBehaviour(log, { model: 'baseline', seed: 1, signal: ac.signal }), { name: 'CancelledError' });
});
