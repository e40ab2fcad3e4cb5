/**
 * The data behind the report's charts: per-column distributions (histograms on shared edges or
 * category bars) and real / synthetic pair-trend matrices (Pearson r for numeric pairs, Cramér's V
 * of the Quality Report's binning otherwise). Computed from integer codes in typed arrays.
 */
import type { PairColumn } from './contingencySimilarity';
import { cramersVDense } from './cramersV';
import type { PreparedTable } from './prepared';
import { encodePairColumns, type PairCodes } from './qualityReport';
import { dropNaN, minMax, pearson } from './stats';

export interface HistogramChart {
  readonly kind: 'histogram';
  readonly column: string;
  readonly sdtype: 'numerical' | 'datetime';
  /** Bin edges over the real [min, max]; shares below sum to 1 with the out-of-range shares. */
  readonly edges: readonly number[];
  readonly real: readonly number[];
  readonly synthetic: readonly number[];
  /** Shares of synthetic values below the real min / above the real max. */
  readonly syntheticBelow: number;
  readonly syntheticAbove: number;
  readonly missing: { readonly real: number; readonly synthetic: number };
}

export interface BarChart {
  readonly kind: 'bars';
  readonly column: string;
  readonly sdtype: 'categorical' | 'boolean';
  /** The most frequent real categories; "(other)" gathers the rest, "(missing)" the missing values. */
  readonly categories: readonly string[];
  readonly real: readonly number[];
  readonly synthetic: readonly number[];
}

export type ColumnChart = HistogramChart | BarChart;

export interface PairMatrix {
  readonly columns: readonly string[];
  /** Per cell: 'pearson' (both numeric) or 'cramersV'; the diagonal is null. */
  readonly measure: readonly (readonly ('pearson' | 'cramersV' | null)[])[];
  readonly real: readonly (readonly (number | null)[])[];
  readonly synthetic: readonly (readonly (number | null)[])[];
}

const HISTOGRAM_BINS = 20;
const MAX_BARS = 20;

function histogram(real: Float64Array, synthetic: Float64Array, name: string, sdtype: 'numerical' | 'datetime'): HistogramChart {
  const r = dropNaN(real);
  const s = dropNaN(synthetic);
  let { min, max } = minMax(r);
  if (!Number.isFinite(min)) {
    min = 0;
    max = 1;
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const edges: number[] = [];
  for (let i = 0; i <= HISTOGRAM_BINS; i++) edges.push(min + (i * (max - min)) / HISTOGRAM_BINS);
  const count = (xs: Float64Array): { bins: number[]; below: number; above: number } => {
    const bins = new Array<number>(HISTOGRAM_BINS).fill(0);
    let below = 0;
    let above = 0;
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i]!;
      if (v < min) below++;
      else if (v > max) above++;
      else bins[Math.min(HISTOGRAM_BINS - 1, Math.floor(((v - min) / (max - min)) * HISTOGRAM_BINS))]!++;
    }
    const n = Math.max(1, xs.length);
    return { bins: bins.map((b) => b / n), below: below / n, above: above / n };
  };
  const rc = count(r);
  const sc = count(s);
  return {
    kind: 'histogram',
    column: name,
    sdtype,
    edges,
    real: rc.bins,
    synthetic: sc.bins,
    syntheticBelow: sc.below,
    syntheticAbove: sc.above,
    missing: { real: 1 - r.length / Math.max(1, real.length), synthetic: 1 - s.length / Math.max(1, synthetic.length) },
  };
}

function bars(real: readonly (string | null)[], synthetic: readonly (string | null)[], name: string, sdtype: 'categorical' | 'boolean'): BarChart {
  const counts = new Map<string, number>();
  for (const v of real) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_BARS).map(([k]) => k);
  const index = new Map(top.map((k, i) => [k, i]));
  const shares = (values: readonly (string | null)[]): { bars: number[]; other: number; missing: number } => {
    const out = new Array<number>(top.length).fill(0);
    let other = 0;
    let missing = 0;
    for (const v of values) {
      if (v === null) missing++;
      else {
        const i = index.get(v);
        if (i === undefined) other++;
        else out[i]!++;
      }
    }
    const n = Math.max(1, values.length);
    return { bars: out.map((c) => c / n), other: other / n, missing: missing / n };
  };
  const r = shares(real);
  const s = shares(synthetic);
  const categories = [...top];
  const rv = [...r.bars];
  const sv = [...s.bars];
  if (r.other > 0 || s.other > 0) {
    categories.push('(other)');
    rv.push(r.other);
    sv.push(s.other);
  }
  if (r.missing > 0 || s.missing > 0) {
    categories.push('(missing)');
    rv.push(r.missing);
    sv.push(s.missing);
  }
  return { kind: 'bars', column: name, sdtype, categories, real: rv, synthetic: sv };
}

export function columnCharts(real: PreparedTable, synthetic: PreparedTable): ColumnChart[] {
  return real.columns.map((rc, i) => {
    const sc = synthetic.columns[i]!;
    if (rc.kind === 'continuous' && sc.kind === 'continuous') return histogram(rc.values, sc.values, rc.name, rc.sdtype);
    if (rc.kind === 'discrete' && sc.kind === 'discrete') return bars(rc.values, sc.values, rc.name, rc.sdtype);
    throw new Error(`Column "${rc.name}" differs in kind between the tables.`);
  });
}

function pearsonComplete(a: Float64Array, b: Float64Array): number | null {
  const keep: number[] = [];
  for (let r = 0; r < a.length; r++) if (!Number.isNaN(a[r]!) && !Number.isNaN(b[r]!)) keep.push(r);
  const v =
    keep.length === a.length
      ? pearson(a, b)
      : pearson(
          Float64Array.from(keep, (r) => a[r]!),
          Float64Array.from(keep, (r) => b[r]!),
        );
  return Number.isNaN(v) ? null : v;
}

function codedAssociation(x: PairColumn, y: PairColumn): number | null {
  if (x.kind !== 'codes' || y.kind !== 'codes') return null;
  const v = cramersVDense(x.values, x.size, y.values, y.size);
  return Number.isNaN(v) ? null : v;
}

export function pairMatrix(real: PreparedTable, synthetic: PreparedTable, cache: Map<number, PairCodes> = new Map()): PairMatrix {
  const n = real.columns.length;
  const measure = Array.from({ length: n }, () => new Array<'pearson' | 'cramersV' | null>(n).fill(null));
  const rm = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  const sm = Array.from({ length: n }, () => new Array<number | null>(n).fill(null));
  const codes = real.columns.map((c, i) => {
    let pc = cache.get(i);
    if (!pc) cache.set(i, (pc = encodePairColumns(c, synthetic.columns[i]!)));
    return pc;
  });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const both = real.columns[i]!.kind === 'continuous' && real.columns[j]!.kind === 'continuous';
      const m = both ? 'pearson' : 'cramersV';
      measure[i]![j] = measure[j]![i] = m;
      const [ri, rj, si, sj] = [real.columns[i]!, real.columns[j]!, synthetic.columns[i]!, synthetic.columns[j]!];
      if (both && ri.kind === 'continuous' && rj.kind === 'continuous' && si.kind === 'continuous' && sj.kind === 'continuous') {
        rm[i]![j] = rm[j]![i] = pearsonComplete(ri.values, rj.values);
        sm[i]![j] = sm[j]![i] = pearsonComplete(si.values, sj.values);
      } else {
        rm[i]![j] = rm[j]![i] = codedAssociation(codes[i]!.real, codes[j]!.real);
        sm[i]![j] = sm[j]![i] = codedAssociation(codes[i]!.synthetic, codes[j]!.synthetic);
      }
    }
  }
  return { columns: real.columns.map((c) => c.name), measure, real: rm, synthetic: sm };
}
