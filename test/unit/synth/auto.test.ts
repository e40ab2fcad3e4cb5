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
