import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLab } from '../../../src/core/recsys/lab';
import { chronologicalSplit } from '../../../src/core/recsys/split';
import type { Interactions } from '../../../src/core/data/interactions';
import { plantedLog, randomWalkSynthesizer } from './fixtures';

test('the synthesizer sees only training events, never the test period', async () => {
  const log = plantedLog(80, 30, 11);
  const split = { kind: 'time-cut', quantile: 0.75 } as const;
  const testStart = chronologicalSplit(log, split).testStart;
  const seen: Interactions[] = [];
  const lab = await runLab(log, {
    synthetic: randomWalkSynthesizer(5, (train) => seen.push(train)),
    models: ['popularity', 'itemknn'],
    keeps: [0.5, 1],
    ratios: [1],
    split,
    resamples: 50,
    seed: 3,
  });
  assert.equal(seen.length, 2);
  for (const train of seen) {
    assert.ok(Math.max(...train.time) < testStart, `generator saw ${Math.max(...train.time)} >= test start ${testStart}`);
  }
  // keep 0.5 hands over half of the training events.
  assert.ok(Math.abs(seen[0]!.user.length - seen[1]!.user.length / 2) <= 1);
  assert.equal(lab.protocol.testStart, new Date(testStart).toISOString());

  // 2 keeps x 2 models x (real, synthetic, augmented x1)
  assert.equal(lab.results.length, 12);
  for (const r of lab.results) {
    const v = r['ndcg@10']!;
    const [lo, hi] = r['ndcg@10_ci']!;
    assert.ok(lo <= v && v <= hi, `${r.model} ${r.training}: ${v} outside [${lo}, ${hi}]`);
    assert.ok(r['recall@20_ci'] && r['recall@20'] !== undefined);
    assert.equal(r.users, lab.protocol.users);
    assert.equal(r.byGroup.cold.users + r.byGroup.active.users, r.users);
    if (r.training === 'real') assert.equal(r.pValueVsReal, undefined);
    else {
      assert.ok(r.pValueVsReal! >= 0 && r.pValueVsReal! <= 1);
      assert.equal(r.significant, r.pValueVsReal! < 0.05);
    }
    if (r.training === 'augmented') assert.ok(Math.abs(r.ratio! - 1) < 0.05);
  }
  // Popularity trained on real vs itself would be identical; across trainings the lists differ.
  const realPop = lab.results.find((r) => r.model === 'popularity' && r.training === 'real' && r.keep === 1)!;
  assert.ok(realPop['coverage@10']! > 0 && realPop['gini@10']! > 0);
  assert.ok(realPop['ild@10']! > 0, 'item descriptions give a diversity figure');

  // The preview compares real-only and augmented top-10 lists, with descriptions.
  assert.ok(lab.preview && lab.preview.users.length > 0);
  const u = lab.preview.users[0]!;
  assert.equal(u.real.length, 10);
  assert.equal(u.augmented?.length, 10);
  assert.match(u.real[0]!.description!, /^(red|blue) /);
  assert.ok(u.history.length > 0 && u.history.every((h) => h.time !== undefined && h.time < lab.protocol.testStart));
  const json = JSON.parse(JSON.stringify(lab)) as { results: unknown[] };
  assert.equal(json.results.length, 12);
});

test('a supplied synthetic log is aligned by ids; unknown items are dropped and said so', async () => {
  const log = plantedLog(60, 20, 2);
  const synthetic = await randomWalkSynthesizer(1)(log);
  const withUnknown: Interactions = { ...synthetic, itemIds: synthetic.itemIds.map((id, i) => (i === 0 ? 'not-in-catalog' : id)) };
  const lab = await runLab(log, { synthetic: withUnknown, models: ['popularity'], keeps: [1], ratios: [0.5], resamples: 20 });
  assert.equal(lab.results.length, 3);
  assert.ok(lab.notes.some((n) => /cannot check/.test(n)));
  assert.ok(lab.notes.some((n) => /absent from the real catalog/.test(n)));
  const aug = lab.results.find((r) => r.training === 'augmented')!;
  assert.ok(Math.abs(aug.ratio! - 0.5) < 0.05);
});

test('real-only lab and argument errors', async () => {
  const log = plantedLog(40, 20, 4);
  const lab = await runLab(log, { models: ['popularity'], keeps: [0.25, 1], resamples: 20 });
  assert.deepEqual(lab.results.map((r) => [r.training, r.keep]), [['real', 0.25], ['real', 1]]);
  assert.equal(lab.preview?.users[0]?.augmented, null);
  await assert.rejects(runLab(log, { keeps: [0] }), /keep level/);
  await assert.rejects(runLab(log, { synthetic: log, ratios: [-1] }), /ratio must be positive/);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(runLab(log, { signal: controller.signal }), /cancelled/);
});
