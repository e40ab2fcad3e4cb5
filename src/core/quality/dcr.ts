/**
 * Distance to closest record (SDMetrics' calculate_dcr). The distance between two rows is the
 * mean over columns of: numeric min(|a - b| / range, 1) with the range (max - min) of the
 * REFERENCE table (both missing: 0, one missing: 1), categorical 0 if equal else 1.
 *
 * Search (exact): reference rows are stored row-major in typed arrays, sorted by one numeric
 * column. Phase 1 scans outward from the query's position in that order; the column's term alone
 * is a lower bound of the distance, so a direction stops once it reaches the current k-th best,
 * and a candidate is abandoned as soon as its partial sum does. Queries far from every row (for
 * which that bound is weak) switch after a fixed budget to phase 2: categorical matches counted
 * through inverted lists, then only rows whose mismatches + key term beat the bound are
 * evaluated. Far from an all-pairs loop over row objects.
 */
import type { PreparedTable } from './prepared';
import { minMax } from './stats';

interface Encoded {
  readonly n: number;
  /** Row-major numeric values, nNum per row. */
  readonly num: Float64Array;
  /** Row-major category codes (shared dictionary; missing = its own code), nCat per row. */
  readonly cat: Int32Array;
}

interface Layout {
  readonly numeric: readonly number[];
  readonly discrete: readonly number[];
  /** Reference range per numeric column. */
  readonly ranges: Float64Array;
}

function layoutOf(reference: PreparedTable): Layout {
  const numeric: number[] = [];
  const discrete: number[] = [];
  reference.columns.forEach((c, i) => (c.kind === 'continuous' ? numeric : discrete).push(i));
  const ranges = new Float64Array(numeric.length);
  numeric.forEach((ci, k) => {
    const c = reference.columns[ci]!;
    if (c.kind !== 'continuous') return;
    let { min, max } = minMax(c.values.filter((v) => !Number.isNaN(v)));
    if (!Number.isFinite(min)) {
      min = 0;
      max = 0;
    }
    ranges[k] = max - min;
  });
  return { numeric, discrete, ranges };
}

function encode(t: PreparedTable, layout: Layout, dictionaries: Map<string | null, number>[]): Encoded {
  const nNum = layout.numeric.length;
  const nCat = layout.discrete.length;
  const num = new Float64Array(t.nRows * nNum);
  const cat = new Int32Array(t.nRows * nCat);
  layout.numeric.forEach((ci, k) => {
    const c = t.columns[ci]!;
    if (c.kind !== 'continuous') throw new Error(`Column "${c.name}" is numeric in one table and categorical in the other.`);
    for (let r = 0; r < t.nRows; r++) num[r * nNum + k] = c.values[r]!;
  });
  layout.discrete.forEach((ci, k) => {
    const c = t.columns[ci]!;
    if (c.kind !== 'discrete') throw new Error(`Column "${c.name}" is categorical in one table and numeric in the other.`);
    const dict = dictionaries[k]!;
    for (let r = 0; r < t.nRows; r++) {
      const v = c.values[r] ?? null;
      let code = dict.get(v);
      if (code === undefined) dict.set(v, (code = dict.size));
      cat[r * nCat + k] = code;
    }
  });
  return { n: t.nRows, num, cat };
}

function numericTerm(a: number, b: number, range: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN && bNaN ? 0 : 1;
  if (range === 0) return a === b ? 0 : 1;
  const d = Math.abs(a - b) / range;
  return d < 1 ? d : 1;
}

/**
 * Sum of the column terms between reference row i and the query row, abandoned (returning a value
 * >= bound) as soon as the partial sum reaches `bound`. Categorical terms first: they are cheap
 * and jump by 1.
 */
function partialDistance(
  rowNum: Float64Array,
  rowCat: Int32Array,
  i: number,
  qNumAll: Float64Array,
  qCatAll: Int32Array,
  qNum: number,
  qCat: number,
  nNum: number,
  nCat: number,
  ranges: Float64Array,
  bound: number,
): number {
  let s = 0;
  const cBase = i * nCat;
  for (let c = 0; c < nCat; c++) {
    if (rowCat[cBase + c] !== qCatAll[qCat + c]) {
      s += 1;
      if (s >= bound) return s;
    }
  }
  const nBase = i * nNum;
  for (let c = 0; c < nNum; c++) {
    s += numericTerm(qNumAll[qNum + c]!, rowNum[nBase + c]!, ranges[c]!);
    if (s >= bound) return s;
  }
  return s;
}

/** Numeric part of the distance added to `start` (the categorical mismatches), abandoned at `bound`. */
function numericDistance(rowNum: Float64Array, i: number, qNumAll: Float64Array, qNum: number, nNum: number, ranges: Float64Array, start: number, bound: number): number {
  let s = start;
  const nBase = i * nNum;
  for (let c = 0; c < nNum; c++) {
    s += numericTerm(qNumAll[qNum + c]!, rowNum[nBase + c]!, ranges[c]!);
    if (s >= bound) return s;
  }
  return s;
}

/** Row indices grouped by their code in categorical column c (counting sort), with offsets per code. */
function invertedList(cat: Int32Array, nCat: number, c: number, m: number, codes: number): { offsets: Int32Array; rows: Int32Array } {
  const offsets = new Int32Array(codes + 1);
  for (let i = 0; i < m; i++) offsets[cat[i * nCat + c]! + 1]!++;
  for (let v = 0; v < codes; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, codes);
  const rows = new Int32Array(m);
  for (let i = 0; i < m; i++) rows[next[cat[i * nCat + c]!]!++] = i;
  return { offsets, rows };
}

/** Rows phase 1 may evaluate before a query switches to the full, vectorised pass. */
const SCAN_BUDGET = 512;

export interface NearestDistances {
  /** Distance (mean over columns) to the closest reference row, per query row. */
  readonly first: Float64Array;
  /** Distance to the second closest reference row (only when k = 2). */
  readonly second?: Float64Array;
  /** Candidate rows whose distance was evaluated (fully or partly): a measure of the work done. */
  readonly evaluated: number;
}

/**
 * For each row of `query`, the distance to its nearest (and with k = 2, second nearest) row of
 * `reference`. Both tables must be prepared with the same metadata.
 */
export function nearestDistances(reference: PreparedTable, query: PreparedTable, k: 1 | 2 = 1): NearestDistances {
  const layout = layoutOf(reference);
  const nCols = layout.numeric.length + layout.discrete.length;
  if (nCols === 0) throw new Error('Distance to closest record needs at least one numerical or categorical column.');
  const dictionaries = layout.discrete.map(() => new Map<string | null, number>());
  const ref = encode(reference, layout, dictionaries);
  const qry = encode(query, layout, dictionaries);
  const nNum = layout.numeric.length;
  const nCat = layout.discrete.length;
  const ranges = layout.ranges;

  // Sort key: the numeric column with the most distinct values prunes best.
  let sortCol = -1;
  let bestDistinct = 0;
  for (let j = 0; j < nNum; j++) {
    const seen = new Set<number>();
    for (let r = 0; r < ref.n && seen.size <= 4096; r++) seen.add(ref.num[r * nNum + j]!);
    if (seen.size > bestDistinct && ranges[j]! > 0) {
      bestDistinct = seen.size;
      sortCol = j;
    }
  }

  const order: number[] = [];
  const nanRows: number[] = [];
  for (let r = 0; r < ref.n; r++) {
    if (sortCol >= 0 && Number.isNaN(ref.num[r * nNum + sortCol]!)) nanRows.push(r);
    else order.push(r);
  }
  if (sortCol >= 0) order.sort((a, b) => ref.num[a * nNum + sortCol]! - ref.num[b * nNum + sortCol]!);
  // Re-lay the reference in sorted order so the scan walks memory forwards / backwards.
  const m = order.length;
  const sNum = new Float64Array(m * nNum);
  const sCat = new Int32Array(m * nCat);
  const sKey = new Float64Array(m);
  order.forEach((r, i) => {
    sNum.set(ref.num.subarray(r * nNum, (r + 1) * nNum), i * nNum);
    sCat.set(ref.cat.subarray(r * nCat, (r + 1) * nCat), i * nCat);
    sKey[i] = sortCol >= 0 ? ref.num[r * nNum + sortCol]! : 0;
  });

  // Inverted lists per categorical column (sorted rows grouped by code) for the match counts.
  const lists = Array.from({ length: nCat }, (_, c) => invertedList(sCat, nCat, c, m, dictionaries[c]!.size));
  const matches = new Uint16Array(m);
  const candidates = new Int32Array(m);

  const first = new Float64Array(qry.n);
  const second = k === 2 ? new Float64Array(qry.n) : undefined;
  let evaluated = 0;

  for (let q = 0; q < qry.n; q++) {
    const qNum = q * nNum;
    const qCat = q * nCat;
    let best1 = Number.POSITIVE_INFINITY;
    let best2 = Number.POSITIVE_INFINITY;
    for (const r of nanRows) {
      evaluated++;
      const d = partialDistance(ref.num, ref.cat, r, qry.num, qry.cat, qNum, qCat, nNum, nCat, ranges, k === 2 ? best2 : best1);
      if (d < best1) {
        best2 = best1;
        best1 = d;
      } else if (d < best2) best2 = d;
    }
    const key = sortCol >= 0 ? qry.num[qNum + sortCol]! : Number.NaN;
    const range = sortCol >= 0 ? ranges[sortCol]! : 0;
    // Phase 1: walk outward from the query's place in the sorted order, nearest key first; a
    // direction stops once its key term alone reaches the bound (the term only grows further
    // out). Close queries finish here after a few rows.
    let up = 0;
    let down = -1;
    let finished = false;
    if (sortCol >= 0 && !Number.isNaN(key)) {
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sKey[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      up = lo;
      down = lo - 1;
      let budget = SCAN_BUDGET;
      while (budget-- > 0) {
        const bound = k === 2 ? best2 : best1;
        const tUp = up < m ? numericTerm(key, sKey[up]!, range) : Number.POSITIVE_INFINITY;
        const tDown = down >= 0 ? numericTerm(key, sKey[down]!, range) : Number.POSITIVE_INFINITY;
        if (tUp >= bound && tDown >= bound) {
          finished = true;
          break;
        }
        const i = tUp <= tDown ? up++ : down--;
        evaluated++;
        const d = partialDistance(sNum, sCat, i, qry.num, qry.cat, qNum, qCat, nNum, nCat, ranges, bound);
        if (d < best1) {
          best2 = best1;
          best1 = d;
        } else if (d < best2) best2 = d;
      }
    }
    if (!finished) {
      // Phase 2 (far queries). A row can only beat the bound if its categorical mismatches alone
      // do not reach it, i.e. it matches the query in more than nCat - bound columns. Matches are
      // counted through the inverted lists; a row joins the candidates the moment its count
      // reaches that threshold (the bound only shrinks later, so no row is missed).
      if (best1 === Number.POSITIVE_INFINITY || (k === 2 && best2 === Number.POSITIVE_INFINITY)) {
        // No phase 1 (no usable numeric key): seed the bound with the first rows.
        down = -1;
        up = Math.min(m, 64);
        for (let i = 0; i < up; i++) {
          evaluated++;
          const d = partialDistance(sNum, sCat, i, qry.num, qry.cat, qNum, qCat, nNum, nCat, ranges, k === 2 ? best2 : best1);
          if (d < best1) {
            best2 = best1;
            best1 = d;
          } else if (d < best2) best2 = d;
        }
      }
      const bound0 = k === 2 ? best2 : best1;
      const threshold = Math.floor(nCat - bound0) + 1;
      const useKey = sortCol >= 0;
      if (nCat > 0 && threshold >= 1) {
        matches.fill(0);
        let nCandidates = 0;
        for (let c = 0; c < nCat; c++) {
          const list = lists[c]!;
          const v = qry.cat[qCat + c]!;
          if (v >= list.offsets.length - 1) continue; // a code only the query table has
          const end = list.offsets[v + 1]!;
          const rows = list.rows;
          for (let j = list.offsets[v]!; j < end; j++) {
            const i = rows[j]!;
            if (++matches[i]! === threshold) candidates[nCandidates++] = i;
          }
        }
        for (let ci = 0; ci < nCandidates; ci++) {
          const i = candidates[ci]!;
          if (i > down && i < up) continue;
          const bound = k === 2 ? best2 : best1;
          const mismatchCount = nCat - matches[i]!;
          let lb = mismatchCount;
          if (lb >= bound) continue;
          if (useKey) {
            lb += numericTerm(key, sKey[i]!, range);
            if (lb >= bound) continue;
          }
          evaluated++;
          const d = numericDistance(sNum, i, qry.num, qNum, nNum, ranges, mismatchCount, bound);
          if (d < best1) {
            best2 = best1;
            best1 = d;
          } else if (d < best2) best2 = d;
        }
      } else {
        for (let i = 0; i < m; i++) {
          if (i > down && i < up) continue;
          const bound = k === 2 ? best2 : best1;
          if (useKey && numericTerm(key, sKey[i]!, range) >= bound) continue;
          evaluated++;
          const d = partialDistance(sNum, sCat, i, qry.num, qry.cat, qNum, qCat, nNum, nCat, ranges, bound);
          if (d < best1) {
            best2 = best1;
            best1 = d;
          } else if (d < best2) best2 = d;
        }
      }
    }
    first[q] = best1 / nCols;
    if (second) second[q] = best2 / nCols;
  }
  return second ? { first, second, evaluated } : { first, evaluated };
}

/** Per-row DCR of `query` against `reference` (SDMetrics' calculate_dcr(query, reference)). */
export function dcrValues(reference: PreparedTable, query: PreparedTable): Float64Array {
  return nearestDistances(reference, query, 1).first;
}
