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
  type QualityColumn,
} from '../protocol/webview';
import type { ColumnChart, PairTrendDetail, QualityReport as EngineQualityReport } from '../core/quality/reportTypes';
import { z } from 'zod';

/**
 * The part of the engine report this adapter reads: report.json of a table run is the engine's
 * QualityReport spread into an object that also holds the privacy gate's count. Behaviour runs
 * have no `quality`, and any key may be missing from a report written by an older version.
 */
type EngineReport = Partial<Pick<EngineQualityReport, 'quality' | 'charts' | 'privacy'>> & {
  readonly privacyGate?: { readonly removedRows?: number };
};

const LEVELS: Record<string, 'good' | 'warning' | 'bad'> = { 'low-risk': 'good', caution: 'warning', 'high-risk': 'bad' };

/** Pair-trend scores as a square matrix in the chart's column order (null on the diagonal and for unscored pairs). */
function pairScoreMatrix(columns: readonly string[], details: readonly PairTrendDetail[]): (number | null)[][] {
  const byPair = new Map<string, number | null>();
  for (const d of details) {
    byPair.set(`${d.column1}|${d.column2}`, d.score);
    byPair.set(`${d.column2}|${d.column1}`, d.score);
  }
  return columns.map((a, i) => columns.map((b, j) => (i === j ? null : (byPair.get(`${a}|${b}`) ?? null))));
}

function distributionOf(c: ColumnChart | undefined): QualityColumn['distribution'] {
  if (!c) return undefined;
  return c.kind === 'histogram'
    ? { kind: 'histogram', edges: [...c.edges], real: [...c.real], synthetic: [...c.synthetic] }
    : { kind: 'categories', categories: [...c.categories], real: [...c.real], synthetic: [...c.synthetic] };
}

/** The engine's quality report (src/core/quality/reportTypes.ts) in the dashboard's shape. */
export function toDashboardQuality(report: Record<string, unknown>): QualityReport | undefined {
  const r = report as EngineReport;
  const q = r.quality;
  if (!q) return undefined;
  const charts = new Map((r.charts?.columns ?? []).map((c) => [c.column, c]));
  const pairs = r.charts?.pairs;
  const candidate = {
    quality: {
      overall: q.overall ?? null,
      columnShapes: q.columnShapes ?? null,
      columnPairTrends: q.columnPairTrends ?? null,
      columns: (q.columnShapesDetails ?? []).map((d) => {
        const distribution = distributionOf(charts.get(d.column));
        return { name: d.column, metric: d.metric, score: d.score, ...(d.reason ? { reason: d.reason } : {}), ...(distribution ? { distribution } : {}) };
      }),
      ...(pairs
        ? {
            pairs: {
              columns: pairs.columns,
              real: pairs.real,
              synthetic: pairs.synthetic,
              scores: pairScoreMatrix(pairs.columns, q.columnPairTrendsDetails ?? []),
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
            newRowSynthesis: r.privacy.newRowSynthesis ?? null,
            dcrBaselineProtection: r.privacy.dcrBaselineProtection ?? null,
            dcrOverfittingProtection: r.privacy.dcrOverfittingProtection ?? null,
            ...(r.privacyGate?.removedRows !== undefined ? { copiesRemoved: r.privacyGate.removedRows } : {}),
          },
        }
      : {}),
  };
  const parsed = qualityReport.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

interface EngineHistogram {
  bins: string[];
  real: number[];
  synthetic: number[];
  ksComplement?: number;
}

interface EngineBehaviour {
  sessionLength?: EngineHistogram;
  interEventTime?: EngineHistogram;
  itemPopularity?: { score: number; curve?: { rankFraction: number[]; real: number[]; synthetic: number[] } };
  scores?: Record<string, number | null>;
  distinctItems?: { real: number; synthetic: number };
  exactCopies?: { share: number };
  repeatPurchase?: { real: number; synthetic: number };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** The behaviour model's sequence figures (src/core/synth/behaviour/figures.ts) as dashboard figures. */
export function toDashboardBehaviour(raw: unknown): { figures: Figure[] } | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const b = raw as EngineBehaviour;
  const out: unknown[] = [];
  const hist = (h: EngineHistogram | undefined, title: string, xLabel: string): void => {
    if (!h) return;
    const score = h.ksComplement !== undefined ? ` (KS complement ${h.ksComplement.toFixed(3)})` : '';
    out.push({ title: `${title}${score}`, kind: 'bars', x: h.bins, series: [{ name: 'real', values: h.real }, { name: 'synthetic', values: h.synthetic }], xLabel, yLabel: 'share' });
  };
  hist(b.sessionLength, 'Session length', 'events per session');
  hist(b.interEventTime, 'Time between events', 'gap');
  const curve = b.itemPopularity?.curve;
  if (curve) {
    out.push({
      title: `Item popularity curve (score ${b.itemPopularity!.score.toFixed(3)})`,
      kind: 'line',
      x: curve.rankFraction,
      series: [{ name: 'real', values: curve.real }, { name: 'synthetic', values: curve.synthetic }],
      xLabel: 'top share of items',
      yLabel: 'share of events',
    });
  }
  if (b.scores) {
    const names = Object.keys(b.scores);
    out.push({ title: 'Sequence fidelity scores (1 = indistinguishable)', kind: 'bars', x: names, series: [{ name: 'score', values: names.map((n) => b.scores![n] ?? null) }] });
  }
  if (b.distinctItems && b.exactCopies && b.repeatPurchase) {
    out.push({
      title: `Distinct items, repeat purchases; ${pct(b.exactCopies.share)} of generated histories copy a real one`,
      kind: 'bars',
      x: ['distinct items', 'repeat-purchase rate'],
      series: [
        { name: 'real', values: [b.distinctItems.real, b.repeatPurchase.real] },
        { name: 'synthetic', values: [b.distinctItems.synthetic, b.repeatPurchase.synthetic] },
      ],
    });
  }
  const r = z.array(figure).safeParse(out);
  return r.success && r.data.length > 0 ? { figures: r.data } : undefined;
}

/** Metrics the lab table shows, in order. */
const LAB_METRICS = ['ndcg@10', 'recall@20', 'ndcg@20', 'recall@10', 'hitrate@10', 'mrr', 'coverage@10', 'gini@10', 'ild@10', 'novelty@10'];

interface EnginePreviewItem {
  itemId: string;
  description: string | null;
  score?: number;
  time?: string;
}

interface EngineLab {
  results?: Record<string, unknown>[];
  preview?: { users: { userId: string; history: EnginePreviewItem[]; real: EnginePreviewItem[]; augmented: EnginePreviewItem[] | null }[] } | null;
}

function interval(x: unknown): { low: number; high: number } | undefined {
  if (Array.isArray(x) && typeof x[0] === 'number' && typeof x[1] === 'number') return { low: x[0], high: x[1] };
  if (x && typeof x === 'object' && typeof (x as { low?: unknown }).low === 'number') return x as { low: number; high: number };
  return undefined;
}

const recItem = (i: EnginePreviewItem): { item: string; description?: string; score?: number } => ({
  item: i.itemId,
  ...(i.description ? { description: i.description } : {}),
  ...(i.score !== undefined && Number.isFinite(i.score) ? { score: i.score } : {}),
});

/** The recommender lab's result (src/core/recsys/lab.ts) as the dashboard's lab table and preview. */
export function toDashboardLab(raw: unknown): HostMessage {
  const lab = (raw ?? {}) as EngineLab;
  const rows = (lab.results ?? []).map((row) => {
    const metrics: Record<string, { value: number; low?: number; high?: number; pValue?: number }> = {};
    for (const name of LAB_METRICS) {
      const value = row[name];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      const ci = interval(row[`${name}_ci`]);
      const p = row['pValueVsReal'];
      metrics[name] = { value, ...(ci ?? {}), ...(name === 'ndcg@10' && typeof p === 'number' ? { pValue: p } : {}) };
    }
    return {
      model: row['model'],
      training: row['training'],
      keep: row['keep'],
      ...(typeof row['ratio'] === 'number' ? { ratio: row['ratio'] } : {}),
      group: 'all',
      metrics,
    };
  });
  const parsed = z.array(labRow).safeParse(rows);
  if (!parsed.success) {
    return { v: WEBVIEW_PROTOCOL_VERSION, type: 'labFailed', message: 'The lab finished but its results could not be shown; see lab.json in the run folder.' };
  }
  const users = (lab.preview?.users ?? []).map((u) => ({
    user: u.userId,
    history: u.history.map((h) => ({ item: h.itemId, ...(h.description ? { description: h.description } : {}), ...(h.time ? { time: h.time } : {}) })),
    realOnly: u.real.map(recItem),
    augmented: (u.augmented ?? []).map(recItem),
  }));
  return {
    v: WEBVIEW_PROTOCOL_VERSION,
    type: 'labResult',
    results: parsed.data,
    metrics: LAB_METRICS.filter((m) => parsed.data.some((r) => m in r.metrics)),
    ...(users.length > 0 ? { preview: { users } } : {}),
  };
}
