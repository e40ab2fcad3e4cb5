import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  catalogCoverage,
  giniIndex,
  hitRateAt,
  intraListDiversity,
  ndcgAt,
  novelty,
  recallAt,
  reciprocalRank,
} from '../../../src/core/recsys/metrics';
import { itemTokens, jaccardDistance } from '../../../src/core/recsys/item-distance';
import { rankOf, topK, EXCLUDED } from '../../../src/core/recsys/ranking';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test('recall, hit rate and NDCG of one list, by hand', () => {
  const top = [3, 1, 4, 2, 0];
  const relevant = [1, 2];
  close(recallAt(top, relevant, 1), 0);
  close(recallAt(top, relevant, 2), 0.5);
  close(recallAt(top, relevant, 5), 1);
  assert.equal(hitRateAt(top, relevant, 1), 0);
  assert.equal(hitRateAt(top, relevant, 2), 1);
  // DCG@2 = 1/log2(3); ideal DCG@2 = 1 + 1/log2(3)
  close(ndcgAt(top, relevant, 2), 0.6309297535714575 / 1.6309297535714575);
  // DCG@5 = 1/log2(3) + 1/log2(5)
  close(ndcgAt(top, relevant, 5), (0.6309297535714575 + 0.43067655807339306) / 1.6309297535714575);
  // More relevant items than slots: the ideal list is capped at k.
  close(ndcgAt([7, 8], [7, 8, 9], 2), 1);
});

test('a user with no test items scores 0 everywhere (and the evaluator leaves them out)', () => {
  assert.equal(recallAt([1, 2], [], 10), 0);
  assert.equal(ndcgAt([1, 2], [], 10), 0);
  assert.equal(hitRateAt([1, 2], [], 10), 0);
});

test('reciprocal rank: 1/rank, and 0 when no relevant item can be ranked', () => {
  assert.equal(reciprocalRank(4), 0.25);
  assert.equal(reciprocalRank(Number.POSITIVE_INFINITY), 0);
});

test('topK breaks ties by the given order, skips excluded items, and rankOf agrees', () => {
  const scores = Float32Array.from([2, 5, 2, EXCLUDED, 2, Number.NaN]);
  assert.deepEqual([...topK(scores, 3)], [1, 0, 2]);
  const reversed = Int32Array.from([5, 4, 3, 2, 1, 0]);
  assert.deepEqual([...topK(scores, 3, reversed)], [1, 4, 2]);
  assert.deepEqual([...topK(scores, 10)], [1, 0, 2, 4]);
  assert.equal(rankOf(scores, 4), 4);
  assert.equal(rankOf(scores, 4, reversed), 2);
  assert.equal(rankOf(scores, 3), Number.POSITIVE_INFINITY);
});

test('coverage and Gini of recommendation counts, by hand', () => {
  close(catalogCoverage([2, 1, 0, 0]), 0.5);
  // sorted [1,2,2,2,3]: sum (2i-n-1) x = -4 -4 +0 +4 +12 = 8; G = 8 / (5 * 10)
  close(giniIndex([2, 1, 2, 2, 3]), 0.16);
  close(giniIndex([4, 4, 4]), 0);
  // One item takes every slot among n: G = (n-1)/n
  close(giniIndex([0, 0, 0, 9]), 0.75);
  assert.equal(giniIndex([0, 0]), 0);
});

test('novelty is the mean self-information of the listed items (add-one smoothed)', () => {
  // 4 users; items bought by 2, 1 and 0 of them
  const expected = (-Math.log2(3 / 5) - Math.log2(2 / 5) - Math.log2(1 / 5)) / 3;
  close(novelty([2, 3, 4], [2, 2, 2, 1, 0], 4), expected);
});

test('intra-list diversity by item features: Jaccard distance of word, category and price tokens', () => {
  const tokens = itemTokens(
    { Description: ['red mug', 'red lamp', 'blue lamp', null], Country: ['UK', 'UK', 'FR', 'UK'] },
    4,
  );
  // item0 {red, mug, UK}, item1 {red, lamp, UK}: 2 shared of 4 -> 0.5
  close(jaccardDistance(tokens[0]!, tokens[1]!), 0.5);
  // item1 {red, lamp, UK}, item2 {blue, lamp, FR}: 1 shared of 5 -> 0.8
  close(jaccardDistance(tokens[1]!, tokens[2]!), 0.8);
  // item0 vs item2: nothing shared -> 1
  close(jaccardDistance(tokens[0]!, tokens[2]!), 1);
  const d = (a: number, b: number): number => jaccardDistance(tokens[a]!, tokens[b]!);
  close(intraListDiversity([0, 1, 2], d), (0.5 + 0.8 + 1) / 3);
  assert.equal(intraListDiversity([0], d), 0);
  assert.throws(() => itemTokens({ Description: ['a'] }, 2), /1 values for 2 items/);
});
