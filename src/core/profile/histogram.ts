/**
 * Small histograms for column profiles. Integer columns with few distinct steps get one bin per
 * integer (centred on it), so a quantity column shows 1, 2, 3 rather than bins straddling them.
 */
export interface HistogramCounts {
  /** bins + 1 increasing edges. */
  readonly edges: number[];
  readonly counts: number[];
}

/** Histogram of the non-NaN values; null when there are none. */
export function histogramOf(values: Float64Array, bins: number, integer: boolean): HistogramCounts | null {
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`A histogram needs a whole number of bins of at least 1, got ${bins}.`);
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const x of values) {
    if (Number.isNaN(x)) continue;
    n++;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) return null;

  if (integer && max - min + 1 <= bins) {
    const width = max - min + 1;
    const edges = Array.from({ length: width + 1 }, (_, i) => min - 0.5 + i);
    const counts = new Array<number>(width).fill(0);
    for (const x of values) if (!Number.isNaN(x)) counts[x - min]! += 1;
    return { edges, counts };
  }
  if (min === max) return { edges: [min, max], counts: [n] };

  const step = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * step));
  const counts = new Array<number>(bins).fill(0);
  for (const x of values) {
    if (Number.isNaN(x)) continue;
    // The last bin is closed on the right so that max lands in it.
    const b = Math.min(bins - 1, Math.floor((x - min) / step));
    counts[b]! += 1;
  }
  return { edges, counts };
}
