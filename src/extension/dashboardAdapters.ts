/**
 * Engine report shapes -> dashboard protocol shapes. Each adapter validates its output with the
 * webview protocol's schema and returns undefined (logged by the caller's absence of a tab) rather
 * than send something the webview would drop.
 */
import {
  WEBVIEW_PROTOCOL_VERSION,
  qualityReport,
  figure,
  labRow,
  type HostMessage,
  type QualityReport,
  type Figure,
} from '../protocol/webview';
import { z } from 'zod';

interface EngineChart {
  kind: 'histogram' | 'bars';
  column: string;
  edges?: number[];
  categories?: string[];
  real: number[];
  synthetic: number[];
}

interface EngineReport {
  quality?: {
    overall?: number | null;
    columnShapes?: number | { score: number | null; details?: { column: string; metric: string; score: number | null; reason?: string }[] };
    columnPairTrends?: number | { score: number | null; details?: { column1: string; column2: string; score: number | null }[] };
    columnShapesDetails?: { column: string; metric: string; score: number | null; reason?: string }[];
    columnPairTrendsDetails?: { column1: string; column2: string; score: number | null }[];
  };
  charts?: { columns?: EngineChart[]; pairs?: { columns: string[]; real: (number | null)[][]; synthetic: (number | null)[][] } };
  privacy?: {
    newRowSynthesis?: unknown;
    dcrBaselineProtection?: unknown;
    dcrOverfittingProtection?: unknown;
    verdict?: { level: string; summary: string; findings?: string[] };
  };
  privacyGate?: { removedRows?: number };
}

/** A score that is either a bare number or an object holding one (`{ score }`). */
function scoreOf(x: unknown): number | null {
  if (typeof x === 'number') return x;
  if (x && typeof x === 'object' && typeof (x as { score?: unknown }).score === 'number') return (x as { score: number }).score;
  return null;
}

const LEVELS: Record<string, 'good' | 'warning' | 'bad'> = { 'low-risk': 'good', caution: 'warning', 'high-risk': 'bad' };

/** The engine's quality report (src/core/quality/reportTypes.ts) in the dashboard's shape. */
export function toDashboardQuality(report: Record<string, unknown>): QualityReport | undefined {
  const r = report as EngineReport;
  if (!r.quality) return undefined;
  const charts = new Map((r.charts?.columns ?? []).map((c) => [c.column, c]));
  const pairScores = new Map<string, number | null>();
  const shapeDetails = r.quality.columnShapesDetails ?? (typeof r.quality.columnShapes === 'object' ? r.quality.columnShapes.details : undefined) ?? [];
  const pairDetails = r.quality.columnPairTrendsDetails ?? (typeof r.quality.columnPairTrends === 'object' ? r.quality.columnPairTrends.details : undefined) ?? [];
  for (const d of pairDetails) {
    pairScores.set(`${d.column1}|${d.column2}`, d.score);
    pairScores.set(`${d.column2}|${d.column1}`, d.score);
  }
  const pairCols = r.charts?.pairs?.columns ?? [];
  const candidate = {
    quality: {
      overall: r.quality.overall ?? null,
      columnShapes: scoreOf(r.quality.columnShapes),
      columnPairTrends: scoreOf(r.quality.columnPairTrends),
      columns: shapeDetails.map((d) => {
        const c = charts.get(d.column);
        const distribution = !c
          ? undefined
          : c.kind === 'histogram'
            ? { kind: 'histogram' as const, edges: c.edges ?? [], real: c.real, synthetic: c.synthetic }
            : { kind: 'categories' as const, categories: c.categories ?? [], real: c.real, synthetic: c.synthetic };
        return { name: d.column, metric: d.metric, score: d.score, ...(d.reason ? { reason: d.reason } : {}), ...(distribution ? { distribution } : {}) };
      }),
      ...(r.charts?.pairs
        ? {
            pairs: {
              columns: pairCols,
              real: r.charts.pairs.real,
              synthetic: r.charts.pairs.synthetic,
              scores: pairCols.map((a, i) => pairCols.map((b, j) => (i === j ? null : (pairScores.get(`${a}|${b}`) ?? null)))),
              measure: "Pearson correlation (numeric pairs) / Cramér's V (others)",
            },
          }
        : {}),
    },
    ...(r.privacy
      ? {
          privacy: {
            ...(r.privacy.verdict
              ? {
                  verdict: [r.privacy.verdict.summary, ...(r.privacy.verdict.findings ?? [])].join(' '),
                  ...(LEVELS[r.privacy.verdict.level] ? { level: LEVELS[r.privacy.verdict.level] } : {}),
                }
              : {}),
            newRowSynthesis: scoreOf(r.privacy.newRowSynthesis),
            dcrBaselineProtection: scoreOf(r.privacy.dcrBaselineProtection),
            dcrOverfittingProtection: scoreOf(r.privacy.dcrOverfittingProtection),
            ...(r.privacyGate?.removedRows !== undefined ? { copiesRemoved: r.privacyGate.removedRows } : {}),
          },
        }
      : {}),
  };
  const parsed = qualityReport.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export function toDashboardBehaviour(raw: unknown): { figures: Figure[] } | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const figures = (raw as { figures?: unknown }).figures;
  const r = z.array(figure).safeParse(figures);
  return r.success ? { figures: r.data } : undefined;
}

export function toDashboardLab(raw: unknown): HostMessage {
  const results = (raw as { results?: unknown } | undefined)?.results;
  const r = z.array(labRow).safeParse(results);
  if (!r.success) {
    return { v: WEBVIEW_PROTOCOL_VERSION, type: 'labFailed', message: 'The lab finished but its results could not be shown; see lab.json in the run folder.' };
  }
  return { v: WEBVIEW_PROTOCOL_VERSION, type: 'labResult', results: r.data };
}
