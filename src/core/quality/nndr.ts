/**
 * NNDR (nearest-neighbour distance ratio): per synthetic row, the distance to its closest real
 * row divided by the distance to the second closest. A ratio near 0 means the row singles out
 * one real record (a re-identification risk); near 1, it sits among several. Score = median ratio.
 */
import { nearestDistances } from './dcr';
import type { PreparedTable } from './prepared';
import { median, percentileOfSorted } from './stats';
import { notApplicable, type MetricDefinition } from './types';

export interface NNDRBreakdown {
  readonly score: number;
  readonly p5: number;
  /** Share of synthetic rows with a ratio below 0.5. */
  readonly shareBelowHalf: number;
}

export interface NNDROptions {
  /** First and second neighbour distances of each synthetic row to real, when already known. */
  readonly neighbours?: { readonly first: Float64Array; readonly second?: Float64Array };
}

export const NNDR: MetricDefinition<[PreparedTable, PreparedTable, NNDROptions?], NNDRBreakdown> = {
  id: 'NNDR',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, options = {}) {
    if (real.nRows < 2 || synthetic.nRows === 0) return notApplicable('NNDR needs at least 2 real rows and 1 synthetic row.');
    const given = options.neighbours?.second ? options.neighbours : undefined;
    const { first, second } = given ?? nearestDistances(real, synthetic, 2);
    const ratios = new Float64Array(first.length);
    let below = 0;
    for (let i = 0; i < first.length; i++) {
      const d2 = second![i]!;
      // A copy of a duplicated real record (0 / 0) is as identifying as a copy: ratio 0.
      ratios[i] = d2 === 0 ? 0 : first[i]! / d2;
      if (ratios[i]! < 0.5) below++;
    }
    const s = Float64Array.from(ratios).sort();
    return { score: median(ratios), p5: percentileOfSorted(s, 5), shareBelowHalf: below / ratios.length };
  },
};
