import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { StringColumn } from '../../../src/core/data/table';
import { getColumn } from '../../../src/core/data/table';
import { initTf } from '../../../src/core/runtime/backend';
import { Ctgan } from '../../../src/core/synth/neural/ctgan';
import { loadSynthesizer } from '../../../src/core/synth/registry';
import { copulaTable } from './fixtures';

const tiny = { batchSize: 50, pac: 10, embeddingDim: 16, generatorDims: [32, 32], discriminatorDims: [32, 32], validationFraction: 0 } as const;

test('CTGAN trains a few steps on wasm, streams losses once per step, leaks no tensors', async () => {
  await initTf('wasm');
  const t = copulaTable(300);
  const model = new Ctgan({ ...tiny, epochs: 3, seed: 1 });
  const events: Record<string, number>[] = [];
  await model.fit(t, { onProgress: (e) => e.losses && events.push({ ...e.losses }) });
  assert.equal(events.length, 3 * 6, 'one loss event per step (300 rows / batch 50 = 6 steps per epoch)');
  for (const e of events) {
    for (const k of ['generator', 'discriminator', 'gradient_penalty']) assert.ok(Number.isFinite(e[k]), `${k} = ${e[k]}`);
  }
  // A further fit (one step) must leave the tensor count as it was: everything inside tidy or disposed.
  const before = tf.memory().numTensors;
  const s = await model.sample(200);
  assert.equal(tf.memory().numTensors, before, 'sampling leaks no tensors');
  assert.equal(s.nRows, 200);
  model.dispose();
});

test('a CTGAN step leaves tf.memory().numTensors unchanged', async () => {
  await initTf('wasm');
  const t = copulaTable(200);
  const warm = new Ctgan({ ...tiny, epochs: 1, seed: 2 });
  await warm.fit(t);
  warm.dispose();
  const baseline = tf.memory().numTensors;
  const m = new Ctgan({ ...tiny, epochs: 2, seed: 2 });
  let afterFirstStep = -1;
  let afterLastStep = -1;
  await m.fit(t, {
    onProgress: (e) => {
      if (e.step === 1) afterFirstStep = tf.memory().numTensors;
      if (e.step === e.totalSteps) afterLastStep = tf.memory().numTensors;
    },
  });
  assert.ok(afterFirstStep > baseline, 'the model holds its variables');
  assert.equal(afterLastStep, afterFirstStep, 'no tensor is left behind by a training step');
  m.dispose();
  assert.equal(tf.memory().numTensors, baseline, 'dispose frees every variable');
});

test('CTGAN is seeded: same seed, same samples; save/load gives identical samples', async () => {
  await initTf('wasm');
  const t = copulaTable(200);
  const a = new Ctgan({ ...tiny, epochs: 2, seed: 3 });
  const b = new Ctgan({ ...tiny, epochs: 2, seed: 3 });
  await a.fit(t);
  await b.fit(t);
  const sa = await a.sample(100);
  assert.deepEqual(await b.sample(100), sa);
  const dir = await mkdtemp(join(tmpdir(), 'ctgan-'));
  try {
    await a.save(dir);
    const loaded = await loadSynthesizer(dir);
    assert.equal(loaded.kind, 'ctgan');
    assert.deepEqual(await loaded.sample(100), sa);
    assert.deepEqual(await loaded.sample(50, { seed: 9, conditions: { category: 'gift' } }), await a.sample(50, { seed: 9, conditions: { category: 'gift' } }));
    (loaded as Ctgan).dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
    a.dispose();
    b.dispose();
  }
});

test('CTGAN conditional sampling returns only the asked-for category; cancel stops training', async () => {
  await initTf('wasm');
  const t = copulaTable(300);
  const m = new Ctgan({ ...tiny, epochs: 2, seed: 4 });
  await m.fit(t);
  const s = await m.sample(100, { conditions: { category: 'garden' } });
  assert.equal(s.nRows, 100);
  assert.ok((getColumn(s, 'category') as StringColumn).values.every((v) => v === 'garden'));
  await assert.rejects(m.sample(10, { conditions: { category: 'toys' } }), /never occurs in column "category"/);
  m.dispose();
  const ctrl = new AbortController();
  const c = new Ctgan({ ...tiny, epochs: 50, seed: 5 });
  let steps = 0;
  await assert.rejects(
    c.fit(t, {
      signal: ctrl.signal,
      onProgress: (e) => {
        if (e.step !== undefined) steps = e.step;
        if (e.step === 3) ctrl.abort();
      },
    }),
    /cancelled/,
  );
  assert.equal(steps, 3, 'stops before the next step');
  await assert.rejects(c.sample(5), /not fitted yet/);
});

test('CTGAN with the hand-written penalty gradient trains too (finite losses, no leaks)', async () => {
  await initTf('wasm');
  const t = copulaTable(200);
  const m = new Ctgan({ ...tiny, epochs: 1, seed: 6, penaltyGradient: 'analytic' });
  const gps: number[] = [];
  await m.fit(t, { onProgress: (e) => e.losses && gps.push(e.losses.gradient_penalty!) });
  assert.equal(gps.length, 4);
  assert.ok(gps.every((g) => Number.isFinite(g) && g >= 0));
  m.dispose();
});
