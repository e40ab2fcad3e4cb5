/** BoundaryAdherence: share of synthetic values inside the real [min, max] (inclusive). */
import { dropNaN, minMax } from './stats';
import { notApplicable, type MetricDefinition } from './types';

export interface BoundaryAdherenceBreakdown {
  readonly score: number;
  readonly realMin: number;
  readonly realMax: number;
  readonly outOfBounds: number;
}

export const BoundaryAdherence: MetricDefinition<[Float64Array, Float64Array], BoundaryAdherenceBreakdown> = {
  id: 'BoundaryAdherence',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic) {
    const r = dropNaN(real);
    const s = dropNaN(synthetic);
    if (r.length === 0 || s.length === 0) {
      return notApplicable('BoundaryAdherence needs non-missing values in both tables.');
    }
    const { min, max } = minMax(r);
    let inside = 0;
    for (let i = 0; i < s.length; i++) if (s[i]! >= min && s[i]! <= max) inside++;
    return { score: inside / s.length, realMin: min, realMax: max, outOfBounds: s.length - inside };
  },
};
