import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../../../src/core/runtime/backend';
import { Rng } from '../../../src/core/runtime/rng';
import { FusedAdam } from '../../../src/core/synth/neural/fused-adam';

test('FusedAdam takes the same steps as tf.train.adam, and frees its temporaries', async () => {
  await initTf('wasm');
  const rng = new Rng(1);
  const init = [Float32Array.from({ length: 12 }, () => rng.normal()), Float32Array.from({ length: 3 }, () => rng.normal())];
  const target = tf.tensor2d(Float32Array.from({ length: 8 }, () => rng.normal()), [4, 2]);
  const x = tf.tensor2d(Float32Array.from({ length: 24 }, () => rng.normal()), [4, 6]);
  const run = (fused: boolean): Float32Array[] => {
    const w = tf.variable(tf.tensor2d(init[0]!, [6, 2]));
    const b = tf.variable(tf.tensor1d(init[1]!));
    const unused = tf.variable(tf.zeros([2]));
    const loss = (): tf.Scalar => tf.losses.meanSquaredError(target, tf.add(tf.matMul(x, w), tf.slice(b, [0], [2])));
    if (fused) {
      const opt = new FusedAdam([w, b, unused], 0.05, 0.5, 0.9, 1e-7);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) opt.minimize(loss);
      assert.equal(tf.memory().numTensors, before);
      opt.dispose();
    } else {
      const opt = tf.train.adam(0.05, 0.5, 0.9, 1e-7);
      for (let i = 0; i < 20; i++) opt.minimize(loss, false, [w, b])?.dispose();
      opt.dispose();
    }
    const out = [w.dataSync() as Float32Array, b.dataSync() as Float32Array, unused.dataSync() as Float32Array].map((a) => Float32Array.from(a));
    tf.dispose([w, b, unused]);
    return out;
  };
  const a = run(true);
  const r = run(false);
  for (let k = 0; k < 2; k++) a[k]!.forEach((v, i) => assert.ok(Math.abs(v - r[k]![i]!) < 1e-4, `var ${k}[${i}]: ${v} vs ${r[k]![i]}`));
  assert.deepEqual(Array.from(a[2]!), [0, 0], 'a variable without gradient stays put');
  tf.dispose([target, x]);
});
