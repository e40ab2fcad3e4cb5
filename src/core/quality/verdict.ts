/**
 * Turns the privacy metrics into a verdict a data scientist can act on, in plain words.
 * 'high-risk' needs direct evidence: synthetic rows that copy real rows (NewRowSynthesis) or rows
 * that sit closer to the training rows than to unseen holdout rows (memorisation). Closeness to
 * real rows alone (DCR baseline ratio, NNDR) raises at most 'caution': on skewed columns a
 * faithful synthesizer lands near real rows without copying any.
 */
import type { PrivacyBreakdown, PrivacyLevel, PrivacyVerdict } from './reportTypes';

const RANK: Record<PrivacyLevel, number> = { 'low-risk': 0, caution: 1, 'high-risk': 2 };

function pct(x: number): string {
  return `${(100 * x).toFixed(x < 0.01 && x > 0 ? 2 : 1)}%`;
}

export function privacyVerdict(p: PrivacyBreakdown, numericalMatchTolerance: number): PrivacyVerdict {
  let level: PrivacyLevel = 'low-risk';
  const findings: string[] = [];
  const causes: string[] = [];
  const raise = (to: PrivacyLevel, cause: string): void => {
    if (RANK[to] > RANK[level]) {
      level = to;
      causes.length = 0;
    }
    if (to === level) causes.push(cause);
  };
  const nrs = p.newRowSynthesis;
  if (nrs.score !== null) {
    const copied = nrs.numMatchedRows;
    const share = 1 - nrs.score;
    const rule = `numbers within ${pct(numericalMatchTolerance)}, categories equal`;
    if (copied === 0) findings.push(`No synthetic row copies a real row (${rule}).`);
    else {
      findings.push(`${copied.toLocaleString('en-US')} synthetic rows (${pct(share)}) copy a real row: ${rule}.`);
      raise(share > 0.05 ? 'high-risk' : 'caution', 'some synthetic rows copy real rows');
    }
  }
  const base = p.dcrBaselineProtection;
  if (base.score !== null) {
    const ratio = base.score;
    const line = `Synthetic rows sit at ${pct(ratio)} of the distance to the nearest real row that random rows would (median distance ${base.medianDcrToReal.syntheticData.toFixed(4)} vs ${base.medianDcrToReal.randomDataBaseline.toFixed(4)}).`;
    if (ratio < 0.2) {
      // Range-normalised distances shrink on skewed columns (most items have n_lines 1, 2, 3, ...
      // and a few have thousands), so a faithful synthesizer sits near real rows without copying
      // any: the ratio is a prompt to look at the copy and holdout checks, not proof of a leak.
      findings.push(
        `${line} A low ratio alone does not show copying: on skewed columns (many small counts, a few huge ones) any faithful synthesizer lands close to real rows in range-normalised distance; the copy and holdout checks tell copies and memorisation apart.`,
      );
      raise('caution', ratio < 0.05 ? 'synthetic rows sit almost on top of real rows, far closer than random rows would' : 'synthetic rows sit much closer to real rows than random rows would');
    } else findings.push(line);
  }
  const over = p.dcrOverfittingBalanced ?? p.dcrOverfittingProtection;
  if (over === null) findings.push('No holdout was given, so overfitting to the training rows could not be checked.');
  else if (over.score !== null) {
    const closer = over.syntheticDataPercentages.closerToTraining;
    const how = p.dcrOverfittingBalanced ? ` (training rows sampled to the holdout's ${p.dcrOverfittingBalanced.trainingRowsUsed.toLocaleString('en-US')})` : '';
    findings.push(`${pct(closer)} of synthetic rows are closer to a training row than to any holdout row${how}; about 50% is expected when the model did not memorise.`);
    if (closer > 0.8) raise('high-risk', 'synthetic rows are far closer to the training rows than to unseen rows (memorisation)');
    else if (closer > 0.6) raise('caution', 'synthetic rows lean towards the training rows rather than unseen rows');
  }
  const nndr = p.nndr;
  if (nndr.score !== null) {
    findings.push(`Median nearest-neighbour distance ratio ${nndr.score.toFixed(2)}; ${pct(nndr.shareBelowHalf)} of synthetic rows are much closer to one real row than to the next (ratio under 0.5).`);
    if (nndr.shareBelowHalf > 0.5) raise('caution', 'most synthetic rows point at one particular real row');
  }
  const why = causes.join('; ');
  const summary =
    level === 'low-risk'
      ? 'Low risk: the synthetic rows do not copy real rows and keep their distance from them.'
      : level === 'caution'
        ? `Caution: ${why}. Review the findings before sharing the data.`
        : `High risk: ${why}. Do not share it as is (keep the privacy gate on, or train with fewer epochs / more data).`;
  return { level, summary, findings };
}
