/** The two ways SDMetrics turns a continuous column into bins for contingency tables. */
import { digitize, dropNaN, histogramBinEdges } from './stats';

/**
 * The ContingencySimilarity metric's own binning (sdmetrics.utils.discretize_column): 10
 * equal-width edges from the REAL data only, outer edges replaced by -inf / +inf, so both tables
 * land in bins 1..10.
 */
export function metricBinEdges(real: Float64Array, bins = 10): Float64Array {
  const edges = histogramBinEdges(dropNaN(real), bins);
  edges[0] = Number.NEGATIVE_INFINITY;
  edges[bins] = Number.POSITIVE_INFINITY;
  return edges;
}

/**
 * The Quality Report's binning (ColumnPairTrends._discretize_column): each table with its OWN
 * 10 equal-width edges and no infinities, so a value equal to the table's max lands in bin 11.
 */
export function reportBinEdges(values: Float64Array, bins = 10): Float64Array {
  return histogramBinEdges(dropNaN(values), bins);
}

export function binValues(values: Float64Array, edges: Float64Array): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = digitize(values[i]!, edges);
  return out;
}
