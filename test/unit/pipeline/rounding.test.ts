import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalsOf, roundLikeReal } from '../../../src/core/pipeline/rounding';
import { makeTable } from '../../../src/core/data/table';

test('decimalsOf finds the precision the data is written with', () => {
  assert.equal(decimalsOf(Float64Array.from([1, 2, 3])), 0);
  assert.equal(decimalsOf(Float64Array.from([1.25, 0.1, 3])), 2);
  assert.equal(decimalsOf(Float64Array.from([0.85, 2.55, NaN, 12.75])), 2);
  assert.equal(decimalsOf(Float64Array.from([0.001])), 3);
  assert.equal(decimalsOf(Float64Array.from([Math.PI])), 6);
});

test('synthetic values take the real column precision; datetimes, integers and categories untouched', () => {
  const real = makeTable([
    { name: 'price', type: 'numerical', values: Float64Array.from([1.25, 0.85, 2.1]) },
    { name: 'n', type: 'numerical', values: Float64Array.from([1, 2, 3]), integer: true },
    { name: 't', type: 'datetime', values: Float64Array.from([1.5e12, 1.6e12, 1.7e12]) },
    { name: 'c', type: 'categorical', values: ['a', 'b', null] },
  ]);
  const synth = makeTable([
    { name: 'price', type: 'numerical', values: Float64Array.from([5.499092244716077, NaN, 0.004]) },
    { name: 'n', type: 'numerical', values: Float64Array.from([2, 3, 1]), integer: true },
    { name: 't', type: 'datetime', values: Float64Array.from([1.55e12 + 0.5, 1.6e12, 1.7e12]) },
    { name: 'c', type: 'categorical', values: ['b', 'a', 'a'] },
  ]);
  const out = roundLikeReal(real, synth);
  assert.deepEqual(Array.from(out.columns[0]!.values as Float64Array), [5.5, NaN, 0]);
  assert.equal(out.columns[1], synth.columns[1]);
  assert.equal(out.columns[2], synth.columns[2]);
  assert.equal(out.columns[3], synth.columns[3]);
});
