/** CategoryAdherence: share of synthetic values that are categories present in the real column. */
import { notApplicable, type MetricDefinition } from './types';

export interface CategoryAdherenceBreakdown {
  readonly score: number;
  /** Synthetic categories absent from real (at most 20, for the report). */
  readonly unseen: readonly string[];
  readonly unseenRows: number;
}

export const CategoryAdherence: MetricDefinition<
  [readonly (string | null)[], readonly (string | null)[]],
  CategoryAdherenceBreakdown
> = {
  id: 'CategoryAdherence',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic) {
    if (synthetic.length === 0) return notApplicable('CategoryAdherence needs synthetic rows.');
    // As in SDMetrics, a missing value is a category of its own: it adheres when real has one too.
    const seen = new Set<string | null>(real);
    const unseen = new Set<string>();
    let inside = 0;
    for (const v of synthetic) {
      if (seen.has(v)) inside++;
      else if (unseen.size < 20) unseen.add(String(v));
    }
    return { score: inside / synthetic.length, unseen: [...unseen], unseenRows: synthetic.length - inside };
  },
};
