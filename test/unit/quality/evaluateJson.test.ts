// `recsynth evaluate --json` (issue 3): stdout is one JSON document whose headline keys are bare
// scores, equal to SDMetrics' golden numbers on the Online Retail item tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runEvaluate } from '../../../src/cli/evaluate';
import { expected, GOLDEN_DIR, type Json } from './goldenData';

const golden = expected.candidates.noisy;
const goldenReport = golden.QualityReport_single_table as Record<string, Json>;
const goldenProps = goldenReport.properties as Record<string, number>;
const goldenNrs = golden.NewRowSynthesis as Record<string, number>;
const goldenOver = golden.DCROverfittingProtection as { score: number; synthetic_data_percentages: { closer_to_training: number; closer_to_holdout: number } };

/** Runs the CLI with captured stdout and returns it parsed, after checking it is exactly one JSON document. */
async function evaluateJson(args: string[]): Promise<Record<string, Record<string, unknown>>> {
  let out = '';
  const io = { stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: () => true } };
  assert.equal(await runEvaluate(['--real', `${GOLDEN_DIR}/items_real.csv`, '--synthetic', `${GOLDEN_DIR}/items_synth_noisy.csv`, ...args, '--json'], io), 0);
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 1, 'stdout holds one JSON document on one line');
  return JSON.parse(lines[0]!) as Record<string, Record<string, unknown>>;
}

function assertClose(actual: unknown, want: number, label: string): void {
  assert.equal(typeof actual, 'number', `${label} should be a number, got ${JSON.stringify(actual)}`);
  assert.ok(Math.abs((actual as number) - want) < 1e-9, `${label}: ${String(actual)} vs golden ${want}`);
}

function assertUnitScore(actual: unknown, label: string): void {
  assert.equal(typeof actual, 'number', `${label} should be a number, got ${JSON.stringify(actual)}`);
  assert.ok((actual as number) >= 0 && (actual as number) <= 1, `${label} = ${String(actual)} is outside [0, 1]`);
}

test('evaluate --json with --holdout: the six headline keys are golden scores', async () => {
  const doc = await evaluateJson(['--holdout', `${GOLDEN_DIR}/items_holdout.csv`, '--metadata', `${GOLDEN_DIR}/metadata.json`]);
  const q = doc.quality!;
  const p = doc.privacy!;
  assertClose(q.overall, goldenReport.overall_score as number, 'quality.overall');
  assertClose(q.columnShapes, goldenProps['Column Shapes']!, 'quality.columnShapes');
  assertClose(q.columnPairTrends, goldenProps['Column Pair Trends']!, 'quality.columnPairTrends');
  assert.equal(p.newRowSynthesis, goldenNrs.score);
  // The CLI draws its own random baseline (not SDMetrics' numpy one), so only its range is fixed.
  assertUnitScore(p.dcrBaselineProtection, 'privacy.dcrBaselineProtection');
  assertClose(p.dcrOverfittingProtection, goldenOver.score, 'privacy.dcrOverfittingProtection');
  assertUnitScore(p.dcrOverfittingBalanced, 'privacy.dcrOverfittingBalanced');
  assertUnitScore(p.nndr, 'privacy.nndr');

  // The details sit beside the scores and keep what they held before.
  assert.equal((q.columnShapesDetails as unknown[]).length, 5);
  assert.equal((q.columnPairTrendsDetails as unknown[]).length, 10);
  assert.equal(q.realCorrelationThreshold, 0.5);
  assert.equal(q.realAssociationThreshold, 0.3);
  const b = p.breakdown as Record<string, Record<string, unknown> | null>;
  assert.deepEqual(b.newRowSynthesis, { score: goldenNrs.score, numNewRows: goldenNrs.num_new_rows, numMatchedRows: goldenNrs.num_matched_rows });
  const over = b.dcrOverfittingProtection as { score: number; syntheticDataPercentages: { closerToTraining: number; closerToHoldout: number } };
  assertClose(over.syntheticDataPercentages.closerToTraining, goldenOver.synthetic_data_percentages.closer_to_training, 'closerToTraining');
  assertClose(over.syntheticDataPercentages.closerToHoldout, goldenOver.synthetic_data_percentages.closer_to_holdout, 'closerToHoldout');
  assert.equal((b.dcrBaselineProtection as { score: number }).score, p.dcrBaselineProtection);
  assert.equal(typeof (b.dcrBaselineProtection as { medianDcrToReal: { randomDataBaseline: number } }).medianDcrToReal.randomDataBaseline, 'number');
  assert.equal((b.dcrOverfittingBalanced as { trainingRowsUsed: number }).trainingRowsUsed, 1000);
  assert.equal(typeof (b.nndr as { shareBelowHalf: number }).shareBelowHalf, 'number');
});

test('evaluate --json without --holdout: overfitting scores are null, types inferred from the real file', async () => {
  const doc = await evaluateJson([]);
  const q = doc.quality!;
  const p = doc.privacy!;
  // first_month ("2010-12") is inferred categorical, the counts numerical: same scores as with the metadata.
  assert.deepEqual(
    (doc.columns as unknown as { sdtype: string }[]).map((c) => c.sdtype),
    ['numerical', 'numerical', 'numerical', 'categorical', 'categorical'],
  );
  assertClose(q.overall, goldenReport.overall_score as number, 'quality.overall');
  assertClose(q.columnShapes, goldenProps['Column Shapes']!, 'quality.columnShapes');
  assertClose(q.columnPairTrends, goldenProps['Column Pair Trends']!, 'quality.columnPairTrends');
  assert.equal(p.newRowSynthesis, goldenNrs.score);
  assertUnitScore(p.dcrBaselineProtection, 'privacy.dcrBaselineProtection');
  assert.equal(p.dcrOverfittingProtection, null);
  assert.equal(p.dcrOverfittingBalanced, null);
  const b = p.breakdown as Record<string, unknown>;
  assert.equal(b.dcrOverfittingProtection, null);
  assert.equal(b.dcrOverfittingBalanced, null);
});
