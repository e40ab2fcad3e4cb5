/**
 * Finds, for a synthetic row, whether some real row matches it: every categorical value equal and
 * every numeric value within `tolerance * |synthetic value|` (NewRowSynthesis' rule; a missing
 * value matches only a missing value). Real rows are grouped by a hash of their category codes
 * and sorted by the first numeric column, so a lookup is a hash probe plus a binary search.
 */
import type { ContinuousColumn, DiscreteColumn, PreparedTable } from './prepared';

interface Group {
  /** Real row indices, sorted by the first numeric column (NaN rows kept apart). */
  readonly rows: Int32Array;
  readonly firstValues: Float64Array;
  readonly nanRows: Int32Array;
}

/** FNV-1a style 32-bit hash of a row's category codes; equal codes give equal hashes. */
function hashCodes(codes: readonly Int32Array[], row: number): number {
  let h = 0x811c9dc5 | 0;
  for (const c of codes) h = Math.imul(h ^ c[row]!, 16777619);
  return h;
}

function within(real: number, synthetic: number, tolerance: number): boolean {
  if (Number.isNaN(synthetic)) return Number.isNaN(real);
  return Math.abs(real - synthetic) <= Math.abs(tolerance * synthetic);
}

export class RowMatcher {
  /** Real rows grouped by the hash of their categories (a group may mix categories: verified on lookup). */
  private readonly groups = new Map<number, Group>();
  /** Per discrete column: category (null = missing) -> code, and the real rows' codes. */
  private readonly dictionaries: Map<string | null, number>[];
  private readonly realCodes: Int32Array[];
  private readonly queryCodes: Int32Array;
  private readonly numeric: readonly ContinuousColumn[];
  private readonly discrete: readonly DiscreteColumn[];

  constructor(
    real: PreparedTable,
    private readonly tolerance: number,
  ) {
    this.numeric = real.columns.filter((c): c is ContinuousColumn => c.kind === 'continuous');
    this.discrete = real.columns.filter((c): c is DiscreteColumn => c.kind === 'discrete');
    this.queryCodes = new Int32Array(this.discrete.length);
    this.dictionaries = this.discrete.map(() => new Map<string | null, number>());
    this.realCodes = this.discrete.map((c, k) => {
      const dict = this.dictionaries[k]!;
      return Int32Array.from(c.values, (v) => {
        let code = dict.get(v ?? null);
        if (code === undefined) dict.set(v ?? null, (code = dict.size));
        return code;
      });
    });
    const members = new Map<number, number[]>();
    for (let r = 0; r < real.nRows; r++) {
      const key = hashCodes(this.realCodes, r);
      let list = members.get(key);
      if (!list) members.set(key, (list = []));
      list.push(r);
    }
    const first = this.numeric[0];
    for (const [key, list] of members) {
      if (!first) {
        this.groups.set(key, { rows: Int32Array.from(list), firstValues: new Float64Array(list.length), nanRows: new Int32Array(0) });
        continue;
      }
      const finite = list.filter((r) => !Number.isNaN(first.values[r]!));
      const nan = list.filter((r) => Number.isNaN(first.values[r]!));
      finite.sort((a, b) => first.values[a]! - first.values[b]!);
      this.groups.set(key, {
        rows: Int32Array.from(finite),
        firstValues: Float64Array.from(finite, (r) => first.values[r]!),
        nanRows: Int32Array.from(nan),
      });
    }
  }

  /** The first matching real row for synthetic row `row` of `synthetic`, or -1. */
  findMatch(synthetic: PreparedTable, row: number): number {
    const synthDiscrete = synthetic.columns.filter((c): c is DiscreteColumn => c.kind === 'discrete');
    const synthNumeric = synthetic.columns.filter((c): c is ContinuousColumn => c.kind === 'continuous');
    return this.findMatchIn(synthDiscrete, synthNumeric, row);
  }

  /** All synthetic rows that match some real row (ascending). */
  matchedRows(synthetic: PreparedTable): number[] {
    const synthDiscrete = synthetic.columns.filter((c): c is DiscreteColumn => c.kind === 'discrete');
    const synthNumeric = synthetic.columns.filter((c): c is ContinuousColumn => c.kind === 'continuous');
    const out: number[] = [];
    for (let r = 0; r < synthetic.nRows; r++) if (this.findMatchIn(synthDiscrete, synthNumeric, r) >= 0) out.push(r);
    return out;
  }

  private findMatchIn(discrete: readonly DiscreteColumn[], numeric: readonly ContinuousColumn[], row: number): number {
    const codes = this.queryCodes;
    for (let k = 0; k < discrete.length; k++) {
      const code = this.dictionaries[k]!.get(discrete[k]!.values[row] ?? null);
      if (code === undefined) return -1; // a category no real row has
      codes[k] = code;
    }
    let h = 0x811c9dc5 | 0;
    for (let k = 0; k < codes.length; k++) h = Math.imul(h ^ codes[k]!, 16777619);
    const group = this.groups.get(h);
    if (!group) return -1;
    const sameCategories = (realRow: number): boolean => {
      for (let k = 0; k < codes.length; k++) if (this.realCodes[k]![realRow] !== codes[k]) return false;
      return true;
    };
    const first = numeric[0];
    if (!first) {
      for (const r of group.rows) if (sameCategories(r)) return r;
      return -1;
    }
    const v0 = first.values[row]!;
    const rest = (realRow: number): boolean => {
      if (!sameCategories(realRow)) return false;
      for (let c = 1; c < numeric.length; c++) {
        if (!within(this.numeric[c]!.values[realRow]!, numeric[c]!.values[row]!, this.tolerance)) return false;
      }
      return true;
    };
    if (Number.isNaN(v0)) {
      for (const r of group.nanRows) if (rest(r)) return r;
      return -1;
    }
    const t = Math.abs(this.tolerance * v0);
    const xs = group.firstValues;
    // First sorted position that is not too far below v0 (|x - v0| is monotone on each side of v0).
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const x = xs[mid]!;
      if (x < v0 && Math.abs(x - v0) > t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < xs.length; i++) {
      const x = xs[i]!;
      if (x > v0 && Math.abs(x - v0) > t) break;
      if (Math.abs(x - v0) <= t && rest(group.rows[i]!)) return group.rows[i]!;
    }
    return -1;
  }
}
