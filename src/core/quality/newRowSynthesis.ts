/** NewRowSynthesis: share of synthetic rows that do not copy (or nearly copy) any real row. */
import type { PreparedTable } from './prepared';
import { RowMatcher } from './rowMatcher';
import { notApplicable, type MetricDefinition } from './types';

export interface NewRowSynthesisOptions {
  /** Numeric values match when |real - synthetic| <= tolerance * |synthetic| (SDMetrics default 0.01). */
  readonly numericalMatchTolerance?: number;
}

export interface NewRowSynthesisBreakdown {
  readonly score: number;
  readonly numNewRows: number;
  readonly numMatchedRows: number;
}

export const NewRowSynthesis: MetricDefinition<[PreparedTable, PreparedTable, NewRowSynthesisOptions?], NewRowSynthesisBreakdown> = {
  id: 'NewRowSynthesis',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, options = {}) {
    if (synthetic.nRows === 0) return notApplicable('NewRowSynthesis needs synthetic rows.');
    const matcher = new RowMatcher(real, options.numericalMatchTolerance ?? 0.01);
    const matched = matcher.matchedRows(synthetic).length;
    return { score: (synthetic.nRows - matched) / synthetic.nRows, numNewRows: synthetic.nRows - matched, numMatchedRows: matched };
  },
};
