import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initTf } from '../../../src/core/runtime/backend';
import { installSegmentSum } from '../../../src/core/runtime/kernels';
import { Rng } from '../../../src/core/runtime/rng';

function randomTensor(rng: Rng, shape: number[]): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => rng.normal()), shape);
}

/** Runs f on a backend and returns its output values (tensors made inside are disposed). */
async function on(backend: string, f: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = tf.tidy(f);
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

function assertClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: lengths differ`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i]! - b[i]!) <= tol * (1 + Math.abs(b[i]!)), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
}

// The cpu segment sum is checked against its own original kernel before the fix replaces it.
let cpuOriginalSegmentSum: Float32Array;
const segX = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const segIds = [2, 0, 2, -1, 5, 0];

test('initTf picks wasm here, says why native backends were passed over, lists kernel fixes', async () => {
  await tf.setBackend('cpu');
  cpuOriginalSegmentSum = (await tf.unsortedSegmentSum(tf.tensor2d(segX, [6, 2]), tf.tensor1d(segIds, 'int32'), 4).data()) as Float32Array;
  const info = await initTf('auto');
  assert.equal(info.name, 'wasm');
  assert.ok(info.notes.some((n) => n.includes('@tensorflow/tfjs-node')), info.notes.join('; '));
  assert.ok(info.notes.some((n) => n.startsWith('BatchMatMul: transpose first')));
  assert.ok(info.notes.some((n) => n.startsWith('UnsortedSegmentSum')));
  assert.match(info.label, /wasm/);
});

test('wasm matMul with transpose flags equals the cpu result (plain, batched, fused)', async () => {
  await initTf('wasm');
  const rng = new Rng(1);
  const a2 = randomTensor(rng, [7, 5]);
  const b2 = randomTensor(rng, [7, 3]);
  const a3 = randomTensor(rng, [2, 5, 7]);
  const b3 = randomTensor(rng, [2, 3, 7]);
  const bias = randomTensor(rng, [3]);
  const cases: [string, () => tf.Tensor][] = [
    ['2d tA', () => tf.matMul(a2, b2, true, false)],
    ['2d tB', () => tf.matMul(b2, a2.transpose(), true, true)],
    ['3d tB', () => tf.matMul(a3, b3, false, true)],
    ['3d tA tB', () => tf.matMul(a3.transpose([0, 2, 1]), b3, true, true)],
    ['fused tA relu', () => tf.fused.matMul({ a: a2, b: b2, transposeA: true, bias, activation: 'relu' })],
  ];
  for (const [name, f] of cases) {
    const w = await on('wasm', f);
    const c = await on('cpu', f);
    assertClose(w, c, 1e-5, name);
  }
  await tf.setBackend('wasm');
  // The first call moves a3 and b3 back from the cpu backend: measure the second.
  tf.matMul(a3, b3, false, true).dispose();
  const before = tf.memory().numTensors;
  const ids = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
  tf.matMul(a3, b3, false, true).dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.equal((tf.backend() as unknown as { numDataIds(): number }).numDataIds(), ids, 'the transposed temporaries are freed');
  tf.dispose([a2, b2, a3, b3, bias]);
});

test('unsortedSegmentSum on wasm and cpu equals the hand-computed sums and the original cpu kernel', async () => {
  // Rows 1 and 5 go to segment 0, rows 0 and 2 to 2, row 4 to an out-of-range 5, row 3 to -1 (dropped).
  const expected = [3 + 11, 4 + 12, 0, 0, 1 + 5, 2 + 6, 0, 0];
  installSegmentSum('cpu');
  for (const backend of ['wasm', 'cpu']) {
    const got = await on(backend, () => tf.unsortedSegmentSum(tf.tensor2d(segX, [6, 2]), tf.tensor1d(segIds, 'int32'), 4));
    assert.deepEqual(Array.from(got), expected, backend);
  }
  assert.deepEqual(Array.from(cpuOriginalSegmentSum), expected);
  // A large case: wasm and cpu agree, and the sum of everything is kept (no id out of range).
  const rng = new Rng(2);
  const n = 20_000;
  const ids = Int32Array.from({ length: n }, () => rng.int(1000));
  const x = Float32Array.from({ length: n * 8 }, () => rng.normal());
  const w = await on('wasm', () => tf.unsortedSegmentSum(tf.tensor2d(x, [n, 8]), tf.tensor1d(ids, 'int32'), 1000));
  const c = await on('cpu', () => tf.unsortedSegmentSum(tf.tensor2d(x, [n, 8]), tf.tensor1d(ids, 'int32'), 1000));
  assertClose(w, c, 1e-5, 'large');
  const total = x.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - total) < 1e-2);
});

test('an embedding (tf.gather) trains on wasm, with the same gradient as on cpu', async () => {
  const rng = new Rng(3);
  const table0 = Float32Array.from({ length: 50 * 4 }, () => rng.normal() * 0.1);
  const idx = Int32Array.from({ length: 64 }, () => rng.int(50));
  const target = Float32Array.from({ length: 64 * 4 }, () => rng.normal());
  const grads: Float32Array[] = [];
  for (const backend of ['wasm', 'cpu']) {
    await tf.setBackend(backend);
    const emb = tf.variable(tf.tensor2d(table0, [50, 4]));
    const ids = tf.tensor1d(idx, 'int32');
    const y = tf.tensor2d(target, [64, 4]);
    const loss = (): tf.Scalar => tf.losses.meanSquaredError(y, tf.gather(emb, ids));
    const g = tf.tidy(() => tf.grad((e: tf.Tensor) => tf.losses.meanSquaredError(y, tf.gather(e, ids)))(emb));
    grads.push((await g.data()) as Float32Array);
    g.dispose();
    const opt = tf.train.adam(0.05);
    const first = tf.tidy(() => loss().dataSync()[0]!);
    for (let i = 0; i < 30; i++) opt.minimize(loss, true)?.dispose();
    const last = tf.tidy(() => loss().dataSync()[0]!);
    assert.ok(last < first * 0.7, `${backend}: loss ${first} -> ${last}`);
    opt.dispose();
    tf.dispose([emb, ids, y]);
  }
  assertClose(grads[0]!, grads[1]!, 1e-5, 'embedding gradient');
});
