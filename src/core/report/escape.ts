/** HTML escaping for every user-supplied string (column names, categories, titles). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A score for display: 3 decimals, or an em dash when there is none. */
export function fmtScore(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(3);
}

export function fmtPct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
