/**
 * Finds, for a synthetic row, whether some real row matches it: every categorical value equal and
 * every numeric value within `tolerance * |synthetic value|` (NewRowSynthesis' rule; a missing
 * value matches only a missing value). Real rows are grouped by their categorical values and
 * sorted by the first numeric column, so a lookup is a hash probe plus a binary search.
 */
import type { ContinuousColumn, DiscreteColumn, PreparedTable } from './prepared';

interface Group {
  /** Real row indices, sorted by the first numeric column (NaN rows kept apart). */
  readonly rows: Int32Array;
  readonly firstValues: Float64Array;
  readonly nanRows: Int32Array;
}

function categoricalKey(columns: readonly DiscreteColumn[], row: number): string {
  let key = '';
  for (const c of columns) {
    const v = c.values[row];
    // \u0001 marks a missing value so it cannot collide with a real string.
    key += (v === null || v === undefined ? '\u0001' : `${v.length}:${v}`) + '\u0000';
  }
  return key;
}

function within(real: number, synthetic: number, tolerance: number): boolean {
  if (Number.isNaN(synthetic)) return Number.isNaN(real);
  return Math.abs(real - synthetic) <= Math.abs(tolerance * synthetic);
}

export class RowMatcher {
  private readonly groups = new Map<string, Group>();
  private readonly numeric: readonly ContinuousColumn[];
  private readonly discrete: readonly DiscreteColumn[];

  constructor(
    real: PreparedTable,
    private readonly tolerance: number,
  ) {
    this.numeric = real.columns.filter((c): c is ContinuousColumn => c.kind === 'continuous');
    this.discrete = real.columns.filter((c): c is DiscreteColumn => c.kind === 'discrete');
    const members = new Map<string, number[]>();
    for (let r = 0; r < real.nRows; r++) {
      const key = categoricalKey(this.discrete, r);
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
    const group = this.groups.get(categoricalKey(discrete, row));
    if (!group) return -1;
    const first = numeric[0];
    if (!first) return group.rows.length > 0 ? group.rows[0]! : -1;
    const v0 = first.values[row]!;
    const rest = (realRow: number): boolean => {
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
