import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chronologicalSplit, keepFraction } from '../../../src/core/recsys/split';
import { prepareProtocol } from '../../../src/core/recsys/protocol';
import { evaluateModel, summarise } from '../../../src/core/recsys/evaluate';
import { matrixFromInteractions, matrixFromPairs } from '../../../src/core/recsys/matrix';
import { PopularityRecommender } from '../../../src/core/recsys/popularity';
import { Rng } from '../../../src/core/runtime/rng';
import { logFromRows } from './fixtures';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// Two baskets per user share a timestamp each; leave-last must move the whole last basket.
const log = logFromRows([
  ['a', 'x', 1], ['a', 'y', 1], ['a', 'z', 5], ['a', 'w', 5],
  ['b', 'x', 2], ['b', 'z', 3], ['b', 'y', 9],
  ['c', 'w', 4],
]);

test('leave-last moves each user\'s last visit (whole basket) to test; one-visit users stay in training', () => {
  const s = chronologicalSplit(log, { kind: 'leave-last', n: 1 });
  const pairs = (x: typeof log): string[] => Array.from(x.user, (u, i) => `${x.userIds[u]}:${x.itemIds[x.item[i]!]}`);
  assert.deepEqual(pairs(s.test), ['a:z', 'a:w', 'b:y']);
  assert.deepEqual(pairs(s.train), ['a:x', 'a:y', 'b:x', 'b:z', 'c:w']);
  assert.equal(s.testStart, 5);
  const two = chronologicalSplit(log, { kind: 'leave-last', n: 2 });
  assert.deepEqual(pairs(two.test), ['b:z', 'b:y']);
  assert.throws(() => chronologicalSplit(log, { kind: 'leave-last', n: 0 }), /at least 1/);
});

test('a global time cut puts every training event before the test period', () => {
  const s = chronologicalSplit(log, { kind: 'time-cut', at: 4 });
  assert.ok(Math.max(...s.train.time) < 4);
  assert.ok(Math.min(...s.test.time) >= 4);
  assert.equal(s.train.user.length + s.test.user.length, log.user.length);
  const q = chronologicalSplit(log, { kind: 'time-cut', quantile: 0.5 });
  assert.equal(q.testStart, 4);
  assert.throws(() => chronologicalSplit(log, { kind: 'time-cut', at: 0 }), /no training events/);
});

test('keepFraction keeps the share asked for, in log order, reproducibly', () => {
  const k = keepFraction(log, 0.5, new Rng(1));
  assert.equal(k.user.length, 4);
  for (let i = 1; i < k.user.length; i++) assert.ok(k.user[i - 1]! < k.user[i]! || (k.user[i - 1] === k.user[i] && k.time[i - 1]! <= k.time[i]!));
  assert.deepEqual(keepFraction(log, 0.5, new Rng(1)).item, k.item);
  assert.equal(keepFraction(log, 1, new Rng(1)), log);
});

test('test targets leave out items the user already had; users without new items are not evaluated', () => {
  const repeat = logFromRows([
    ['a', 'x', 1], ['a', 'x', 2],
    ['b', 'x', 1], ['b', 'y', 2],
  ]);
  const p = prepareProtocol(repeat, { kind: 'leave-last', n: 1 });
  assert.equal(p.test.indices.length, 1);
  assert.deepEqual([...p.users], [1]);
});

// Popularity by hand: train counts item0..item4 = 2, 2, 2, 1, 0 over 4 users.
const train = matrixFromPairs(4, 5, [0, 0, 1, 1, 2, 2, 3], [0, 1, 0, 2, 1, 2, 3]);
// Test: u0 {2}, u1 {} (no test items), u2 {3}, u3 {0}.
const testItems = matrixFromPairs(4, 5, [0, 2, 3], [2, 3, 0]);
const trainLog = logFromRows(
  [['u0', 'i0', 1], ['u0', 'i1', 1], ['u1', 'i0', 1], ['u1', 'i2', 1], ['u2', 'i1', 1], ['u2', 'i2', 1], ['u3', 'i3', 1], ['u9', 'i4', 0]],
);

test('full-ranking evaluation of popularity, ties broken by the given order (hand-computed)', async () => {
  // Drop the helper user u9 (it only makes item i4 exist): evaluate on the 4-user matrix.
  const model = new PopularityRecommender();
  await model.fit({ ...trainLog, user: trainLog.user.subarray(0, 7), item: trainLog.item.subarray(0, 7), time: trainLog.time.subarray(0, 7) });
  const identity = Int32Array.from([0, 1, 2, 3, 4]);
  const r = await evaluateModel(model, { test: testItems, history: train, tieOrder: identity });
  assert.deepEqual([...r.users], [0, 2, 3]);
  // u0 ranks [2,3,4] -> hit at 1; u2 ranks [0,3,4] -> hit at 2; u3 ranks [0,1,2,4] -> hit at 1.
  assert.deepEqual([...r.values['ndcg@10']].map((v) => +v.toFixed(6)), [1, +(1 / Math.log2(3)).toFixed(6), 1]);
  assert.deepEqual([...r.values.mrr], [1, 0.5, 1]);
  assert.deepEqual([...r.values['recall@20']], [1, 1, 1]);
  const s = summarise(r, { resamples: 200 });
  close(s.metrics['ndcg@10']!.value, (2 + 1 / Math.log2(3)) / 3);
  close(s.metrics['coverage@10']!.value, 1);
  // lists [2,3,4], [0,3,4], [0,1,2,4]: counts item0..4 = 2, 1, 2, 2, 3
  close(s.metrics['gini@10']!.value, 0.16);
  close(s.metrics['novelty@10']!.value, ((-Math.log2(3 / 5) - Math.log2(2 / 5) - Math.log2(1 / 5)) / 3 + (-Math.log2(3 / 5) - Math.log2(2 / 5) - Math.log2(1 / 5)) / 3 + (-3 * Math.log2(3 / 5) - Math.log2(1 / 5)) / 4) / 3);
  const ci = s.metrics['ndcg@10']!.ci;
  assert.ok(ci[0] <= s.metrics['ndcg@10']!.value && s.metrics['ndcg@10']!.value <= ci[1]);

  // Reversed tie order: u3's item 0 now ranks third behind items 2 and 1 (equal counts).
  const reversed = Int32Array.from([4, 3, 2, 1, 0]);
  const r2 = await evaluateModel(model, { test: testItems, history: train, tieOrder: reversed });
  close(r2.values['ndcg@10'][2]!, 0.5);
  close(r2.values.mrr[2]!, 1 / 3);
});

test('evaluation refuses data on another item index', async () => {
  const model = new PopularityRecommender();
  await model.fit(trainLog);
  await assert.rejects(evaluateModel(model, { test: matrixFromPairs(1, 3, [], []), history: matrixFromInteractions(trainLog) }), /same item index/);
});
