import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../../../src/core/runtime/backend';
import { Rng } from '../../../src/core/runtime/rng';
import { autodiffInputGradient, discriminate, inputGradient, penaltyFromGradient } from '../../../src/core/synth/neural/discriminator';

function rand(rng: Rng, shape: number[], scale = 0.3): tf.Tensor {
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * scale), shape);
}

test('hand-written penalty gradient equals tfjs double backpropagation (input gradient and weight gradients)', async () => {
  await initTf('wasm');
  const rng = new Rng(1);
  const layers = [
    { w: tf.variable(rand(rng, [12, 8]) as tf.Tensor2D), b: tf.variable(rand(rng, [8]) as tf.Tensor1D) },
    { w: tf.variable(rand(rng, [8, 8]) as tf.Tensor2D), b: tf.variable(rand(rng, [8]) as tf.Tensor1D) },
    { w: tf.variable(rand(rng, [8, 1]) as tf.Tensor2D), b: tf.variable(rand(rng, [1]) as tf.Tensor1D) },
  ];
  const x = rand(rng, [5, 12], 1) as tf.Tensor2D;
  const masks = [0, 1].map(() => tf.tensor2d(Float32Array.from({ length: 40 }, () => (rng.uniform() < 0.5 ? 0 : 2)), [5, 8]));
  const analytic = tf.tidy(() => inputGradient(layers, discriminate(layers, x, masks).pre, masks));
  const auto = tf.tidy(() => autodiffInputGradient(layers, x, masks));
  const a = await analytic.data();
  const b = await auto.data();
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `input gradient ${i}: ${a[i]} vs ${b[i]}`);
  const vars = layers.flatMap((l) => [l.w, l.b]);
  const gradsOf = (mode: 'analytic' | 'autodiff'): Float32Array[] =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const g = mode === 'analytic' ? inputGradient(layers, discriminate(layers, x, masks).pre, masks) : autodiffInputGradient(layers, x, masks);
        return penaltyFromGradient(g, 10);
      }, vars);
      // A variable the penalty does not depend on (the output bias) has no entry: zeros.
      return vars.map((v) => (grads[v.name] ? (grads[v.name]!.dataSync() as Float32Array) : new Float32Array(v.size)));
    });
  const ga = gradsOf('analytic');
  const gb = gradsOf('autodiff');
  ga.forEach((arr, k) => arr.forEach((v, i) => assert.ok(Math.abs(v - gb[k]![i]!) < 1e-4 * (1 + Math.abs(v)), `param ${k}[${i}]: ${v} vs ${gb[k]![i]}`)));
  tf.dispose([analytic, auto, x, ...masks, ...vars]);
});
