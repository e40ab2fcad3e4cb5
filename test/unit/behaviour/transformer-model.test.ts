import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../../../src/core/runtime/backend';
import { TransformerBehaviourModel, type TransformerBehaviourConfig } from '../../../src/core/synth/behaviour/transformer-model';
import { retailFixture, readOttoSessions, OTTO_PATH } from './fixtures';
import { assertConstraints } from './check';

const tiny: Partial<TransformerBehaviourConfig> = {
  dModel: 16,
  nHeads: 2,
  nLayers: 1,
  ffnDim: 32,
  maxLen: 8,
  batchSize: 16,
  epochs: 2,
  negatives: 4,
  generationBatch: 8,
  learningRate: 5e-3,
};

test('Transformer trains (loss reported and falling), leaks no tensors, generates within constraints', async () => {
  await initTf();
  const { log, country } = retailFixture();
  const x = { ...log, userFeatures: { Country: country } };
  const m = new TransformerBehaviourModel({ ...tiny, epochs: 6 });
  const losses: number[] = [];
  const before = tf.memory().numTensors;
  await m.fit(x, { seed: 1, onProgress: (e) => e.losses && losses.push(e.losses['total']!) });
  // Only the model's own variables survive training.
  const vars = m.info().parameters > 0 ? tf.memory().numTensors - before : 0;
  assert.ok(losses.length >= 6, `${losses.length} steps`);
  const head = losses.slice(0, 3).reduce((a, b) => a + b, 0) / 3;
  const tail = losses.slice(-3).reduce((a, b) => a + b, 0) / 3;
  assert.ok(tail < head, `loss ${head} -> ${tail}`);
  assert.ok(m.info().notes.some((n) => n.includes('sampled softmax')));

  // Fitting again rebuilds the model: the same tensor count afterwards means training leaks nothing.
  const afterFirst = tf.memory().numTensors;
  await m.fit(x, { seed: 1, epochs: 1 });
  assert.equal(tf.memory().numTensors, afterFirst, 'training must not leak tensors');

  const settled = tf.memory().numTensors;
  const g = await m.generate({ nUsers: 20, seed: 3, temperature: 1 });
  assert.equal(tf.memory().numTensors, settled, 'generation must not leak tensors');
  assert.ok(vars > 0);
  assert.equal(g.log.userIds.length, 20);
  assertConstraints(log, g.log);
  // Users longer than maxLen exercise the cache re-priming; lengths come from real activity levels.
  const n = new Map<number, number>();
  for (const u of g.log.user) n.set(u, (n.get(u) ?? 0) + 1);
  assert.ok([...n.values()].some((c) => c > tiny.maxLen!), 'some history is longer than the window');

  const topP = await m.generate({ nUsers: 10, seed: 3, topP: 0.8, temperature: 0.7 });
  assertConstraints(log, topP.log);
  m.dispose();
});

test('Transformer save/load reproduces generation; augmentation continues real histories', async () => {
  await initTf();
  const { log } = retailFixture(2);
  const m = new TransformerBehaviourModel(tiny);
  await m.fit(log, { seed: 4 });
  const dir = await mkdtemp(join(tmpdir(), 'recsynth-transformer-'));
  try {
    await m.save(dir);
    const back = await TransformerBehaviourModel.load(dir);
    const a = await m.generate({ nUsers: 12, seed: 9 });
    const b = await back.generate({ nUsers: 12, seed: 9 });
    assert.deepEqual(Array.from(b.log.item), Array.from(a.log.item));
    assert.deepEqual(Array.from(b.log.time), Array.from(a.log.time));
    back.dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const added = await m.augment(log, { k: 4, maxEventsPerUser: 3, seed: 1 });
  assert.ok(added.user.length > 0);
  const last = new Map<number, number>();
  const count = new Map<number, number>();
  for (let i = 0; i < log.user.length; i++) {
    last.set(log.user[i]!, log.time[i]!);
    count.set(log.user[i]!, (count.get(log.user[i]!) ?? 0) + 1);
  }
  for (let i = 0; i < added.user.length; i++) {
    assert.ok(count.get(added.user[i]!)! <= 3);
    assert.ok(added.time[i]! >= last.get(added.user[i]!)!);
  }
  assertConstraints(log, added);
  m.dispose();
});

test('the OTTO sessions sample parses as a sessions input and runs with click/cart/order kinds', async () => {
  await initTf();
  const log = readOttoSessions(OTTO_PATH);
  assert.equal(log.userIds.length, 20);
  assert.equal(log.user.length, 862);
  const m = new TransformerBehaviourModel({ ...tiny, epochs: 1, negatives: 64 });
  await m.fit(log, { seed: 1 });
  assert.deepEqual(m.info().eventKinds, ['clicks', 'carts', 'orders']);
  const g = await m.generate({ nUsers: 10, seed: 2 });
  assertConstraints(log, g.log, { strictTime: false });
  assert.deepEqual(g.log.eventTypes, ['clicks', 'carts', 'orders']);
  m.dispose();
});

test('training batches: profile token first, next-event targets, history shares for the repeat gate', async () => {
  const { batchTensors } = await import('../../../src/core/synth/behaviour/transformer-model');
  const { encodeSequences } = await import('../../../src/core/synth/behaviour/encoding');
  const { logOf } = await import('./fixtures');
  const x = logOf([
    { u: 'A', i: 'x', t: 0 },
    { u: 'A', i: 'y', t: 1000 },
    { u: 'A', i: 'x', t: 2000 },
    { u: 'B', i: 'y', t: 0 },
  ]);
  const enc = encodeSequences(x, { minCount: 1 });
  const { tokens, targets } = batchTensors(enc, x, [{ user: 0, start: 0, len: 3 }, { user: 1, start: 3, len: 1 }], enc.profile.length);
  assert.equal(tokens.T, 3);
  const cx = enc.itemClass[x.itemIds.indexOf('x')]!;
  const cy = enc.itemClass[x.itemIds.indexOf('y')]!;
  // Row A: inputs [profile, x, y], targets [x, y, x]; row B: input [profile], target [y], then padding.
  assert.deepEqual(Array.from(tokens.itemClass), [0, cx, cy, 0, 0, 0]);
  assert.deepEqual(Array.from(targets.itemClass), [cx, cy, cx, cy, cx, cx].map((c, i) => (i < 4 ? c : 0)));
  assert.deepEqual(Array.from(targets.weight), [1, 1, 1, 1, 0, 0]);
  // The third target (x) had x once among the two events before it.
  assert.deepEqual(Array.from(targets.historyShare), [0, 0, 0.5, 0, 0, 0]);
});
