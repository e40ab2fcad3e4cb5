/**
 * Diversity of the synthetic data: does it cover the real categories (items) and ranges, with a
 * spread (entropy) like the real one, without repeating itself (duplicate rows)?
 */
import type { PreparedTable } from './prepared';
import { countCategories } from './tvComplement';
import { dropNaN, entropy, minMax } from './stats';

export interface CategoryDiversity {
  readonly column: string;
  readonly realCategories: number;
  readonly syntheticCategories: number;
  /** Share of real categories that appear in the synthetic column (SDMetrics' CategoryCoverage). */
  readonly coverage: number;
  /** Shannon entropy in bits, real and synthetic, and synthetic / real. */
  readonly entropyReal: number;
  readonly entropySynthetic: number;
  readonly entropyRatio: number | null;
}

export interface RangeDiversity {
  readonly column: string;
  /** Share of the real [min, max] covered by the synthetic [min, max] (SDMetrics' RangeCoverage). */
  readonly coverage: number | null;
}

export interface DiversityResult {
  readonly categories: readonly CategoryDiversity[];
  readonly ranges: readonly RangeDiversity[];
  /** Share of rows that repeat an earlier row of the same table (all evaluated columns equal). */
  readonly duplicateRowRate: { readonly real: number; readonly synthetic: number };
  /** Mean category coverage over categorical columns (null without any). */
  readonly meanCategoryCoverage: number | null;
}

/** Per-row codes (categories through a dictionary, numbers as their float bits) and a 32-bit hash. */
function rowHashes(t: PreparedTable): { hashes: Int32Array; same: (a: number, b: number) => boolean } {
  const hashes = new Int32Array(t.nRows).fill(0x811c9dc5 | 0);
  const scratch = new Float64Array(1);
  const bits = new Int32Array(scratch.buffer);
  const mix = (h: number, v: number): number => Math.imul(h ^ v, 16777619);
  for (const c of t.columns) {
    if (c.kind === 'continuous') {
      for (let r = 0; r < t.nRows; r++) {
        const v = c.values[r]!;
        scratch[0] = Number.isNaN(v) ? Number.NaN : v === 0 ? 0 : v; // one NaN, one zero
        hashes[r] = mix(mix(hashes[r]!, bits[0]!), bits[1]!);
      }
    } else {
      const dict = new Map<string | null, number>();
      for (let r = 0; r < t.nRows; r++) {
        const v = c.values[r] ?? null;
        let code = dict.get(v);
        if (code === undefined) dict.set(v, (code = dict.size));
        hashes[r] = mix(hashes[r]!, code);
      }
    }
  }
  const same = (a: number, b: number): boolean =>
    t.columns.every((c) => {
      const x = c.values[a];
      const y = c.values[b];
      return x === y || (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y));
    });
  return { hashes, same };
}

export function duplicateRowRate(t: PreparedTable): number {
  if (t.nRows === 0) return 0;
  const { hashes, same } = rowHashes(t);
  // Rows grouped by hash; a hash hit counts only after a full comparison (collisions are possible).
  const firstByHash = new Map<number, number[]>();
  let duplicates = 0;
  for (let r = 0; r < t.nRows; r++) {
    const h = hashes[r]!;
    const earlier = firstByHash.get(h);
    if (!earlier) firstByHash.set(h, [r]);
    else if (earlier.some((e) => same(e, r))) duplicates++;
    else earlier.push(r);
  }
  return duplicates / t.nRows;
}

const LOG2 = Math.log(2);

export function computeDiversity(real: PreparedTable, synthetic: PreparedTable): DiversityResult {
  const categories: CategoryDiversity[] = [];
  const ranges: RangeDiversity[] = [];
  real.columns.forEach((rc, i) => {
    const sc = synthetic.columns[i]!;
    if (rc.kind === 'discrete' && sc.kind === 'discrete') {
      const rCounts = countCategories(rc.values);
      const sCounts = countCategories(sc.values);
      let covered = 0;
      for (const k of rCounts.keys()) if (sCounts.has(k)) covered++;
      const hr = entropy(rCounts.values()) / LOG2;
      const hs = entropy(sCounts.values()) / LOG2;
      categories.push({
        column: rc.name,
        realCategories: rCounts.size,
        syntheticCategories: sCounts.size,
        coverage: rCounts.size === 0 ? 0 : covered / rCounts.size,
        entropyReal: hr,
        entropySynthetic: hs,
        entropyRatio: hr > 0 ? hs / hr : null,
      });
    } else if (rc.kind === 'continuous' && sc.kind === 'continuous') {
      const r = minMax(dropNaN(rc.values));
      const s = minMax(dropNaN(sc.values));
      const width = r.max - r.min;
      let coverage: number | null = null;
      if (Number.isFinite(width) && width > 0 && Number.isFinite(s.min)) {
        coverage = Math.max(0, 1 - (Math.max(0, s.min - r.min) + Math.max(0, r.max - s.max)) / width);
      }
      ranges.push({ column: rc.name, coverage });
    }
  });
  return {
    categories,
    ranges,
    duplicateRowRate: { real: duplicateRowRate(real), synthetic: duplicateRowRate(synthetic) },
    meanCategoryCoverage: categories.length === 0 ? null : categories.reduce((a, c) => a + c.coverage, 0) / categories.length,
  };
}
