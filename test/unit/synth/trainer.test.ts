import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../../src/core/synth/neural/params';
import { runTraining } from '../../../src/core/synth/neural/trainer';

/** A plan whose "weights" are the epoch counter and whose validation scores are scripted. */
function scripted(scores: number[], epochs: number, patience: number, evalEvery = 1) {
  let epoch = 0;
  let steps = 0;
  let restored: number | null = null;
  const plan = {
    model: 'fake',
    epochs,
    stepsPerEpoch: 2,
    evalEvery,
    patience,
    step: async () => {
      steps++;
      if (steps % 2 === 0) epoch++;
      return { loss: 1 / steps };
    },
    evaluate: (): number | null => (scores.length === 0 ? null : (scores[epoch - 1] ?? 0)),
    snapshot: (): Snapshot => new Map([['epoch', Float32Array.of(epoch)]]),
    restore: (s: Snapshot) => {
      restored = s.get('epoch')![0]!;
    },
  };
  return { plan, restored: () => restored };
}

test('keeps the best epoch and stops early only in the second half', async () => {
  // Best at epoch 3, then 4 validations without improvement (patience 4): epoch 7, which is in the
  // second half of 10 epochs, so training stops there and restores epoch 3.
  const s = scripted([0.1, 0.2, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 10, 4);
  const summary = await runTraining(s.plan);
  assert.equal(summary.stopReason, 'early-stopping');
  assert.equal(summary.bestEpoch, 3);
  assert.equal(summary.bestScore, 0.9);
  assert.equal(summary.epochs, 7);
  assert.equal(s.restored(), 3);
  assert.equal(summary.steps, 14);
  // Same scores, 20 epochs: epochs 4..7 are in the first half, so training goes on to epoch 10.
  const late = scripted([0.1, 0.2, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 20, 4);
  const s2 = await runTraining(late.plan);
  assert.equal(s2.epochs, 10);
  assert.equal(s2.bestEpoch, 3);
});

test('runs every epoch without validation scores, streams one progress event per step, honours cancel', async () => {
  const s = scripted([], 3, 2);
  const steps: number[] = [];
  const summary = await runTraining(s.plan, { onProgress: (e) => e.losses && steps.push(e.step!) });
  assert.equal(summary.stopReason, 'completed');
  assert.deepEqual(steps, [1, 2, 3, 4, 5, 6]);
  const ctrl = new AbortController();
  const c = scripted([], 5, 0);
  await assert.rejects(
    runTraining(c.plan, { signal: ctrl.signal, onProgress: (e) => e.step === 3 && ctrl.abort() }),
    /cancelled/,
  );
});
