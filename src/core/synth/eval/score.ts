/**
 * Validation fidelity of a synthetic table against real rows, for choosing between models and for
 * early stopping: the quality module's Quality Report (Column Shapes and Column Pair Trends, as
 * SDMetrics computes them). Higher is better, 0..1.
 */
import type { Table } from '../../data/table';
import { computeQualityScores, inferMetadata, prepareTable } from '../../quality';
import { meanColumnShapes } from './fidelity';

export interface FidelityScore {
  /** Mean of columnShapes and pairTrends (whichever exist). */
  readonly overall: number;
  readonly columnShapes: number | null;
  readonly pairTrends: number | null;
}

/**
 * Scores synth against real. Pair trends count every pair (no real-correlation filter), because a
 * validation split is small and the filter would make the score jump as pairs cross the threshold.
 */
export function fidelityScore(real: Table, synth: Table): FidelityScore {
  const metadata = inferMetadata(real);
  const r = prepareTable(real, metadata, 'validation');
  const s = prepareTable(synth, metadata, 'synthetic');
  const q = computeQualityScores(r, s, { realCorrelationThreshold: 0, realAssociationThreshold: 0 });
  const overall = q.overall ?? meanColumnShapes(real, synth).score;
  return { overall, columnShapes: q.columnShapes.score, pairTrends: q.columnPairTrends.score };
}
