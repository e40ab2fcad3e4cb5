/**
 * The recommender lab's table rows: each experiment's metrics as "value [low, high]" with a
 * significance mark against the real-only run of the same model, sparsity and user group. Pure.
 */
import type { LabRow, MetricValue } from '../../../src/protocol/webview';

export interface LabCell {
  readonly text: string;
  /** '', '*' (p < 0.05) or '**' (p < 0.01). */
  readonly mark: string;
  /** Against the real-only baseline: 'up', 'down' or '' (baseline itself, or no baseline). */
  readonly direction: 'up' | 'down' | '';
}

export function metricNames(rows: readonly LabRow[], preferred?: readonly string[]): string[] {
  if (preferred && preferred.length) return [...preferred];
  const seen: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.metrics)) if (!seen.includes(k)) seen.push(k);
  return seen;
}

export function significanceMark(p: number | undefined): string {
  if (p === undefined) return '';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  return '';
}

export function formatMetric(m: MetricValue | undefined, digits = 4): string {
  if (!m) return '';
  const f = (x: number): string => x.toFixed(digits);
  return m.low !== undefined && m.high !== undefined ? `${f(m.value)} [${f(m.low)}, ${f(m.high)}]` : f(m.value);
}

function sameExperiment(a: LabRow, b: LabRow): boolean {
  return a.model === b.model && a.keep === b.keep && (a.group ?? '') === (b.group ?? '');
}

export function baselineOf(row: LabRow, rows: readonly LabRow[]): LabRow | undefined {
  if (row.training === 'real') return undefined;
  return rows.find((r) => r.training === 'real' && sameExperiment(r, row));
}

export function labCell(row: LabRow, metric: string, rows: readonly LabRow[]): LabCell {
  const m = row.metrics[metric];
  const base = baselineOf(row, rows)?.metrics[metric];
  const direction = m && base ? (m.value > base.value ? 'up' : m.value < base.value ? 'down' : '') : '';
  return { text: formatMetric(m), mark: row.training === 'real' ? '' : significanceMark(m?.pValue), direction };
}

/** Rows ordered as the table shows them: by model, then sparsity (most data first), group, training kind. */
export function sortLabRows(rows: readonly LabRow[]): LabRow[] {
  const order = { real: 0, augmented: 1, synthetic: 2 } as const;
  return [...rows].sort(
    (a, b) =>
      a.model.localeCompare(b.model) ||
      b.keep - a.keep ||
      (a.group ?? '').localeCompare(b.group ?? '') ||
      order[a.training] - order[b.training] ||
      (a.ratio ?? 0) - (b.ratio ?? 0),
  );
}

/** The lab table as tab-separated text (one header line, then one line per experiment) for pasting into a sheet. */
export function labTsv(rows: readonly LabRow[], metrics: readonly string[]): string {
  const clean = (x: string): string => x.replace(/[\t\r\n]+/g, ' ');
  const header = ['model', 'training', 'ratio', 'keep', 'group', ...metrics.flatMap((m) => [m, `${m} low`, `${m} high`, `${m} p`])];
  const num = (x: number | undefined): string => (x === undefined ? '' : String(x));
  const lines = rows.map((r) =>
    [
      clean(r.model),
      r.training,
      num(r.ratio),
      String(r.keep),
      clean(r.group ?? ''),
      ...metrics.flatMap((m) => {
        const v = r.metrics[m];
        return [num(v?.value), num(v?.low), num(v?.high), num(v?.pValue)];
      }),
    ].join('\t'),
  );
  return [header.join('\t'), ...lines].join('\n');
}
