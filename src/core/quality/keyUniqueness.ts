/** KeyUniqueness: share of rows whose key is present and not a repeat of an earlier row's key. */
import { notApplicable, type MetricDefinition } from './types';

export interface KeyUniquenessBreakdown {
  readonly score: number;
  readonly duplicates: number;
  readonly missing: number;
}

export const KeyUniqueness: MetricDefinition<[ArrayLike<string | number | null>], KeyUniquenessBreakdown> = {
  id: 'KeyUniqueness',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(keys) {
    if (keys.length === 0) return notApplicable('KeyUniqueness needs rows.');
    const seen = new Set<string | number>();
    let duplicates = 0;
    let missing = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === null || k === undefined || (typeof k === 'number' && Number.isNaN(k))) missing++;
      else if (seen.has(k)) duplicates++;
      else seen.add(k);
    }
    return { score: 1 - (duplicates + missing) / keys.length, duplicates, missing };
  },
};
