// The report.json shape (computeReport, spread with the privacy gate count as the pipeline does)
// mapped to the dashboard's quality tab: per-column entries with charts, pair scores, privacy scores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeReport } from '../../../src/core/quality/computeReport';
import { toDashboardQuality } from '../../../src/extension/dashboardAdapters';
import { loadTable, metadata } from './goldenData';

test('toDashboardQuality reads the fixed report shape: columns, pair scores, privacy scores', async () => {
  const report = await computeReport(loadTable('items_real.csv'), loadTable('items_synth_noisy.csv'), metadata, {
    holdout: loadTable('items_holdout.csv'),
    seed: 5,
    dcrRows: 300,
    detectionRows: 300,
  });
  const reportJson = JSON.parse(JSON.stringify({ dataset: 'items.csv', privacyGate: { enabled: true, removedRows: 4 }, ...report })) as Record<string, unknown>;
  const d = toDashboardQuality(reportJson);
  assert.ok(d, 'the adapter accepted the report');
  const q = d.quality;
  assert.equal(q.overall, report.quality.overall);
  assert.equal(q.columnShapes, report.quality.columnShapes);
  assert.equal(q.columnPairTrends, report.quality.columnPairTrends);
  assert.deepEqual(
    q.columns?.map((c) => [c.name, c.metric, c.score, c.distribution?.kind]),
    report.quality.columnShapesDetails.map((c) => [c.column, c.metric, c.score, c.metric === 'KSComplement' ? 'histogram' : 'categories']),
  );
  const pairs = q.pairs;
  assert.ok(pairs?.scores);
  assert.equal(pairs.columns.length, 5);
  const i = pairs.columns.indexOf('n_lines');
  const j = pairs.columns.indexOf('n_customers');
  const detail = report.quality.columnPairTrendsDetails.find((p) => p.column1 === 'n_lines' && p.column2 === 'n_customers');
  assert.ok(detail && typeof detail.score === 'number');
  assert.equal(pairs.scores[i]![j], detail.score);
  assert.equal(pairs.scores[j]![i], detail.score);
  assert.equal(pairs.scores[i]![i], null);
  assert.deepEqual(
    [d.privacy?.newRowSynthesis, d.privacy?.dcrBaselineProtection, d.privacy?.dcrOverfittingProtection, d.privacy?.copiesRemoved],
    [report.privacy.newRowSynthesis, report.privacy.dcrBaselineProtection, report.privacy.dcrOverfittingProtection, 4],
  );
  assert.equal(d.privacy?.level, 'warning'); // 'caution'
  assert.equal(toDashboardQuality({ dataset: 'events.csv', behaviour: [] }), undefined, 'behaviour reports have no quality tab');
});
