/**
 * computeReport: every metric of the quality, validity, diversity, detection and privacy report
 * for one real / synthetic pair (and an optional holdout), as plain JSON.
 * Big tables are subsampled (seeded): 50,000 rows for the fidelity metrics, as SDMetrics;
 * fewer for the distance-based privacy metrics and the detection classifier.
 */
import { Rng } from '../runtime/rng';
import { throwIfAborted, yieldToLoop, type ProgressSink } from '../runtime/progress';
import type { Table } from '../data/table';
import { BoundaryAdherence } from './boundaryAdherence';
import { CategoryAdherence } from './categoryAdherence';
import { columnCharts, pairMatrix } from './charts';
import { DCRBaselineProtection } from './dcrBaselineProtection';
import { DCROverfittingProtection } from './dcrOverfittingProtection';
import { computeDiversity } from './diversity';
import { EventOrderConsistency, type EventOrderOptions } from './eventOrder';
import { timeValues } from './eventColumns';
import { KeyUniqueness } from './keyUniqueness';
import { LogisticDetection } from './logisticDetection';
import { inferMetadata, type SingleTableMetadata } from './metadata';
import { NewRowSynthesis } from './newRowSynthesis';
import { NNDR } from './nndr';
import { prepareTable, takePreparedRows, type PreparedTable } from './prepared';
import { computeQualityScores, type PairCodes } from './qualityReport';
import { randomBaselineTable } from './randomBaseline';
import type { EventConsistencySection, PrivacyBreakdown, QualityReport, ValiditySection } from './reportTypes';
import { nearestDistances } from './dcr';
import { dropNaN, minMax } from './stats';
import { TimeOrderConsistency } from './timeOrder';
import { privacyVerdict } from './verdict';
import { notApplicable } from './types';
import { getColumn } from '../data/table';

export interface ComputeReportOptions {
  readonly holdout?: Table;
  readonly seed: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressSink;
  /** Rows per table for the fidelity metrics (SDMetrics' cap). Default 50,000. */
  readonly maxRows?: number;
  /** Synthetic rows for DCR / NNDR, searched against every (evaluated) real row. Default 2,000. */
  readonly dcrRows?: number;
  /** Rows of the random baseline table of DCRBaselineProtection. Default 300 (random rows are far from every real row, so each costs a near-full scan; their median DCR is stable). */
  readonly baselineRows?: number;
  /** Rows per table for the detection classifier. Default 2,000. */
  readonly detectionRows?: number;
  readonly numericalMatchTolerance?: number;
  readonly realCorrelationThreshold?: number;
  readonly realAssociationThreshold?: number;
  /** Event-table columns, to add the time-order and event-order checks. */
  readonly events?: { readonly user: string; readonly time: string; readonly event?: string; readonly item?: string; readonly prerequisites?: EventOrderOptions['prerequisites'] };
}

/** At most `n` rows, drawn without replacement (seeded) and kept in file order. */
function subsample(t: PreparedTable, n: number, rng: Rng): PreparedTable {
  if (t.nRows <= n) return t;
  const idx = Int32Array.from({ length: t.nRows }, (_, i) => i);
  // Partial Fisher-Yates: the first n positions become a uniform sample.
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(t.nRows - i);
    const tmp = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = tmp;
  }
  return takePreparedRows(t, idx.subarray(0, n).sort());
}

function validity(real: PreparedTable, synthetic: PreparedTable, syntheticTable: Table): ValiditySection {
  const boundaryAdherence: ValiditySection['boundaryAdherence'][number][] = [];
  const categoryAdherence: ValiditySection['categoryAdherence'][number][] = [];
  real.columns.forEach((rc, i) => {
    const sc = synthetic.columns[i]!;
    if (rc.kind === 'continuous' && sc.kind === 'continuous') {
      const r = BoundaryAdherence.computeBreakdown(rc.values, sc.values);
      boundaryAdherence.push(r.score === null ? { column: rc.name, score: null, reason: r.reason } : { column: rc.name, score: r.score, outOfBounds: r.outOfBounds });
    } else if (rc.kind === 'discrete' && sc.kind === 'discrete') {
      const r = CategoryAdherence.computeBreakdown(rc.values, sc.values);
      categoryAdherence.push(r.score === null ? { column: rc.name, score: null, reason: r.reason } : { column: rc.name, score: r.score, unseen: r.unseen });
    }
  });
  let keyUniqueness: ValiditySection['keyUniqueness'] = null;
  if (real.primaryKey) {
    const c = getColumn(syntheticTable, real.primaryKey);
    const r = KeyUniqueness.computeBreakdown(c.values);
    keyUniqueness =
      r.score === null
        ? { column: real.primaryKey, score: null, duplicates: 0, missing: 0 }
        : { column: real.primaryKey, score: r.score, duplicates: r.duplicates, missing: r.missing };
  }
  return { boundaryAdherence, categoryAdherence, keyUniqueness };
}

function consistency(real: Table, synthetic: Table, events: NonNullable<ComputeReportOptions['events']>): EventConsistencySection {
  const span = minMax(dropNaN(timeValues(real, events.time)));
  const timeOpts = { user: events.user, time: events.time, span };
  const timeReal = TimeOrderConsistency.computeBreakdown(real, timeOpts);
  const timeSynthetic = TimeOrderConsistency.computeBreakdown(synthetic, timeOpts);
  let eventOrder: EventConsistencySection['eventOrder'] = null;
  if (events.event) {
    const opts: EventOrderOptions = {
      user: events.user,
      time: events.time,
      event: events.event,
      ...(events.item ? { item: events.item } : {}),
      ...(events.prerequisites ? { prerequisites: events.prerequisites } : {}),
    };
    eventOrder = { real: EventOrderConsistency.computeBreakdown(real, opts), synthetic: EventOrderConsistency.computeBreakdown(synthetic, opts) };
  }
  return { timeOrder: { real: timeReal, synthetic: timeSynthetic }, eventOrder };
}

export async function computeReport(
  real: Table,
  synthetic: Table,
  metadata: SingleTableMetadata | undefined,
  options: ComputeReportOptions,
): Promise<QualityReport> {
  const meta = metadata ?? inferMetadata(real);
  const { signal, onProgress } = options;
  const rng = new Rng(options.seed);
  const timingsMs: Record<string, number> = {};
  const steps = 8;
  let step = 0;
  const stage = async (message: string): Promise<number> => {
    throwIfAborted(signal);
    onProgress?.({ stage: 'evaluating', fraction: step++ / steps, message });
    await yieldToLoop();
    throwIfAborted(signal);
    return Date.now();
  };
  const done = (name: string, t0: number): void => {
    timingsMs[name] = Date.now() - t0;
  };

  let t = await stage('Preparing tables');
  const realAll = prepareTable(real, meta, 'real');
  const synthAll = prepareTable(synthetic, meta, 'synthetic');
  const holdoutAll = options.holdout ? prepareTable(options.holdout, meta, 'holdout') : null;
  const maxRows = options.maxRows ?? 50_000;
  const r = subsample(realAll, maxRows, rng.fork());
  const s = subsample(synthAll, maxRows, rng.fork());
  const h = holdoutAll ? subsample(holdoutAll, maxRows, rng.fork()) : null;
  done('prepare', t);

  t = await stage('Column shapes and pair trends');
  const codes = new Map<number, PairCodes>();
  const quality = computeQualityScores(
    r,
    s,
    {
      ...(options.realCorrelationThreshold !== undefined ? { realCorrelationThreshold: options.realCorrelationThreshold } : {}),
      ...(options.realAssociationThreshold !== undefined ? { realAssociationThreshold: options.realAssociationThreshold } : {}),
    },
    codes,
  );
  done('quality', t);

  t = await stage('Chart data');
  const charts = { columns: columnCharts(r, s), pairs: pairMatrix(r, s, codes) };
  done('charts', t);

  t = await stage('Validity and diversity');
  const validitySection = validity(r, s, synthetic);
  const diversity = computeDiversity(r, s);
  const consistencySection = options.events ? consistency(real, synthetic, options.events) : null;
  done('validityDiversity', t);

  t = await stage('Copies of real rows');
  const tolerance = options.numericalMatchTolerance ?? 0.01;
  const newRowSynthesis =
    r.columns.length > 0 ? NewRowSynthesis.computeBreakdown(r, s, { numericalMatchTolerance: tolerance }) : notApplicable('No numerical or categorical column to compare rows on.');
  done('newRowSynthesis', t);

  t = await stage('Distances to closest records');
  const dcrRows = options.dcrRows ?? 2_000;
  const sDcr = subsample(s, dcrRows, rng.fork());
  // One search gives the first and second neighbours: DCR for both DCR metrics and NNDR.
  const noColumns = notApplicable('No numerical or categorical column to measure distances on.');
  const neighbours = r.columns.length > 0 && r.nRows > 0 && sDcr.nRows > 0 ? nearestDistances(r, sDcr, 2) : null;
  const baseline = randomBaselineTable(r, Math.min(sDcr.nRows, options.baselineRows ?? 300), rng.fork());
  const dcrBaselineProtection = neighbours
    ? DCRBaselineProtection.computeBreakdown(r, sDcr, { randomBaseline: baseline, syntheticToReal: neighbours.first })
    : noColumns;
  let dcrOverfittingProtection: PrivacyBreakdown['dcrOverfittingProtection'] = null;
  let dcrOverfittingBalanced: PrivacyBreakdown['dcrOverfittingBalanced'] = null;
  if (h && neighbours && h.nRows > 0) {
    const toHoldout = nearestDistances(h, sDcr).first;
    dcrOverfittingProtection = DCROverfittingProtection.computeBreakdown(r, sDcr, h, { syntheticToReal: neighbours.first, syntheticToHoldout: toHoldout });
    // A bigger training table is closer to everything just by having more rows; comparing with
    // a training sample of the holdout's size removes that bias (SDMetrics only warns about it).
    if (r.nRows > h.nRows) {
      const rSame = subsample(r, h.nRows, rng.fork());
      const balanced = DCROverfittingProtection.computeBreakdown(rSame, sDcr, h, { syntheticToHoldout: toHoldout });
      if (balanced.score !== null) {
        dcrOverfittingBalanced = { ...balanced, trainingRowsUsed: rSame.nRows };
      }
    }
  }
  done('dcr', t);
  t = await stage('Nearest-neighbour distance ratio');
  const nndr = neighbours ? NNDR.computeBreakdown(r, sDcr, { neighbours }) : noColumns;
  done('nndr', t);

  t = await stage('Detection classifier');
  const detectionRows = options.detectionRows ?? 2_000;
  const rDet = subsample(r, detectionRows, rng.fork());
  const sDet = subsample(s, detectionRows, rng.fork());
  // Unlike SDMetrics (which raises), unseen synthetic categories encode as all zeros and are listed.
  const logisticDetection = LogisticDetection.computeBreakdown(rDet, sDet, {
    seed: rng.nextUint32(),
    unknownCategories: 'ignore',
    maxCategoriesPerColumn: 10,
  });
  done('detection', t);

  const breakdown: PrivacyBreakdown = { newRowSynthesis, dcrBaselineProtection, dcrOverfittingProtection, dcrOverfittingBalanced, nndr };
  onProgress?.({ stage: 'evaluating', fraction: 1, message: 'Report ready' });
  return {
    reportVersion: 1,
    seed: options.seed,
    rows: {
      real: real.nRows,
      synthetic: synthetic.nRows,
      holdout: options.holdout ? options.holdout.nRows : null,
      evaluatedReal: r.nRows,
      evaluatedSynthetic: s.nRows,
    },
    columns: r.columns.map((c) => ({ name: c.name, sdtype: c.sdtype })),
    ignoredColumns: r.ignored,
    quality: {
      overall: quality.overall,
      columnShapes: quality.columnShapes.score,
      columnPairTrends: quality.columnPairTrends.score,
      columnShapesDetails: quality.columnShapes.details,
      columnPairTrendsDetails: quality.columnPairTrends.details,
      realCorrelationThreshold: quality.columnPairTrends.realCorrelationThreshold,
      realAssociationThreshold: quality.columnPairTrends.realAssociationThreshold,
    },
    charts,
    validity: validitySection,
    diversity,
    detection: { logisticDetection, rowsUsed: Math.min(rDet.nRows, sDet.nRows) },
    privacy: {
      // Bare scores first: consumers of `evaluate --json` read these keys as numbers.
      newRowSynthesis: newRowSynthesis.score,
      dcrBaselineProtection: dcrBaselineProtection.score,
      dcrOverfittingProtection: dcrOverfittingProtection?.score ?? null,
      dcrOverfittingBalanced: dcrOverfittingBalanced?.score ?? null,
      nndr: nndr.score,
      breakdown,
      dcrRowsUsed: sDcr.nRows,
      numericalMatchTolerance: tolerance,
      verdict: privacyVerdict(breakdown, tolerance),
    },
    consistency: consistencySection,
    timingsMs,
  };
}
