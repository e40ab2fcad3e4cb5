import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaselineBehaviourModel } from '../../../src/core/synth/behaviour/baseline';
import { sampleLogits } from '../../../src/core/synth/behaviour/generation';
import { Rng } from '../../../src/core/runtime/rng';
import { logOf, retailFixture } from './fixtures';
import { assertConstraints } from './check';

test('sampleLogits never returns a masked choice and top-p keeps only the head', () => {
  const rng = new Rng(3);
  const logits = [0, Math.log(8), Math.log(1), Math.log(1)];
  const mask = Uint8Array.from([1, 0, 1, 1]);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < 2000; i++) counts[sampleLogits(logits, 0, 4, mask, { temperature: 1, topP: 1 }, rng)]!++;
  assert.equal(counts[1], 0);
  // p = [.8, .1, .1] over [0, 2, 3] before masking index 1 -> with top-p .5 only index 1 survives.
  for (let i = 0; i < 200; i++) assert.equal(sampleLogits(logits, 0, 4, null, { temperature: 1, topP: 0.5 }, rng), 1);
  assert.throws(() => sampleLogits(logits, 0, 4, new Uint8Array(4), { temperature: 1, topP: 1 }, rng), /masked out/);
});

test('baseline generates whole histories that respect every constraint, reproducibly', async () => {
  const { log } = retailFixture();
  const m = new BaselineBehaviourModel();
  await m.fit(log, { seed: 1 });
  const a = await m.generate({ nUsers: 30, seed: 7 });
  const b = await m.generate({ nUsers: 30, seed: 7 });
  assert.deepEqual(Array.from(a.log.item), Array.from(b.log.item));
  assert.equal(a.log.userIds.length, 30);
  assert.equal(a.templates.length, 30);
  assert.ok(a.log.user.length >= 30);
  assertConstraints(log, a.log);
  assert.equal(a.log.columnNames.user, 'CustomerID');
  // Baskets are synthetic ids; events at one time share one.
  assert.ok(a.log.basket && a.log.basketIds);
});

test('baseline respects event-order prerequisites learned from typed data', async () => {
  const types = ['clicks', 'carts', 'orders'];
  const events = [];
  for (let u = 0; u < 20; u++) {
    let t = 1000 * u;
    for (const item of ['a', 'b', 'c'].slice(0, 1 + (u % 3))) {
      events.push({ u: `u${u}`, i: item, t: (t += 1000), type: 'clicks' });
      events.push({ u: `u${u}`, i: item, t: (t += 1000), type: 'carts' });
      if (u % 2 === 0) events.push({ u: `u${u}`, i: item, t: (t += 1000), type: 'orders' });
    }
  }
  const log = logOf(events, { types });
  const m = new BaselineBehaviourModel();
  await m.fit(log);
  const g = await m.generate({ nUsers: 50, seed: 2 });
  // Every real order follows a cart and every cart a click: generation must keep that.
  assertConstraints(log, g.log, { requires: { orders: 'carts', carts: 'clicks' }, strictTime: true });
  assert.ok(g.log.eventType!.some((k) => k === 2), 'some orders are generated');
});

test('baseline augmentation extends only sparse users, after their last event', async () => {
  const { log } = retailFixture();
  const m = new BaselineBehaviourModel();
  await m.fit(log);
  const added = await m.augment(log, { k: 3, maxEventsPerUser: 2, seed: 5 });
  const counts = new Map<number, number>();
  for (const u of log.user) counts.set(u, (counts.get(u) ?? 0) + 1);
  const extended = new Set(added.user);
  for (const u of extended) assert.ok(counts.get(u)! <= 2, `user ${u} had ${counts.get(u)} events`);
  for (const [u, c] of counts) if (c <= 2) assert.ok(extended.has(u));
  assert.equal(added.user.length, 3 * extended.size);
  const lastReal = new Map<number, number>();
  for (let i = 0; i < log.user.length; i++) lastReal.set(log.user[i]!, log.time[i]!);
  for (let i = 0; i < added.user.length; i++) assert.ok(added.time[i]! >= lastReal.get(added.user[i]!)!);
  assertConstraints(log, added);
});

test('baseline save/load gives the same generation', async () => {
  const { log } = retailFixture();
  const m = new BaselineBehaviourModel();
  await m.fit(log);
  const dir = await mkdtemp(join(tmpdir(), 'recsynth-baseline-'));
  try {
    await m.save(dir);
    const back = await BaselineBehaviourModel.load(dir);
    const a = await m.generate({ nUsers: 10, seed: 3 });
    const b = await back.generate({ nUsers: 10, seed: 3 });
    assert.deepEqual(Array.from(b.log.item), Array.from(a.log.item));
    assert.deepEqual(Array.from(b.log.time), Array.from(a.log.time));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
