import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, WeightedSampler } from '../../../src/core/runtime/rng';

test('same seed gives the same stream; different seeds differ', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xa = Array.from({ length: 5 }, () => a.nextUint32());
  const xb = Array.from({ length: 5 }, () => b.nextUint32());
  const xc = Array.from({ length: 5 }, () => c.nextUint32());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, xc);
});

test('uniform and normal have the right moments (tolerance 5 standard errors)', () => {
  const r = new Rng(7);
  const n = 100_000;
  let su = 0;
  let sn = 0;
  let sn2 = 0;
  for (let i = 0; i < n; i++) {
    const u = r.uniform();
    assert.ok(u >= 0 && u < 1);
    su += u;
    const z = r.normal();
    sn += z;
    sn2 += z * z;
  }
  // mean of U(0,1) is 1/2 with sd sqrt(1/12); the standard error of the mean is sd/sqrt(n)
  assert.ok(Math.abs(su / n - 0.5) < 5 * Math.sqrt(1 / 12 / n));
  assert.ok(Math.abs(sn / n) < 5 / Math.sqrt(n));
  // variance of a chi-square(1)/n average: sd sqrt(2/n)
  assert.ok(Math.abs(sn2 / n - 1) < 5 * Math.sqrt(2 / n));
});

test('weighted sampler follows the weights and never draws a zero weight', () => {
  const r = new Rng(1);
  const s = new WeightedSampler([1, 0, 3]);
  const counts = [0, 0, 0];
  const n = 40_000;
  for (let i = 0; i < n; i++) counts[s.draw(r)]!++;
  assert.equal(counts[1], 0);
  const p = counts[2]! / n;
  assert.ok(Math.abs(p - 0.75) < 5 * Math.sqrt((0.75 * 0.25) / n));
  assert.throws(() => new WeightedSampler([0, 0]), /All weights are zero/);
});
