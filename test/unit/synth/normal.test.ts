import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, normalQuantile, truncatedNormal } from '../../../src/core/synth/math/normal';
import { Rng } from '../../../src/core/runtime/rng';

test('normalCdf matches reference values, including far tails (relative error 1e-12)', () => {
  // Values from scipy.stats.norm.cdf / R pnorm.
  const cases: [number, number][] = [
    [0, 0.5],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [-2.5, 0.006209665325776132],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160527e-24],
  ];
  for (const [x, p] of cases) {
    const got = normalCdf(x);
    assert.ok(Math.abs(got - p) <= 1e-12 * p, `Phi(${x}) = ${got}, expected ${p}`);
  }
});

test('normalQuantile inverts normalCdf across the range', () => {
  for (const p of [1e-15, 1e-9, 1e-4, 0.02, 0.3, 0.5, 0.7, 0.975, 1 - 1e-9]) {
    const z = normalQuantile(p);
    const back = normalCdf(z);
    assert.ok(Math.abs(back - p) <= 1e-12 * Math.min(p, 1 - p) + 1e-16, `p=${p} z=${z} back=${back}`);
  }
  assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-12);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
});

test('truncatedNormal stays inside its interval, also far in a tail', () => {
  const rng = new Rng(3);
  let sum = 0;
  for (let i = 0; i < 2000; i++) {
    const z = truncatedNormal(rng, 6, 7);
    assert.ok(z >= 6 && z <= 7);
    sum += z;
  }
  // The mean of N(0,1) truncated to [6, inf) is pdf(6)/sf(6) = 6.1584; [6,7] is nearly the same.
  assert.ok(Math.abs(sum / 2000 - 6.158) < 0.02, `mean ${sum / 2000}`);
  for (let i = 0; i < 100; i++) {
    const z = truncatedNormal(rng, -Infinity, -1);
    assert.ok(z <= -1);
  }
});
