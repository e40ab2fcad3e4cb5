/** Number and time formatting for the dashboard. Pure. */

/** 0..1 score as a percentage with one decimal ("87.5%"); null shows the n/a text. */
export function formatScore(s: number | null | undefined, na: string): string {
  return s === null || s === undefined ? na : `${(s * 100).toFixed(1)}%`;
}

/** Milliseconds as "1h 02m", "3m 05s", "12.3s" or "850ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const totalS = Math.round(s);
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const sec = totalS % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : `${m}m ${String(sec).padStart(2, '0')}s`;
}

/** Compact number: integers with thousands separators, others with up to 4 significant digits. */
export function formatNumber(x: number, locale?: string): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return x.toLocaleString(locale);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(2);
  return Number(x.toPrecision(4)).toLocaleString(locale, { maximumFractionDigits: 4 });
}

export function formatPct(p: number): string {
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

/** Epoch milliseconds as an ISO date (UTC), for datetime histogram edges. */
export function formatDate(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}
