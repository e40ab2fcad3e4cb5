/**
 * SDMetrics' Quality Report (single table, version 0.29): Column Shapes, Column Pair Trends with
 * its real-data filter, and the overall score as the nanmean of the two properties.
 */
import { binValues, reportBinEdges } from './binning';
import { ContingencySimilarity, type PairColumn } from './contingencySimilarity';
import { CorrelationSimilarity } from './correlationSimilarity';
import { KSComplement } from './ksComplement';
import type { PreparedColumn, PreparedTable } from './prepared';
import { nanmean } from './stats';
import { TVComplement } from './tvComplement';

export const DEFAULT_REAL_CORRELATION_THRESHOLD = 0.5;
export const DEFAULT_REAL_ASSOCIATION_THRESHOLD = 0.3;

export interface QualityReportOptions {
  /** A numeric pair counts only when |Pearson r| of the real data is above this. 0 disables. */
  readonly realCorrelationThreshold?: number;
  /** Any other pair counts only when the real Cramér's V is above this. 0 disables. */
  readonly realAssociationThreshold?: number;
}

export interface ColumnShapeDetail {
  readonly column: string;
  readonly metric: 'KSComplement' | 'TVComplement';
  readonly score: number | null;
  readonly reason?: string;
}

export interface PairTrendDetail {
  readonly column1: string;
  readonly column2: string;
  readonly metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  /** null when the pair is below the threshold or the metric does not apply. */
  readonly score: number | null;
  readonly realCorrelation: number | null;
  readonly syntheticCorrelation: number | null;
  readonly realAssociation: number | null;
  readonly meetsThreshold: boolean;
  readonly reason?: string;
}

export interface QualityScores {
  /** nanmean of the two property scores; null when neither has a score. */
  readonly overall: number | null;
  readonly columnShapes: { readonly score: number | null; readonly details: readonly ColumnShapeDetail[] };
  readonly columnPairTrends: {
    readonly score: number | null;
    readonly realCorrelationThreshold: number;
    readonly realAssociationThreshold: number;
    readonly details: readonly PairTrendDetail[];
  };
}

export function columnShapeDetail(real: PreparedColumn, synthetic: PreparedColumn): ColumnShapeDetail {
  if (real.kind === 'continuous' && synthetic.kind === 'continuous') {
    const r = KSComplement.computeBreakdown(real.values, synthetic.values);
    return r.score === null ? { column: real.name, metric: 'KSComplement', score: null, reason: r.reason } : { column: real.name, metric: 'KSComplement', score: r.score };
  }
  if (real.kind === 'discrete' && synthetic.kind === 'discrete') {
    const r = TVComplement.computeBreakdown(real.values, synthetic.values);
    return r.score === null ? { column: real.name, metric: 'TVComplement', score: null, reason: r.reason } : { column: real.name, metric: 'TVComplement', score: r.score };
  }
  throw new Error(`Column "${real.name}" has different kinds in the real and synthetic tables.`);
}

/**
 * Each column encoded once for the contingency pairs: categories through one dictionary shared
 * by both tables; continuous columns by the report's binning, each table with its own edges.
 */
export interface PairCodes {
  readonly real: PairColumn;
  readonly synthetic: PairColumn;
}

export function encodePairColumns(real: PreparedColumn, synthetic: PreparedColumn): PairCodes {
  if (real.kind === 'continuous' && synthetic.kind === 'continuous') {
    const size = REPORT_BINS + 2; // digitize gives 0..bins+1
    return {
      real: { kind: 'codes', values: binValues(real.values, reportBinEdges(real.values, REPORT_BINS)), size },
      synthetic: { kind: 'codes', values: binValues(synthetic.values, reportBinEdges(synthetic.values, REPORT_BINS)), size },
    };
  }
  if (real.kind === 'discrete' && synthetic.kind === 'discrete') {
    const dict = new Map<string | null, number>();
    const encode = (values: readonly (string | null)[]): Int32Array => {
      const out = new Int32Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? null;
        let code = dict.get(v);
        if (code === undefined) dict.set(v, (code = dict.size));
        out[i] = code;
      }
      return out;
    };
    const r = encode(real.values);
    const s = encode(synthetic.values);
    return { real: { kind: 'codes', values: r, size: dict.size }, synthetic: { kind: 'codes', values: s, size: dict.size } };
  }
  throw new Error(`Column "${real.name}" differs in kind between the real and synthetic tables.`);
}

const REPORT_BINS = 10;

export function pairTrendDetail(
  real: readonly [PreparedColumn, PreparedColumn],
  synthetic: readonly [PreparedColumn, PreparedColumn],
  correlationThreshold: number,
  associationThreshold: number,
  codes?: readonly [PairCodes, PairCodes],
): PairTrendDetail {
  const [a, b] = real;
  const base = { column1: a.name, column2: b.name };
  if (a.kind === 'continuous' && b.kind === 'continuous') {
    const s0 = synthetic[0];
    const s1 = synthetic[1];
    if (s0.kind !== 'continuous' || s1.kind !== 'continuous') throw new Error(`Pair ${a.name}|${b.name}: kinds differ between tables.`);
    const r = CorrelationSimilarity.computeBreakdown([a.values, b.values], [s0.values, s1.values], {
      coefficient: 'Pearson',
      realCorrelationThreshold: correlationThreshold,
    });
    const realCorrelation = 'real' in r ? r.real : null;
    if (r.score === null) {
      return {
        ...base,
        metric: 'CorrelationSimilarity',
        score: null,
        realCorrelation,
        syntheticCorrelation: null,
        realAssociation: null,
        meetsThreshold: false,
        reason: r.reason,
      };
    }
    return {
      ...base,
      metric: 'CorrelationSimilarity',
      score: r.score,
      realCorrelation: r.real,
      syntheticCorrelation: r.synthetic,
      realAssociation: null,
      meetsThreshold: true,
    };
  }
  // Mixed and discrete pairs: ContingencySimilarity on the report's own binning of continuous columns.
  const [ca, cb] = codes ?? [encodePairColumns(a, synthetic[0]), encodePairColumns(b, synthetic[1])];
  const r = ContingencySimilarity.computeBreakdown([ca.real, cb.real], [ca.synthetic, cb.synthetic], {
    realAssociationThreshold: associationThreshold,
  });
  const realAssociation = 'realAssociation' in r ? r.realAssociation : null;
  if (r.score === null) {
    return {
      ...base,
      metric: 'ContingencySimilarity',
      score: null,
      realCorrelation: null,
      syntheticCorrelation: null,
      realAssociation,
      meetsThreshold: false,
      reason: r.reason,
    };
  }
  return {
    ...base,
    metric: 'ContingencySimilarity',
    score: r.score,
    realCorrelation: null,
    syntheticCorrelation: null,
    realAssociation,
    meetsThreshold: true,
  };
}

/** Scores the two properties for tables prepared with the same metadata. */
export function computeQualityScores(
  real: PreparedTable,
  synthetic: PreparedTable,
  options: QualityReportOptions = {},
  /** Column index -> encoded columns, shared with other users of the same tables (the charts). */
  codes: Map<number, PairCodes> = new Map(),
): QualityScores {
  const correlationThreshold = options.realCorrelationThreshold ?? DEFAULT_REAL_CORRELATION_THRESHOLD;
  const associationThreshold = options.realAssociationThreshold ?? DEFAULT_REAL_ASSOCIATION_THRESHOLD;
  const shapes = real.columns.map((c, i) => columnShapeDetail(c, synthetic.columns[i]!));
  const pairs: PairTrendDetail[] = [];
  const codesOf = (i: number): PairCodes => {
    let c = codes.get(i);
    if (!c) codes.set(i, (c = encodePairColumns(real.columns[i]!, synthetic.columns[i]!)));
    return c;
  };
  // Pairs in metadata order, as itertools.combinations.
  for (let i = 0; i < real.columns.length; i++) {
    for (let j = i + 1; j < real.columns.length; j++) {
      pairs.push(
        pairTrendDetail(
          [real.columns[i]!, real.columns[j]!],
          [synthetic.columns[i]!, synthetic.columns[j]!],
          correlationThreshold,
          associationThreshold,
          real.columns[i]!.kind === 'continuous' && real.columns[j]!.kind === 'continuous' ? undefined : [codesOf(i), codesOf(j)],
        ),
      );
    }
  }
  const shapesScore = nanmean(shapes.map((d) => d.score));
  // Only pairs that meet the threshold count towards the property (SDMetrics 0.29).
  const trendsScore = nanmean(pairs.filter((p) => p.meetsThreshold).map((p) => p.score));
  return {
    overall: nanmean([shapesScore, trendsScore]),
    columnShapes: { score: shapesScore, details: shapes },
    columnPairTrends: {
      score: trendsScore,
      realCorrelationThreshold: correlationThreshold,
      realAssociationThreshold: associationThreshold,
      details: pairs,
    },
  };
}
