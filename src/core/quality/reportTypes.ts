/**
 * The evaluation report (report.json, `recsynth evaluate --json`, the dashboard's quality tab).
 * Plain JSON: numbers, strings, booleans, null. The headline keys (`quality.overall`,
 * `quality.columnShapes`, `quality.columnPairTrends`, `privacy.newRowSynthesis`, ...) are bare
 * scores (`number | null`); details sit beside them (`quality.*Details`, `privacy.breakdown`),
 * where a metric that does not apply is `{ score: null, reason }`.
 */
import type { BarChart, ColumnChart, HistogramChart, PairMatrix } from './charts';
import type { DiversityResult } from './diversity';
import type { ColumnShapeDetail, PairTrendDetail } from './qualityReport';
import type { NotApplicable } from './types';

export type { BarChart, ColumnChart, HistogramChart, PairMatrix, DiversityResult, ColumnShapeDetail, PairTrendDetail, NotApplicable };

export type Maybe<T> = T | NotApplicable;

export interface ReportColumn {
  readonly name: string;
  readonly sdtype: string;
}

export interface QualitySection {
  /** SDMetrics' Quality Report overall score: nanmean of the two properties. */
  readonly overall: number | null;
  /** Column Shapes property score (mean of the per-column KS / TV complements). */
  readonly columnShapes: number | null;
  /** Column Pair Trends property score (mean over the pairs that meet the real-data thresholds). */
  readonly columnPairTrends: number | null;
  readonly columnShapesDetails: readonly ColumnShapeDetail[];
  readonly columnPairTrendsDetails: readonly PairTrendDetail[];
  readonly realCorrelationThreshold: number;
  readonly realAssociationThreshold: number;
}

export interface ChartsSection {
  /** One chart per evaluated column, in metadata order (the renderer sorts by score). */
  readonly columns: readonly ColumnChart[];
  readonly pairs: PairMatrix;
}

export interface ValiditySection {
  readonly boundaryAdherence: readonly { readonly column: string; readonly score: number | null; readonly outOfBounds?: number; readonly reason?: string }[];
  readonly categoryAdherence: readonly { readonly column: string; readonly score: number | null; readonly unseen?: readonly string[]; readonly reason?: string }[];
  /** Uniqueness of the metadata's primary key in the synthetic table (null without one). */
  readonly keyUniqueness: { readonly column: string; readonly score: number | null; readonly duplicates: number; readonly missing: number } | null;
}

export interface DetectionSection {
  readonly logisticDetection: Maybe<{
    readonly score: number;
    readonly aucPerFold: readonly number[];
    readonly unknownCategories: Readonly<Record<string, readonly string[]>>;
  }>;
  /** Rows per table the classifier saw (subsampled for speed). */
  readonly rowsUsed: number;
}

export type PrivacyLevel = 'low-risk' | 'caution' | 'high-risk';

export interface PrivacyVerdict {
  readonly level: PrivacyLevel;
  /** One sentence for the top of the privacy section. */
  readonly summary: string;
  /** One plain-language line per finding. */
  readonly findings: readonly string[];
}

/** What each privacy score was computed from; a metric that does not apply is `{ score: null, reason }`. */
export interface PrivacyBreakdown {
  readonly newRowSynthesis: Maybe<{ readonly score: number; readonly numNewRows: number; readonly numMatchedRows: number }>;
  readonly dcrBaselineProtection: Maybe<{
    readonly score: number;
    readonly medianDcrToReal: { readonly syntheticData: number; readonly randomDataBaseline: number };
  }>;
  /** null when no holdout table was given. */
  readonly dcrOverfittingProtection: Maybe<{
    readonly score: number;
    readonly syntheticDataPercentages: { readonly closerToTraining: number; readonly closerToHoldout: number };
  }> | null;
  /**
   * The same share with the training rows subsampled to the holdout's size, which removes the
   * advantage a bigger training table has (null without a holdout or when it is not smaller).
   * The verdict uses this one.
   */
  readonly dcrOverfittingBalanced: {
    readonly score: number;
    readonly syntheticDataPercentages: { readonly closerToTraining: number; readonly closerToHoldout: number };
    readonly trainingRowsUsed: number;
  } | null;
  readonly nndr: Maybe<{ readonly score: number; readonly p5: number; readonly shareBelowHalf: number }>;
}

/**
 * The top-level keys are scores (0..1, higher is more private; null when the metric does not
 * apply or, for the overfitting ones, when no holdout was given). Their details are in `breakdown`.
 */
export interface PrivacySection {
  readonly newRowSynthesis: number | null;
  readonly dcrBaselineProtection: number | null;
  readonly dcrOverfittingProtection: number | null;
  readonly dcrOverfittingBalanced: number | null;
  /** Median nearest-neighbour distance ratio. */
  readonly nndr: number | null;
  readonly breakdown: PrivacyBreakdown;
  /** Synthetic rows used for the distance-based metrics (subsampled for speed). */
  readonly dcrRowsUsed: number;
  readonly numericalMatchTolerance: number;
  readonly verdict: PrivacyVerdict;
}

export interface EventConsistencySection {
  readonly timeOrder: { readonly real: Maybe<{ readonly score: number }>; readonly synthetic: Maybe<{ readonly score: number; readonly missingTime: number; readonly outsideSpan: number; readonly outOfOrder: number }> };
  readonly eventOrder: { readonly real: Maybe<{ readonly score: number }>; readonly synthetic: Maybe<{ readonly score: number; readonly checkedEvents: number; readonly violations: number }> } | null;
}

export interface QualityReport {
  readonly reportVersion: 1;
  readonly seed: number;
  readonly rows: {
    readonly real: number;
    readonly synthetic: number;
    readonly holdout: number | null;
    /** Rows actually evaluated after subsampling (SDMetrics caps at 50,000). */
    readonly evaluatedReal: number;
    readonly evaluatedSynthetic: number;
  };
  readonly columns: readonly ReportColumn[];
  /** Columns present in the metadata but not scored (ids, text, other sdtypes). */
  readonly ignoredColumns: readonly string[];
  readonly quality: QualitySection;
  readonly charts: ChartsSection;
  readonly validity: ValiditySection;
  readonly diversity: DiversityResult;
  readonly detection: DetectionSection;
  readonly privacy: PrivacySection;
  /** Present when event columns were named (behaviour tables). */
  readonly consistency: EventConsistencySection | null;
  /** Milliseconds per metric group, for the benchmark; varies run to run. */
  readonly timingsMs: Readonly<Record<string, number>>;
}
