/**
 * Turns prepared tables into the numeric matrix the detection classifier sees: numeric columns
 * as they are (missing = NaN, imputed later per fold), categorical columns one-hot encoded with
 * the categories of the REAL table (as SDMetrics' encoder, fitted on real data only).
 */
import type { PreparedTable } from './prepared';

export interface FeatureMatrix {
  /** Row-major, nRows x width. */
  readonly values: Float64Array;
  readonly nRows: number;
  readonly width: number;
}

export interface OneHotLayout {
  readonly width: number;
  /** Per prepared column: for discrete ones, category -> offset within the row. */
  readonly encoders: readonly ({ kind: 'numeric'; offset: number } | { kind: 'onehot'; offset: number; categories: Map<string | null, number> })[];
}

/** Categories beyond `maxCategories` (the rarest) get no indicator of their own. */
export function fitOneHot(real: PreparedTable, maxCategories = Number.POSITIVE_INFINITY): OneHotLayout {
  let offset = 0;
  const encoders: OneHotLayout['encoders'][number][] = [];
  for (const c of real.columns) {
    if (c.kind === 'continuous') {
      encoders.push({ kind: 'numeric', offset });
      offset += 1;
      continue;
    }
    const counts = new Map<string | null, number>();
    for (const v of c.values) counts.set(v ?? null, (counts.get(v ?? null) ?? 0) + 1);
    const kept = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxCategories);
    const categories = new Map<string | null, number>();
    kept.forEach(([v], i) => categories.set(v, i));
    encoders.push({ kind: 'onehot', offset, categories });
    offset += categories.size;
  }
  return { width: offset, encoders };
}

/** Unknown categories of `t` (absent from the layout), per column name, up to 10 each. */
export function unknownCategories(layout: OneHotLayout, t: PreparedTable): Map<string, string[]> {
  const out = new Map<string, string[]>();
  t.columns.forEach((c, i) => {
    const enc = layout.encoders[i];
    if (!enc || enc.kind !== 'onehot' || c.kind !== 'discrete') return;
    const seen = new Set<string>();
    for (const v of c.values) if (!enc.categories.has(v ?? null) && seen.size < 10) seen.add(String(v));
    if (seen.size > 0) out.set(c.name, [...seen]);
  });
  return out;
}

export function encodeFeatures(layout: OneHotLayout, t: PreparedTable): FeatureMatrix {
  const width = layout.width;
  const values = new Float64Array(t.nRows * width);
  t.columns.forEach((c, i) => {
    const enc = layout.encoders[i]!;
    if (enc.kind === 'numeric') {
      if (c.kind !== 'continuous') throw new Error(`Column "${c.name}" is numeric in real data but not in this table.`);
      for (let r = 0; r < t.nRows; r++) {
        const v = c.values[r]!;
        values[r * width + enc.offset] = Number.isFinite(v) ? v : Number.NaN;
      }
    } else {
      if (c.kind !== 'discrete') throw new Error(`Column "${c.name}" is categorical in real data but not in this table.`);
      for (let r = 0; r < t.nRows; r++) {
        const k = enc.categories.get(c.values[r] ?? null);
        if (k !== undefined) values[r * width + enc.offset + k] = 1;
      }
    }
  });
  return { values, nRows: t.nRows, width };
}
