/**
 * Messages between the extension host and the dashboard webview. Versioned discriminated unions,
 * checked with zod on arrival at both ends: a malformed message is logged and dropped.
 *
 * The webview bundle imports this file, so it must never import src/core: shapes the dashboard
 * needs from the engine (column profiles, quality report, lab results) are re-declared here.
 */
import { z } from 'zod';

export const WEBVIEW_PROTOCOL_VERSION = 1;
const v = z.literal(WEBVIEW_PROTOCOL_VERSION);

/** The panel's view type; the serializer that restores panels after a reload is registered under it. */
export const DASHBOARD_VIEW_TYPE = 'recsynth.dashboard';

// ---------------------------------------------------------------------------------------------
// Shared pieces

export type Cell = string | number | null;

function isCell(x: unknown): x is Cell {
  return x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
}

/**
 * A preview table: column names and rows of cells. Checked with a plain loop instead of nested
 * zod arrays because a synthetic preview can hold 100,000 rows x 20 columns, where per-cell zod
 * parsing costs a noticeable fraction of a second on every replay.
 */
export interface PreviewTable {
  columns: string[];
  rows: Cell[][];
}

export function isPreviewTable(x: unknown): x is PreviewTable {
  if (typeof x !== 'object' || x === null) return false;
  const { columns, rows } = x as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) return false;
  if (!Array.isArray(rows)) return false;
  const width = columns.length;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== width) return false;
    for (const c of row) if (!isCell(c)) return false;
  }
  return true;
}

export const previewTable = z.custom<PreviewTable>(isPreviewTable, {
  message: 'expected { columns: string[], rows: (string | number | null)[][] } with one cell per column in every row',
});

const count = z.number().int().nonnegative();
const finite = z.number().finite();
/** A score in [0, 1], or null where the metric does not apply. */
const score = z.number().min(0).max(1).nullable();

export const histogram = z
  .object({ edges: z.array(finite).min(2), counts: z.array(count) })
  .refine((h) => h.edges.length === h.counts.length + 1, { message: 'a histogram needs one more edge than counts' });
export type Histogram = z.infer<typeof histogram>;

export const topValue = z.object({ value: z.string(), count });
export type TopValue = z.infer<typeof topValue>;

export const columnType = z.enum(['numerical', 'datetime', 'categorical', 'text', 'id']);
export type ColumnTypeName = z.infer<typeof columnType>;

export const columnProfile = z.object({
  name: z.string(),
  /** One of the profile message's `roles`. */
  role: z.string(),
  type: columnType,
  /** Why the role was inferred (or "set in recsynth.json"). */
  reason: z.string(),
  /** Percentage of missing cells, 0..100. */
  missingPct: z.number().min(0).max(100),
  /** Distinct non-missing values. */
  distinct: count,
  /** Numeric and datetime columns (datetime edges are epoch milliseconds). */
  histogram: histogram.optional(),
  /** Categorical, text and id columns: the most frequent values, most frequent first. */
  topValues: z.array(topValue).optional(),
  /** Non-missing cells not covered by topValues. */
  otherCount: count.optional(),
  /** Numeric and datetime columns. */
  min: finite.optional(),
  max: finite.optional(),
  mean: finite.optional(),
});
export type ColumnProfile = z.infer<typeof columnProfile>;

/** An example is whatever a rule found worth showing (a row number, a value, a small record); shown as text. */
const example = z.union([z.string(), z.number(), z.boolean(), z.null(), z.record(z.unknown())]);

export const preprocessRule = z.object({
  id: z.string(),
  title: z.string(),
  rowsRemoved: count,
  valuesChanged: count,
  columns: z.array(z.string()),
  examples: z.array(example),
});
export const preprocessReport = z.object({ rowsIn: count, rowsOut: count, rules: z.array(preprocessRule) });
export type PreprocessReport = z.infer<typeof preprocessReport>;

// ---------------------------------------------------------------------------------------------
// Quality report, as the dashboard draws it (loosely typed: unknown extra keys pass through)

/** Real vs synthetic distribution of one column: frequencies (each side sums to 1, or counts). */
export const distributionPair = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('histogram'), edges: z.array(finite).min(2), real: z.array(finite), synthetic: z.array(finite) }),
  z.object({ kind: z.literal('categories'), categories: z.array(z.string()), real: z.array(finite), synthetic: z.array(finite) }),
]);
export type DistributionPair = z.infer<typeof distributionPair>;

export const qualityColumn = z
  .object({
    name: z.string(),
    /** KSComplement, TVComplement, ... */
    metric: z.string().optional(),
    score,
    reason: z.string().optional(),
    distribution: distributionPair.optional(),
  })
  .passthrough();
export type QualityColumn = z.infer<typeof qualityColumn>;

const matrix = z.array(z.array(z.number().finite().nullable()));
export const pairMatrices = z.object({
  columns: z.array(z.string()),
  /** Pairwise association (correlation or contingency similarity input), one row per column. */
  real: matrix,
  synthetic: matrix,
  /** Column Pair Trends score per pair, when computed. */
  scores: matrix.optional(),
  /** What the cells are ("Spearman correlation / Cramér's V"), for the legend. */
  measure: z.string().optional(),
});
export type PairMatrices = z.infer<typeof pairMatrices>;

export const privacySection = z
  .object({
    /** Plain-language verdict, e.g. "No synthetic row copies a real one; ...". */
    verdict: z.string().optional(),
    level: z.enum(['good', 'warning', 'bad']).optional(),
    newRowSynthesis: score.optional(),
    dcrBaselineProtection: score.optional(),
    dcrOverfittingProtection: score.optional(),
    /** Rows removed by the privacy gate before writing. */
    copiesRemoved: count.optional(),
  })
  .passthrough();
export type PrivacySection = z.infer<typeof privacySection>;

export const qualityReport = z
  .object({
    quality: z
      .object({
        overall: score.optional(),
        columnShapes: score.optional(),
        columnPairTrends: score.optional(),
        columns: z.array(qualityColumn).optional(),
        pairs: pairMatrices.optional(),
      })
      .passthrough(),
    privacy: privacySection.optional(),
  })
  .passthrough();
export type QualityReport = z.infer<typeof qualityReport>;

/** A generic small figure (sequence lengths, inter-event gaps, ...), real vs synthetic series. */
export const figure = z.object({
  title: z.string(),
  kind: z.enum(['bars', 'line']),
  x: z.array(z.union([z.string(), finite])),
  series: z.array(z.object({ name: z.string(), values: z.array(finite.nullable()) })),
  xLabel: z.string().optional(),
  yLabel: z.string().optional(),
});
export type Figure = z.infer<typeof figure>;

// ---------------------------------------------------------------------------------------------
// Recommender lab

export const metricValue = z.object({
  value: finite,
  /** Bootstrap 95% interval over users. */
  low: finite.optional(),
  high: finite.optional(),
  /** Paired test against the real-only run of the same model and sparsity level. */
  pValue: z.number().min(0).max(1).optional(),
});
export type MetricValue = z.infer<typeof metricValue>;

export const labRow = z.object({
  model: z.string(),
  training: z.enum(['real', 'synthetic', 'augmented']),
  /** Fraction of training interactions kept (sparsity level), 0..1. */
  keep: z.number().min(0).max(1),
  /** Synthetic : real ratio for augmented runs. */
  ratio: finite.optional(),
  /** User group ("all", "cold", "active"). */
  group: z.string().optional(),
  /** Keyed by metric name: "ndcg@10", "recall@20", ... */
  metrics: z.record(metricValue),
});
export type LabRow = z.infer<typeof labRow>;

const recItem = z.object({ item: z.string(), description: z.string().optional(), score: finite.optional() });
export const previewUser = z.object({
  user: z.string(),
  history: z.array(z.object({ item: z.string(), description: z.string().optional(), time: z.string().optional() })),
  realOnly: z.array(recItem),
  augmented: z.array(recItem),
});
export type PreviewUser = z.infer<typeof previewUser>;

// ---------------------------------------------------------------------------------------------
// Runs

export const runSummary = z.object({
  runId: z.string(),
  /** ISO time. */
  startedAt: z.string(),
  model: z.string(),
  status: z.enum(['running', 'finished', 'failed', 'cancelled']),
  config: z.record(z.unknown()),
  durationMs: finite.nonnegative().optional(),
  outputDir: z.string().optional(),
  /** Headline scores for comparing runs: overall, columnShapes, ... */
  scores: z.record(score).optional(),
});
export type RunSummary = z.infer<typeof runSummary>;

export const stage = z.enum(['reading', 'preprocessing', 'fitting', 'sampling', 'evaluating', 'writing', 'recommending']);

// ---------------------------------------------------------------------------------------------
// Host -> webview

export const initMessage = z.object({
  v,
  type: z.literal('init'),
  dataset: z.object({ path: z.string(), name: z.string() }),
  /** Localised UI strings, keyed as in webview-strings.ts; missing keys fall back to English. */
  strings: z.record(z.string()),
  /** The tfjs backend the worker uses, when known. */
  backend: z.string().optional(),
  /** Models the synthesize form offers, and its defaults (from settings). */
  models: z.array(z.string()).optional(),
  defaults: z.object({ model: z.string(), rows: z.number().int().positive(), seed: z.number().int().nonnegative().optional() }).optional(),
});

export const profileMessage = z.object({
  v,
  type: z.literal('profile'),
  columns: z.array(columnProfile),
  /** Roles the dropdown offers. */
  roles: z.array(z.string()),
  realPreview: previewTable,
  /** Rows in the whole file (the preview holds the first ones). */
  totalRows: count.optional(),
  preprocess: preprocessReport.optional(),
});

export const runStartedMessage = z.object({
  v,
  type: z.literal('runStarted'),
  runId: z.string(),
  config: z.record(z.unknown()),
  model: z.string(),
});

export const progressMessage = z.object({
  v,
  type: z.literal('progress'),
  runId: z.string(),
  stage,
  fraction: z.number().min(0).max(1).optional(),
  message: z.string().optional(),
  step: finite.optional(),
  totalSteps: finite.optional(),
  epoch: finite.optional(),
  losses: z.record(finite).optional(),
  model: z.string().optional(),
  elapsedMs: finite.nonnegative(),
  etaMs: finite.nonnegative().optional(),
  /** Rows or steps per second, with its unit in throughputUnit. */
  throughput: finite.nonnegative().optional(),
  throughputUnit: z.string().optional(),
  /** The tfjs backend the run uses, once the worker has chosen it. */
  backend: z.string().optional(),
});

export const runFinishedMessage = z.object({
  v,
  type: z.literal('runFinished'),
  runId: z.string(),
  outputDir: z.string(),
  files: z.array(z.string()),
  /** Milliseconds per stage. */
  timings: z.record(finite.nonnegative()),
  syntheticPreview: previewTable,
  /**
   * The real table the model learned, when it differs from the file's rows (e.g. the item table
   * derived from an interaction log), so the Synthetic tab compares like with like.
   */
  realPreview: previewTable.optional(),
  /** Rows written (the preview may hold fewer). */
  totalRows: count.optional(),
  quality: qualityReport.optional(),
  behaviour: z.object({ figures: z.array(figure) }).optional(),
  backend: z.string(),
});

export const runFailedMessage = z.object({ v, type: z.literal('runFailed'), runId: z.string(), message: z.string() });
export const runCancelledMessage = z.object({ v, type: z.literal('runCancelled'), runId: z.string() });
export const runsMessage = z.object({ v, type: z.literal('runs'), runs: z.array(runSummary) });

export const labStartedMessage = z.object({ v, type: z.literal('labStarted') });
export const labResultMessage = z.object({
  v,
  type: z.literal('labResult'),
  results: z.array(labRow),
  preview: z.object({ users: z.array(previewUser) }).optional(),
  /** Metric names in the order the table shows them; defaults to those found in results. */
  metrics: z.array(z.string()).optional(),
});
export const labFailedMessage = z.object({ v, type: z.literal('labFailed'), message: z.string() });

/** A short message for the user (a saved role, a failed save). */
export const noticeMessage = z.object({ v, type: z.literal('notice'), level: z.enum(['info', 'warning', 'error']), message: z.string() });

export const hostMessage = z.discriminatedUnion('type', [
  initMessage,
  profileMessage,
  runStartedMessage,
  progressMessage,
  runFinishedMessage,
  runFailedMessage,
  runCancelledMessage,
  runsMessage,
  labStartedMessage,
  labResultMessage,
  labFailedMessage,
  noticeMessage,
]);
export type HostMessage = z.infer<typeof hostMessage>;
export type HostMessageOf<T extends HostMessage['type']> = Extract<HostMessage, { type: T }>;

// ---------------------------------------------------------------------------------------------
// Webview -> host

export const webviewMessage = z.discriminatedUnion('type', [
  z.object({ v, type: z.literal('ready') }),
  z.object({
    v,
    type: z.literal('synthesize'),
    model: z.string().min(1),
    rows: z.number().int().positive().max(10_000_000),
    seed: z.number().int().nonnegative().optional(),
  }),
  z.object({ v, type: z.literal('cancel') }),
  z.object({ v, type: z.literal('setRole'), column: z.string().min(1), role: z.string().min(1) }),
  z.object({ v, type: z.literal('refreshProfile') }),
  z.object({ v, type: z.literal('runLab') }),
  z.object({ v, type: z.literal('openOutput'), path: z.string().min(1) }),
  z.object({ v, type: z.literal('copy'), text: z.string().max(1_000_000) }),
]);
export type WebviewMessage = z.infer<typeof webviewMessage>;

/** What the webview keeps with vscode.setState; the serializer reads `dataset` to reopen the panel. */
export const persistedState = z.object({
  dataset: z.string().min(1),
  tab: z.string().optional(),
  filterColumn: z.string().optional(),
  filterText: z.string().optional(),
  labUser: z.string().optional(),
  overlayColumn: z.string().optional(),
  /** The synthesize form as the user left it (text, validated on submit). */
  model: z.string().optional(),
  rows: z.string().optional(),
  seed: z.string().optional(),
});
export type PersistedState = z.infer<typeof persistedState>;

// ---------------------------------------------------------------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: unknown): Parsed<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const kind = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type) : typeof raw;
  return { ok: false, reason: `${kind} message, ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
}

export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return parseWith(hostMessage, raw);
}

export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return parseWith(webviewMessage, raw);
}

export function parsePersistedState(raw: unknown): Parsed<PersistedState> {
  return parseWith(persistedState, raw);
}
