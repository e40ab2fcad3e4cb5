/**
 * Shared shapes of the quality metrics. Every metric lives in its own file and exports one
 * MetricDefinition; "not applicable" is an explicit `{ score: null, reason }`, never NaN.
 */
export type Goal = 'maximize' | 'minimize' | 'ignore';

export interface NotApplicable {
  readonly score: null;
  readonly reason: string;
}

export interface MetricDefinition<Args extends unknown[], Breakdown extends { score: number | null }> {
  /** SDMetrics' class name where the metric mirrors one, so scores can be compared by name. */
  readonly id: string;
  readonly goal: Goal;
  readonly min: number;
  readonly max: number;
  computeBreakdown(...args: Args): Breakdown | NotApplicable;
}

export function notApplicable(reason: string): NotApplicable {
  return { score: null, reason };
}

export function isNotApplicable(x: { score: number | null }): x is NotApplicable {
  return x.score === null;
}

/** A column's values as the metrics see them: numbers (NaN = missing) or strings (null = missing). */
export type ColumnValues = Float64Array | readonly (string | null)[];
