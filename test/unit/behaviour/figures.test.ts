import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  behaviourFigures,
  exactCopies,
  gini,
  interEventSeconds,
  ksStatistic,
  repeatPurchaseRate,
  sessionLengths,
  transitionSimilarity,
} from '../../../src/core/synth/behaviour/figures';
import { logOf } from './fixtures';

const S = 1000;
const close = (a: number, b: number, msg?: string): void => assert.ok(Math.abs(a - b) < 1e-9, `${msg ?? ''} ${a} vs ${b}`);

// real: A buys x, y, x at 0 s, 60 s and 2 h; B buys z once.
const real = logOf([
  { u: 'A', i: 'x', t: 0 },
  { u: 'A', i: 'y', t: 60 * S },
  { u: 'A', i: 'x', t: 7200 * S },
  { u: 'B', i: 'z', t: 0 },
]);
// synthetic: S1 buys x, y 60 s apart; S2 buys z (the same one-event history as B).
const synthetic = logOf([
  { u: 'S1', i: 'x', t: 0 },
  { u: 'S1', i: 'y', t: 60 * S },
  { u: 'S2', i: 'z', t: 5 * S },
]);

test('KS statistic handles ties and empty samples', () => {
  close(ksStatistic([1, 1, 2], [1, 2, 2]), 1 / 3);
  close(ksStatistic([1, 2, 3], [1, 2, 3]), 0);
  close(ksStatistic([1], [2]), 1);
  close(ksStatistic([], [1]), 1);
});

test('Gini is 0 for equal counts and matches the hand value for [2, 1, 1]', () => {
  close(gini([3, 3, 3]), 0);
  // sorted [1,1,2]: 2*(1*1+2*1+3*2)/(3*4) - 4/3 = 1/6
  close(gini([2, 1, 1]), 1 / 6);
  close(gini([]), 0);
});

test('sessions split at gaps over 30 minutes; inter-event gaps in seconds', () => {
  assert.deepEqual(sessionLengths(real), [2, 1, 1]);
  assert.deepEqual(Array.from(interEventSeconds(real)), [60, 7140]);
});

test('repeat-purchase rate counts (user, item) pairs bought at two distinct times', () => {
  close(repeatPurchaseRate(real).rate, 1 / 3);
  // Same time twice (one basket) is not a repeat.
  close(repeatPurchaseRate(logOf([{ u: 'A', i: 'x', t: 0 }, { u: 'A', i: 'x', t: 0 }])).rate, 0);
  // With event types, only order-like events count.
  const typed = logOf(
    [
      { u: 'A', i: 'x', t: 0, type: 'clicks' },
      { u: 'A', i: 'x', t: 1, type: 'clicks' },
      { u: 'A', i: 'x', t: 2, type: 'orders' },
    ],
    { types: ['clicks', 'orders'] },
  );
  const r = repeatPurchaseRate(typed);
  close(r.rate, 0);
  assert.match(r.basis, /orders/);
});

test('exact copies: only histories of two or more events count in share', () => {
  const c = exactCopies(real, synthetic);
  assert.deepEqual(c, { share: 0, copied: 0, users: 1, shareAllUsers: 0.5 });
  const copy = logOf([{ u: 'Z', i: 'x', t: 0 }, { u: 'Z', i: 'y', t: 1 }, { u: 'Z', i: 'x', t: 2 }]);
  assert.equal(exactCopies(real, copy).share, 1);
});

test('event-type transition similarity is 1 minus the mass-weighted total variation', () => {
  const types = ['click', 'cart', 'order'];
  const r = logOf(
    [
      { u: 'A', i: 'x', t: 0, type: 'click' },
      { u: 'A', i: 'x', t: 1, type: 'cart' },
      { u: 'A', i: 'x', t: 2, type: 'order' },
      { u: 'B', i: 'y', t: 0, type: 'click' },
      { u: 'B', i: 'y', t: 1, type: 'click' },
    ],
    { types },
  );
  const s = logOf(
    [
      { u: 'S', i: 'x', t: 0, type: 'click' },
      { u: 'S', i: 'x', t: 1, type: 'cart' },
      { u: 'S', i: 'x', t: 2, type: 'click' },
    ],
    { types },
  );
  const sim = transitionSimilarity(r, s);
  assert.ok(sim.score !== null);
  // click row: real [.5,.5,0] vs [0,1,0] -> TV .5, mass 2/3; cart row: [0,0,1] vs [1,0,0] -> TV 1, mass 1/3.
  close(sim.score, 1 - (2 / 3) * 0.5 - (1 / 3) * 1);
  close(transitionSimilarity(r, r).score!, 1);
  assert.deepEqual(transitionSimilarity(real, synthetic), { score: null, reason: 'the data has no event types' });
});

test('all figures together on the hand-worked pair', () => {
  const f = behaviourFigures(real, synthetic);
  // sessions real [2,1,1] vs synthetic [2,1]: CDF at 1 is 2/3 vs 1/2.
  close(f.sessionLength.ksComplement, 5 / 6);
  close(f.sessionLength.realMean, 4 / 3);
  // gaps real [60, 7140] vs synthetic [60]
  close(f.interEventTime.ksComplement, 0.5);
  assert.equal(f.interEventTime.realMedianSeconds, 3600);
  // popularity: real counts x2 y1 z1 -> head {x}, tail {y, z}; synthetic counts 1 each.
  close(f.itemPopularity.real.gini, 1 / 6);
  close(f.itemPopularity.synthetic.gini, 0);
  close(f.itemPopularity.real.top1PctShare, 0.5);
  close(f.itemPopularity.synthetic.top1PctShare, 1 / 3);
  close(f.itemPopularity.real.longTailEventShare, 0.5);
  close(f.itemPopularity.synthetic.longTailCoverage, 1);
  close(f.itemPopularity.synthetic.longTailEventShare, 2 / 3);
  assert.deepEqual(f.distinctItems, { real: 3, synthetic: 3, coverage: 1 });
  close(f.repeatPurchase.real, 1 / 3);
  close(f.repeatPurchase.synthetic, 0);
  close(f.repeatPurchase.score, 2 / 3);
  assert.equal(f.eventTypeTransitions.score, null);
  assert.equal(f.scores['sessionLength'], f.sessionLength.ksComplement);
  // The session histogram's shares sum to 1.
  close(f.sessionLength.real.reduce((a, b) => a + b, 0), 1);
  assert.doesNotThrow(() => JSON.stringify(f));
});
