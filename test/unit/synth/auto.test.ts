import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitAuto, splitRows } from '../../../src/core/synth/auto';
import { copulaTable } from './fixtures';

test('splitRows is seeded, disjoint and covers the table', () => {
  const t = copulaTable(500);
  const a = splitRows(t, 0.2, 3);
  const b = splitRows(t, 0.2, 3);
  assert.equal(a.validation.nRows, 100);
  assert.equal(a.train.nRows, 400);
  assert.deepEqual(a.validation, b.validation);
  const ids = (x: typeof a.train): string[] => (x.columns.find((c) => c.name === 'id')!.values as (string | null)[]).map(String);
  const all = new Set([...ids(a.train), ...ids(a.validation)]);
  assert.equal(all.size, 500);
});

test('fitAuto scores each candidate on the validation split and says why it chose', async () => {
  const t = copulaTable(1000);
  const { model, selection } = await fitAuto(t, { seed: 1, candidates: ['copula'] });
  assert.equal(selection.chosen, 'copula');
  assert.equal(model.kind, 'copula');
  const c = selection.candidates[0]!;
  assert.equal(c.status, 'scored');
  assert.ok(c.score! > 0.8 && c.score! <= 1, `score ${c.score}`);
  assert.match(selection.reason, /copula/);
  assert.equal(selection.validationRows, 200);
});

test('fitAuto with every model: all scored, the best kept, the losers freed', async () => {
  const tf = await import('@tensorflow/tfjs');
  const { initTf } = await import('../../../src/core/runtime/backend');
  await initTf('wasm');
  const before = tf.memory().numTensors;
  const t = copulaTable(600);
  const small = { batchSize: 50, embeddingDim: 8, generatorDims: [16, 16], discriminatorDims: [16, 16], compressDims: [16], decompressDims: [16], validationFraction: 0 };
  const { model, selection } = await fitAuto(t, { seed: 2, epochs: 1, modelOptions: { ctgan: small, tvae: small } });
  assert.deepEqual(
    selection.candidates.map((c) => [c.kind, c.status]),
    [
      ['copula', 'scored'],
      ['ctgan', 'scored'],
      ['tvae', 'scored'],
    ],
  );
  const best = selection.candidates.reduce((a, b) => (b.score! > a.score! ? b : a));
  assert.equal(selection.chosen, best.kind);
  assert.equal(model.kind, best.kind);
  for (const k of ['ctgan', 'tvae']) if (k !== best.kind) assert.match(selection.reason, new RegExp(`${k} \\d\\.\\d{3}`));
  (model as { dispose?: () => void }).dispose?.();
  assert.equal(tf.memory().numTensors, before, 'no model tensors are left behind');
});
