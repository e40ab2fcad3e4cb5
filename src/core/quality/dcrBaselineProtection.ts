/**
 * DCRBaselineProtection: how far synthetic rows sit from real rows, relative to rows drawn at
 * random within the real data's support: min(median DCR(synthetic -> real) / median DCR(random -> real), 1).
 */
import { Rng } from '../runtime/rng';
import { nearestDistances } from './dcr';
import type { PreparedTable } from './prepared';
import { randomBaselineTable } from './randomBaseline';
import { median } from './stats';
import { notApplicable, type MetricDefinition } from './types';

export interface DCRBaselineProtectionOptions {
  /** The random table to compare against; drawn from `seed` when absent. */
  readonly randomBaseline?: PreparedTable;
  readonly seed?: number;
  /** DCR of each synthetic row to real, when the caller already has it (saves a search). */
  readonly syntheticToReal?: Float64Array;
}

export interface DCRBaselineProtectionBreakdown {
  readonly score: number;
  readonly medianDcrToReal: { readonly syntheticData: number; readonly randomDataBaseline: number };
}

export const DCRBaselineProtection: MetricDefinition<[PreparedTable, PreparedTable, DCRBaselineProtectionOptions?], DCRBaselineProtectionBreakdown> = {
  id: 'DCRBaselineProtection',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, options = {}) {
    if (real.nRows === 0 || synthetic.nRows === 0) return notApplicable('DCRBaselineProtection needs rows in both tables.');
    const baseline = options.randomBaseline ?? randomBaselineTable(real, synthetic.nRows, new Rng(options.seed ?? 0));
    const syntheticData = median(options.syntheticToReal ?? nearestDistances(real, synthetic).first);
    const randomDataBaseline = median(nearestDistances(real, baseline).first);
    if (!(randomDataBaseline > 0)) {
      return notApplicable('The random baseline lies on the real rows (median distance 0), so there is nothing to compare against.');
    }
    return { score: Math.min(syntheticData / randomDataBaseline, 1), medianDcrToReal: { syntheticData, randomDataBaseline } };
  },
};
