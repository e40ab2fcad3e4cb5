/**
 * DCROverfittingProtection: are synthetic rows closer to the training rows than to a holdout the
 * model never saw? share = rows with DCR(real) strictly below DCR(holdout);
 * score = min(2 * (1 - share), 1).
 */
import { nearestDistances } from './dcr';
import type { PreparedTable } from './prepared';
import { notApplicable, type MetricDefinition } from './types';

export interface DCROverfittingProtectionBreakdown {
  readonly score: number;
  readonly syntheticDataPercentages: { readonly closerToTraining: number; readonly closerToHoldout: number };
}

export interface DCROverfittingProtectionOptions {
  /** DCR of each synthetic row to the training rows, when the caller already has it. */
  readonly syntheticToReal?: Float64Array;
  readonly syntheticToHoldout?: Float64Array;
}

export const DCROverfittingProtection: MetricDefinition<
  [PreparedTable, PreparedTable, PreparedTable, DCROverfittingProtectionOptions?],
  DCROverfittingProtectionBreakdown
> = {
  id: 'DCROverfittingProtection',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, holdout, options = {}) {
    if (real.nRows === 0 || synthetic.nRows === 0 || holdout.nRows === 0) {
      return notApplicable('DCROverfittingProtection needs rows in the real, synthetic and holdout tables.');
    }
    // Each distance uses the ranges of its own reference table, as SDMetrics does.
    const toReal = options.syntheticToReal ?? nearestDistances(real, synthetic).first;
    const toHoldout = options.syntheticToHoldout ?? nearestDistances(holdout, synthetic).first;
    let closer = 0;
    for (let i = 0; i < toReal.length; i++) if (toReal[i]! < toHoldout[i]!) closer++;
    const closerToTraining = closer / toReal.length;
    return {
      score: Math.min((1 - closerToTraining) * 2, 1),
      syntheticDataPercentages: { closerToTraining, closerToHoldout: 1 - closerToTraining },
    };
  },
};
