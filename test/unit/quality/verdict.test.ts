// privacyVerdict on hand-built metric breakdowns: which evidence raises which level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PrivacyBreakdown } from '../../../src/core/quality/reportTypes';
import { privacyVerdict } from '../../../src/core/quality/verdict';

const TOLERANCE = 0.01;

/** 1,000 synthetic rows, none copied, far from real rows, no holdout; override what a case needs. */
function breakdown(over: Partial<PrivacyBreakdown> = {}): PrivacyBreakdown {
  return {
    newRowSynthesis: { score: 1, numNewRows: 1000, numMatchedRows: 0 },
    dcrBaselineProtection: { score: 0.6, medianDcrToReal: { syntheticData: 0.18, randomDataBaseline: 0.3 } },
    dcrOverfittingProtection: null,
    dcrOverfittingBalanced: null,
    nndr: { score: 0.8, p5: 0.3, shareBelowHalf: 0.1 },
    ...over,
  };
}

const overfitting = (closerToTraining: number) => ({
  score: Math.min(1, 2 * (1 - closerToTraining)),
  syntheticDataPercentages: { closerToTraining, closerToHoldout: 1 - closerToTraining },
});

test('privacyVerdict: no copies, far from real rows, no holdout -> low risk, says the holdout is missing', () => {
  const v = privacyVerdict(breakdown(), TOLERANCE);
  assert.equal(v.level, 'low-risk');
  assert.match(v.findings.join(' '), /No synthetic row copies a real row \(numbers within 1\.0%, categories equal\)/);
  assert.match(v.findings.join(' '), /No holdout was given/);
  assert.doesNotMatch(v.findings.join(' '), /skewed/);
});

test('privacyVerdict: a tiny DCR baseline ratio alone is caution, with the skewed-data explanation', () => {
  // The golden noisy candidate's numbers: ratio 0.0066, no copies, ~55% closer to training.
  const v = privacyVerdict(
    breakdown({
      dcrBaselineProtection: { score: 0.0066, medianDcrToReal: { syntheticData: 0.0024, randomDataBaseline: 0.358 } },
      dcrOverfittingProtection: overfitting(0.552),
      dcrOverfittingBalanced: { ...overfitting(0.5), trainingRowsUsed: 1000 },
    }),
    TOLERANCE,
  );
  assert.equal(v.level, 'caution');
  assert.match(v.summary, /^Caution: synthetic rows sit almost on top of real rows/);
  const line = v.findings.find((f) => f.startsWith('Synthetic rows sit at 0.66%'));
  assert.ok(line, v.findings.join('\n'));
  assert.match(line, /does not show copying: on skewed columns/);
  assert.match(v.findings.join(' '), /50\.0% of synthetic rows are closer to a training row .* sampled to the holdout's 1,000/);
});

test('privacyVerdict: a moderate DCR baseline ratio (0.05-0.2) is caution too', () => {
  const v = privacyVerdict(breakdown({ dcrBaselineProtection: { score: 0.1, medianDcrToReal: { syntheticData: 0.03, randomDataBaseline: 0.3 } } }), TOLERANCE);
  assert.equal(v.level, 'caution');
  assert.match(v.summary, /much closer to real rows than random rows would/);
});

test('privacyVerdict: more than 5% copied rows is high risk, even when distances look fine', () => {
  const v = privacyVerdict(breakdown({ newRowSynthesis: { score: 0.94, numNewRows: 940, numMatchedRows: 60 } }), TOLERANCE);
  assert.equal(v.level, 'high-risk');
  assert.match(v.summary, /^High risk: some synthetic rows copy real rows\./);
  assert.match(v.findings[0]!, /^60 synthetic rows \(6\.0%\) copy a real row/);
});

test('privacyVerdict: up to 5% copied rows is caution', () => {
  const v = privacyVerdict(breakdown({ newRowSynthesis: { score: 0.996, numNewRows: 996, numMatchedRows: 4 } }), TOLERANCE);
  assert.equal(v.level, 'caution');
  assert.match(v.findings[0]!, /^4 synthetic rows \(0\.40%\) copy a real row/);
});

test('privacyVerdict: copies plus a low ratio name only the high-risk cause', () => {
  const v = privacyVerdict(
    breakdown({
      newRowSynthesis: { score: 0, numNewRows: 0, numMatchedRows: 1000 },
      dcrBaselineProtection: { score: 0, medianDcrToReal: { syntheticData: 0, randomDataBaseline: 0.35 } },
    }),
    TOLERANCE,
  );
  assert.equal(v.level, 'high-risk');
  assert.equal(v.summary.match(/almost on top/), null);
});

test('privacyVerdict: memorisation (balanced share > 0.8 closer to training) is high risk; the balanced share wins', () => {
  const memorised = privacyVerdict(breakdown({ dcrOverfittingProtection: overfitting(0.9), dcrOverfittingBalanced: { ...overfitting(0.85), trainingRowsUsed: 500 } }), TOLERANCE);
  assert.equal(memorised.level, 'high-risk');
  assert.match(memorised.summary, /memorisation/);
  // A training table twice the holdout's size is closer to everything; the size-matched share is what counts.
  const biggerTraining = privacyVerdict(breakdown({ dcrOverfittingProtection: overfitting(0.9), dcrOverfittingBalanced: { ...overfitting(0.52), trainingRowsUsed: 500 } }), TOLERANCE);
  assert.equal(biggerTraining.level, 'low-risk');
  // Without a balanced share the plain one is used; 0.6-0.8 leans towards training: caution.
  assert.equal(privacyVerdict(breakdown({ dcrOverfittingProtection: overfitting(0.7) }), TOLERANCE).level, 'caution');
});

test('privacyVerdict: most rows singling out one real row (NNDR) is caution', () => {
  const v = privacyVerdict(breakdown({ nndr: { score: 0.3, p5: 0.01, shareBelowHalf: 0.7 } }), TOLERANCE);
  assert.equal(v.level, 'caution');
  assert.match(v.summary, /point at one particular real row/);
});

test('privacyVerdict: metrics that do not apply add no finding and no risk', () => {
  const na = { score: null, reason: 'No numerical or categorical column to compare rows on.' } as const;
  const v = privacyVerdict(breakdown({ newRowSynthesis: na, dcrBaselineProtection: na, nndr: na }), TOLERANCE);
  assert.equal(v.level, 'low-risk');
  assert.deepEqual(v.findings, ['No holdout was given, so overfitting to the training rows could not be checked.']);
});
