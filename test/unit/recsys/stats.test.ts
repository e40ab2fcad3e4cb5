import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrapMeanIntervals,
  incompleteBeta,
  normalSf,
  pairedTTest,
  quantileSorted,
  studentTTwoSided,
  wilcoxonSignedRank,
} from '../../../src/core/recsys/stats';
import { Rng } from '../../../src/core/runtime/rng';

const close = (a: number, b: number, tol: number): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b} (tol ${tol})`);

// Reference values from scipy 1.17 (stats.wilcoxon(zero_method='wilcox', correction=False,
// method='approx'), stats.ttest_rel, stats.t.sf, stats.norm.sf, special.betainc).
const a = [5, 2, 0, 3, 1, 9, 4, 4, 0, 7, 6, 3];
const b = [1, 2, 1, 5, 0, 3, 2, 6, 0, 1, 2, 4];

test('Wilcoxon signed-rank: zeros dropped, tied |d| averaged, tie-corrected variance (matches scipy)', () => {
  // d = [4,0,-1,-2,1,6,2,-2,0,6,4,-1]: n = 10 nonzero; W+ = 2 + 5 + 7.5*2 + 9.5*2 = 41, W- = 14
  // mean 27.5, variance 96.25 - (2*(27-3) + 2*(8-2))/48 = 95, z = 13.5 / sqrt(95)
  const r = wilcoxonSignedRank(a, b);
  assert.equal(r.n, 10);
  close(r.statistic, 13.5 / Math.sqrt(95), 1e-12);
  close(r.statistic, 1.385070775314958, 1e-9);
  close(r.pValue, 0.1660308270627835, 1e-6);
  const swapped = wilcoxonSignedRank(b, a);
  close(swapped.statistic, -r.statistic, 1e-12);
  close(swapped.pValue, r.pValue, 1e-12);
});

test('Wilcoxon with all differences zero gives p = 1', () => {
  const r = wilcoxonSignedRank([1, 2, 3], [1, 2, 3]);
  assert.equal(r.pValue, 1);
  assert.equal(r.n, 0);
  assert.throws(() => wilcoxonSignedRank([1], [1, 2]), /equal lengths/);
});

test('paired t-test matches scipy ttest_rel', () => {
  const r = pairedTTest(a, b);
  close(r.statistic, 1.6706420251266885, 1e-9);
  close(r.pValue, 0.12296828682310659, 1e-8);
  close(r.meanDifference, 17 / 12, 1e-12);
});

test('distribution tails: normal, Student t, incomplete beta', () => {
  close(normalSf(3), 0.0013498980316300933, 1e-9);
  close(normalSf(6) / 9.865876450376946e-10, 1, 1e-6);
  close(normalSf(-1), 1 - 0.15865525393145707, 1e-7);
  close(studentTTwoSided(2, 5), 0.10193947882985835, 1e-10);
  close(incompleteBeta(0.3, 2.5, 0.5), 0.018927124071945658, 1e-12);
});

test('bootstrap intervals cover the mean, shrink with more users, and repeat with the seed', () => {
  const rng = new Rng(1);
  const small = Float64Array.from({ length: 50 }, () => rng.uniform());
  const large = Float64Array.from({ length: 5000 }, () => rng.uniform());
  const mean = (xs: Float64Array): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [ciSmall] = bootstrapMeanIntervals([small], new Rng(2), 400);
  const [ciLarge] = bootstrapMeanIntervals([large], new Rng(2), 400);
  assert.ok(ciSmall![0] < mean(small) && mean(small) < ciSmall![1]);
  assert.ok(ciLarge![0] < mean(large) && mean(large) < ciLarge![1]);
  assert.ok(ciLarge![1] - ciLarge![0] < (ciSmall![1] - ciSmall![0]) / 4);
  // The interval width is close to 2 * 1.96 * sd / sqrt(n) with sd of U(0,1) = 0.2887
  close(ciLarge![1] - ciLarge![0], (2 * 1.96 * 0.2887) / Math.sqrt(5000), 0.002);
  assert.deepEqual(bootstrapMeanIntervals([small], new Rng(2), 400), [ciSmall]);
  close(quantileSorted([1, 2, 3, 4], 0.5), 2.5, 1e-12);
});
