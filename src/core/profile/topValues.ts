/** Most frequent values of a string column, for the profile's top-values bars. */
export interface TopValues {
  readonly top: { value: string; count: number }[];
  /** Non-missing cells not among the top values. */
  readonly otherCount: number;
  readonly distinct: number;
}

/** Ties are broken by the value (code-unit order) so that the result does not depend on row order. */
export function topValuesOf(values: readonly (string | null)[], k: number): TopValues {
  const counts = new Map<string, number>();
  let nonMissing = 0;
  for (const v of values) {
    if (v === null) continue;
    nonMissing++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = sorted.slice(0, Math.max(0, k)).map(([value, count]) => ({ value, count }));
  const covered = top.reduce((s, t) => s + t.count, 0);
  return { top, otherCount: nonMissing - covered, distinct: counts.size };
}
