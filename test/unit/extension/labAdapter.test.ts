// The lab's result (src/core/recsys/lab.ts) as the dashboard receives it: every row with its
// metrics, intervals and p-value, validated by the webview protocol, and the recommendation preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runLab } from '../../../src/core/recsys/lab';
import { toDashboardLab, toDashboardBehaviour } from '../../../src/extension/dashboardAdapters';
import { parseHostMessage } from '../../../src/protocol/webview';
import { behaviourFigures } from '../../../src/core/synth/behaviour';
import { plantedLog, randomWalkSynthesizer } from '../recsys/fixtures';

test('lab results become a valid labResult message with intervals, p-values and the preview', async () => {
  const lab = await runLab(plantedLog(80, 30, 11), {
    synthetic: randomWalkSynthesizer(2),
    models: ['popularity', 'itemknn'],
    keeps: [1],
    ratios: [1],
    split: { kind: 'time-cut', quantile: 0.75 },
    resamples: 30,
    seed: 1,
  });
  const msg = toDashboardLab(lab);
  assert.equal(msg.type, 'labResult');
  assert.equal(parseHostMessage(msg).ok, true);
  if (msg.type !== 'labResult') return;
  assert.equal(msg.results.length, lab.results.length);
  msg.results.forEach((row, i) => {
    const src = lab.results[i]!;
    assert.equal(row.model, src.model);
    assert.equal(row.training, src.training);
    const ndcg = row.metrics['ndcg@10']!;
    assert.equal(ndcg.value, src['ndcg@10']);
    assert.deepEqual([ndcg.low, ndcg.high], src['ndcg@10_ci']);
    assert.equal(ndcg.pValue, src.pValueVsReal);
    assert.equal(row.metrics['recall@20']!.value, src['recall@20']);
  });
  assert.equal(msg.metrics?.[0], 'ndcg@10');
  assert.ok((msg.preview?.users.length ?? 0) > 0, 'the preview lists users');
  const u = msg.preview!.users[0]!;
  assert.ok(u.realOnly.length > 0 && u.realOnly.length <= 10);
});

test('an unreadable lab result is reported, not sent half-formed', () => {
  const msg = toDashboardLab({ results: [{ model: 'bpr', training: 'dreamt', keep: 2 }] });
  assert.equal(msg.type, 'labFailed');
});

test('behaviour figures become dashboard figures with real and synthetic series', () => {
  const real = plantedLog(30, 12, 1);
  const synthetic = plantedLog(30, 12, 2);
  const out = toDashboardBehaviour(behaviourFigures(real, synthetic));
  assert.ok(out);
  const titles = out.figures.map((f) => f.title);
  assert.ok(titles.some((t) => t.startsWith('Session length')));
  assert.ok(titles.some((t) => t.startsWith('Item popularity curve')));
  const session = out.figures.find((f) => f.title.startsWith('Session length'))!;
  assert.deepEqual(session.series.map((s) => s.name), ['real', 'synthetic']);
  const sum = (xs: readonly (number | null)[]): number => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
  assert.ok(Math.abs(sum(session.series[0]!.values) - 1) < 1e-9, 'real session-length shares sum to 1');
});
