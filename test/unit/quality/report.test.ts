// computeReport, renderReportHtml and `recsynth evaluate` on the golden tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTable } from '../../../src/core/data/table';
import { CancelledError } from '../../../src/core/runtime/progress';
import { computeReport } from '../../../src/core/quality/computeReport';
import { renderReportHtml } from '../../../src/core/report/html';
import { runEvaluate } from '../../../src/cli/evaluate';
import { UsageError } from '../../../src/cli/args';
import { expected, GOLDEN_DIR, loadTable, metadata, type Json } from './goldenData';

const real = loadTable('items_real.csv');
const noisy = loadTable('items_synth_noisy.csv');
const holdout = loadTable('items_holdout.csv');
const golden = expected.candidates.noisy;
const goldenReport = golden.QualityReport_single_table as Record<string, Json>;
const goldenProps = goldenReport.properties as Record<string, number>;

function hasNaN(x: unknown): boolean {
  if (typeof x === 'number') return Number.isNaN(x);
  if (Array.isArray(x)) return x.some(hasNaN);
  if (x !== null && typeof x === 'object') return Object.values(x).some(hasNaN);
  return false;
}

test('computeReport: quality equals the golden Quality Report, privacy sections, plain JSON', async () => {
  const events: number[] = [];
  const report = await computeReport(real, noisy, metadata, { holdout, seed: 7, onProgress: (e) => events.push(e.fraction ?? -1) });
  assert.ok(Math.abs(report.quality.overall! - (goldenReport.overall_score as number)) < 1e-9);
  assert.ok(Math.abs(report.quality.columnShapes! - goldenProps['Column Shapes']!) < 1e-9);
  assert.ok(Math.abs(report.quality.columnPairTrends! - goldenProps['Column Pair Trends']!) < 1e-9);
  assert.equal(report.quality.columnShapesDetails.length, 5);
  assert.equal(report.quality.columnPairTrendsDetails.length, 10);
  assert.equal(report.quality.realCorrelationThreshold, 0.5);
  assert.equal(report.quality.realAssociationThreshold, 0.3);
  const nrs = golden.NewRowSynthesis as Record<string, number>;
  assert.equal(report.privacy.newRowSynthesis, nrs.score);
  const b = report.privacy.breakdown;
  assert.deepEqual(b.newRowSynthesis, { score: nrs.score, numNewRows: nrs.num_new_rows, numMatchedRows: nrs.num_matched_rows });
  // All 1,500 synthetic rows fit under the DCR cap, so the overfitting numbers are SDMetrics' exactly.
  const over = golden.DCROverfittingProtection as Record<string, number>;
  assert.ok(report.privacy.dcrOverfittingProtection !== null);
  assert.ok(Math.abs(report.privacy.dcrOverfittingProtection - over.score!) < 1e-9);
  assert.ok(b.dcrOverfittingProtection !== null && b.dcrOverfittingProtection.score === report.privacy.dcrOverfittingProtection);
  assert.ok(b.dcrOverfittingBalanced !== null && b.dcrOverfittingBalanced.trainingRowsUsed === 1000);
  assert.equal(report.privacy.dcrOverfittingBalanced, b.dcrOverfittingBalanced.score);
  assert.equal(report.privacy.dcrBaselineProtection, b.dcrBaselineProtection.score);
  assert.equal(report.privacy.nndr, b.nndr.score);
  // 4 copies (0.3%) and a low DCR baseline ratio on skewed counts: worth a look, not proof of a leak.
  assert.equal(report.privacy.verdict.level, 'caution');
  assert.equal(report.charts.columns.length, 5);
  assert.equal(report.charts.pairs.columns.length, 5);
  const h = report.charts.columns[0]!;
  assert.equal(h.kind, 'histogram');
  assert.ok(Math.abs(h.real.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  assert.equal(report.validity.boundaryAdherence.length, 3);
  assert.equal(report.diversity.categories.length, 2);
  assert.ok(report.detection.logisticDetection.score !== null);
  assert.equal(report.consistency, null);
  assert.ok(!hasNaN(report), 'no NaN anywhere');
  assert.deepEqual(JSON.parse(JSON.stringify(report)).quality, report.quality);
  assert.equal(events.at(-1), 1);
});

test('computeReport: no holdout -> null overfitting; same seed -> same report', async () => {
  const a = await computeReport(real, noisy, metadata, { seed: 3, dcrRows: 400 });
  const b = await computeReport(real, noisy, metadata, { seed: 3, dcrRows: 400 });
  assert.equal(a.privacy.dcrOverfittingProtection, null);
  assert.equal(a.privacy.dcrOverfittingBalanced, null);
  assert.equal(a.privacy.breakdown.dcrOverfittingProtection, null);
  assert.equal(a.privacy.dcrRowsUsed, 400);
  assert.deepEqual({ ...a, timingsMs: {} }, { ...b, timingsMs: {} });
  assert.match(a.privacy.verdict.findings.join(' '), /No holdout/);
});

test('computeReport: subsamples big tables and honours an aborted signal', async () => {
  const small = await computeReport(real, noisy, metadata, { seed: 1, maxRows: 500, dcrRows: 100, detectionRows: 200 });
  assert.equal(small.rows.evaluatedReal, 500);
  assert.equal(small.rows.real, 1500);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(computeReport(real, noisy, metadata, { seed: 1, signal: controller.signal }), CancelledError);
});

test('computeReport: event tables get time-order and event-order checks', async () => {
  const mk = (types: string[], ts: number[]) =>
    makeTable([
      { name: 'session', type: 'categorical', values: ['s1', 's1', 's1', 's2'] },
      { name: 'ts', type: 'numerical', values: Float64Array.from(ts) },
      { name: 'type', type: 'categorical', values: types },
    ]);
  const r = mk(['clicks', 'carts', 'orders', 'clicks'], [1, 2, 3, 4]);
  const s = mk(['orders', 'clicks', 'carts', 'clicks'], [1, 2, 3, 9]);
  const md = { columns: { type: { sdtype: 'categorical' } } };
  const report = await computeReport(r, s, md, { seed: 1, events: { user: 'session', time: 'ts', event: 'type' } });
  assert.ok(report.consistency);
  assert.equal(report.consistency.timeOrder.real.score, 1);
  assert.equal(report.consistency.timeOrder.synthetic.score, 0.75); // ts 9 is outside the real span
  assert.equal(report.consistency.eventOrder?.real.score, 1);
  assert.equal(report.consistency.eventOrder?.synthetic.score, 0.5); // the order came first
});

test('renderReportHtml: self-contained, escapes user strings, shows the main numbers', async () => {
  const evil = '<script>alert(1)</script>';
  const r = makeTable([
    { name: evil, type: 'categorical', values: ['a', '<b>', 'a', 'c', 'a', '"q"'] },
    { name: 'x&y', type: 'numerical', values: Float64Array.from([1, 2, 3, 4, 5, 6]) },
  ]);
  const s = makeTable([
    { name: evil, type: 'categorical', values: ['a', '<b>', 'c', 'c', '<img src=x onerror=alert(1)>', 'a'] },
    { name: 'x&y', type: 'numerical', values: Float64Array.from([1, 2, 2, 4, 9, 6]) },
  ]);
  const report = await computeReport(r, s, undefined, { seed: 1 });
  const html = renderReportHtml(report, { title: `Report for ${evil}` });
  assert.ok(!html.includes('<script'), 'no script tag at all');
  assert.ok(!html.includes('<img'), 'no injected markup');
  assert.ok(!html.includes('<b>'));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('x&amp;y'));
  assert.ok(!/https?:\/\//.test(html.replaceAll('http://www.w3.org/2000/svg', '')), 'no network references');
  assert.ok(html.includes(report.quality.overall!.toFixed(3)));
  assert.ok(html.includes(report.quality.columnShapes!.toFixed(3)));
  assert.ok(html.includes(report.privacy.verdict.summary.replace(/'/g, '&#39;')));
  assert.ok(html.includes('<svg'));
});

function capture(): { io: { stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean } }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) } },
    out: () => out,
    err: () => err,
  };
}

test('recsynth evaluate prints a summary, writes HTML, rejects bad metadata and missing flags', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recsynth-eval-'));
  const html = join(dir, 'report.html');
  const c = capture();
  assert.equal(await runEvaluate(['--real', `${GOLDEN_DIR}/items_real.csv`, '--synthetic', `${GOLDEN_DIR}/items_synth_copy.csv`, '--html', html], c.io), 0);
  assert.match(c.out(), /Overall\s+0\.\d{3}/);
  assert.match(c.out(), /High risk: some synthetic rows copy real rows/);
  assert.match(readFileSync(html, 'utf8'), /<svg/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"columns": {"median_price": {"kind": "numerical"}}}');
  await assert.rejects(runEvaluate(['--real', `${GOLDEN_DIR}/items_real.csv`, '--synthetic', `${GOLDEN_DIR}/items_synth_noisy.csv`, '--metadata', bad], capture().io), /bad\.json.*columns\.median_price\.sdtype/);
  await assert.rejects(runEvaluate(['--synthetic', 'x.csv'], capture().io), UsageError);
});

test('computeReport: a table with nothing to score gives reasons, not errors', async () => {
  const t = makeTable([{ name: 'id', type: 'id', values: ['a', 'b', 'c'] }]);
  const report = await computeReport(t, t, undefined, { seed: 1 });
  assert.equal(report.quality.overall, null);
  assert.deepEqual(report.ignoredColumns, ['id']);
  assert.equal(report.privacy.newRowSynthesis, null);
  assert.equal(report.privacy.dcrBaselineProtection, null);
  assert.equal(report.privacy.nndr, null);
  const nrs = report.privacy.breakdown.newRowSynthesis;
  assert.ok(nrs.score === null && /No numerical or categorical column/.test(nrs.reason), JSON.stringify(nrs));
  assert.equal(report.detection.logisticDetection.score, null);
  assert.ok(!hasNaN(report));
  assert.match(renderReportHtml(report, { title: 'empty' }), /—/);
});

test('computeReport: datetime columns are scored like numbers and charted with dates', async () => {
  const day = 86_400_000;
  const base = Date.UTC(2011, 0, 1);
  const mk = (offset: number) =>
    makeTable([
      { name: 'when', type: 'datetime', values: Float64Array.from({ length: 40 }, (_, i) => base + (i + offset) * day) },
      { name: 'kind', type: 'categorical', values: Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 'a' : 'b')) },
    ]);
  const report = await computeReport(mk(0), mk(4), undefined, { seed: 2 });
  assert.equal(report.columns[0]!.sdtype, 'datetime');
  const ks = report.quality.columnShapesDetails[0]!;
  assert.equal(ks.metric, 'KSComplement');
  assert.ok(ks.score !== null && Math.abs(ks.score - 0.9) < 1e-12); // shifted by 4 of 40 days
  assert.match(renderReportHtml(report, { title: 't' }), /2011-01-01/);
});
