/** Building the compact Interactions form from a cleaned table and its schema. */
import type pl from 'nodejs-polars';
import type { Interactions } from './interactions';
import { getColumn, isNumeric, type Column, type NumericColumn, type StringColumn, type Table } from './table';
import { columnWithRole, type DatasetSchema } from './schema';
import { dataFrameToTable } from './table-convert';

function isTable(x: pl.DataFrame | Table): x is Table {
  return Array.isArray((x as Table).columns) && typeof (x as Table).nRows === 'number' && !('height' in x);
}

function stringCol(t: Table, name: string, role: string): StringColumn {
  const c = getColumn(t, name);
  if (isNumeric(c)) {
    // An id stored as numbers (e.g. a Parquet int column): use its text form.
    return { name, type: 'id', values: Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v))) };
  }
  if (c.values.length !== t.nRows) throw new Error(`Column "${name}" (${role}) has the wrong length.`);
  return c;
}

function numericCol(t: Table, name: string, role: string): NumericColumn {
  const c = getColumn(t, name);
  if (!isNumeric(c)) throw new Error(`Column "${name}" has role ${role} but holds text; set its role to a number column or fix the schema.`);
  return c;
}

/** Sorted distinct values and, per row, the index of its value (-1 for null). */
function encode(values: readonly (string | null)[], rows: Int32Array): { ids: string[]; codes: Int32Array } {
  const distinct = new Set<string>();
  for (const r of rows) {
    const v = values[r];
    if (v !== null && v !== undefined) distinct.add(v);
  }
  const ids = [...distinct].sort();
  const index = new Map(ids.map((v, i) => [v, i]));
  const codes = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    const v = values[r];
    codes[i] = v === null || v === undefined ? -1 : index.get(v)!;
  });
  return { ids, codes };
}

function mostFrequent(counts: Map<string, number>): string | null {
  let best: string | null = null;
  let bestN = 0;
  for (const [v, n] of counts) {
    if (n > bestN || (n === bestN && best !== null && v < best)) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

/** Median (mean of the two middle values for even counts, as pandas); sorts `xs` in place. */
export function medianOf(xs: number[]): number {
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  const m = xs.length >> 1;
  return xs.length % 2 ? xs[m]! : (xs[m - 1]! + xs[m]!) / 2;
}

/**
 * Per-item value of a text/categorical column when the column describes items (for at least 90%
 * of the items seen more than once it holds one value): the most frequent value, ties alphabetical.
 */
function itemLevelFeature(values: readonly (string | null)[], item: Int32Array, order: Int32Array, nItems: number): (string | null)[] | undefined {
  const counts: Map<string, number>[] = Array.from({ length: nItems }, () => new Map());
  for (let e = 0; e < order.length; e++) {
    const v = values[order[e]!];
    if (v === null || v === undefined) continue;
    const m = counts[item[e]!]!;
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  let multi = 0;
  let single = 0;
  for (const m of counts) {
    let total = 0;
    for (const n of m.values()) total += n;
    if (total < 2) continue;
    multi++;
    if (m.size === 1) single++;
  }
  if (multi > 0 && single / multi < 0.9) return undefined;
  return counts.map(mostFrequent);
}

/**
 * Events sorted by user, then time, then input row order. Users, items, event types and baskets are
 * dictionary-encoded in sorted id order (baskets in order of first appearance). Rows missing a user,
 * item or readable time are skipped (preprocess normally removed them already).
 */
export function toInteractions(data: pl.DataFrame | Table, schema: DatasetSchema): Interactions {
  const t = isTable(data) ? data : dataFrameToTable(data, schema);
  const need = (role: 'user_id' | 'item_id' | 'timestamp'): string => {
    const name = columnWithRole(schema, role);
    if (name === undefined) {
      throw new Error(`${schema.fileName}: no column has role ${role}; an interaction log needs a user, an item and a timestamp column. Set the role in recsynth.json or the dashboard.`);
    }
    return name;
  };
  const userName = need('user_id');
  const itemName = need('item_id');
  const timeName = need('timestamp');
  const users = stringCol(t, userName, 'user_id');
  const items = stringCol(t, itemName, 'item_id');
  const times = numericCol(t, timeName, 'timestamp');

  const keep: number[] = [];
  for (let r = 0; r < t.nRows; r++) {
    if (users.values[r] != null && items.values[r] != null && !Number.isNaN(times.values[r]!)) keep.push(r);
  }
  const kept = Int32Array.from(keep);
  const u = encode(users.values, kept);
  const it = encode(items.values, kept);
  const pos = new Int32Array(kept.length).map((_, i) => i);
  pos.sort((a, b) => u.codes[a]! - u.codes[b]! || times.values[kept[a]!]! - times.values[kept[b]!]! || a - b);
  const order = Int32Array.from(pos, (p) => kept[p]!);
  const user = Int32Array.from(pos, (p) => u.codes[p]!);
  const item = Int32Array.from(pos, (p) => it.codes[p]!);
  const time = Float64Array.from(order, (r) => times.values[r]!);

  const columnNames: { -readonly [K in keyof Interactions['columnNames']]: Interactions['columnNames'][K] } = {
    user: userName,
    item: itemName,
    time: timeName,
  };
  const out: { -readonly [K in keyof Interactions]: Interactions[K] } = {
    userIds: u.ids,
    itemIds: it.ids,
    user,
    item,
    time,
    columnNames,
  };

  const evName = columnWithRole(schema, 'event_type');
  if (evName !== undefined) {
    const ev = stringCol(t, evName, 'event_type');
    const enc = encode(ev.values, order);
    out.eventType = enc.codes;
    out.eventTypes = enc.ids;
    columnNames.eventType = evName;
  }
  const qName = columnWithRole(schema, 'quantity');
  if (qName !== undefined) {
    const q = numericCol(t, qName, 'quantity');
    out.quantity = Float64Array.from(order, (r) => q.values[r]!);
    columnNames.quantity = qName;
  }
  const pName = columnWithRole(schema, 'price');
  if (pName !== undefined) {
    const p = numericCol(t, pName, 'price');
    out.price = Float64Array.from(order, (r) => p.values[r]!);
    columnNames.price = pName;
  }
  const bName = columnWithRole(schema, 'basket');
  if (bName !== undefined) {
    const b = stringCol(t, bName, 'basket');
    const index = new Map<string, number>();
    const ids: string[] = [];
    out.basket = Int32Array.from(order, (r) => {
      const v = b.values[r];
      if (v === null || v === undefined) return -1;
      let k = index.get(v);
      if (k === undefined) {
        k = ids.length;
        ids.push(v);
        index.set(v, k);
      }
      return k;
    });
    out.basketIds = ids;
    columnNames.basket = bName;
  }

  const features: Record<string, (string | number | null)[]> = {};
  const eventColumns: Record<string, (string | null)[]> = {};
  for (const cs of schema.columns) {
    if (cs.role !== 'text' && cs.role !== 'categorical') continue;
    const c: Column | undefined = t.columns.find((x) => x.name === cs.name);
    if (!c || isNumeric(c)) continue;
    if (cs.role === 'categorical') eventColumns[cs.name] = Array.from(order, (r) => c.values[r] ?? null);
    const f = itemLevelFeature(c.values, item, order, it.ids.length);
    if (f) features[cs.name] = f;
  }
  if (out.price) {
    const perItem: number[][] = Array.from({ length: it.ids.length }, () => []);
    out.price.forEach((v, e) => {
      if (!Number.isNaN(v)) perItem[item[e]!]!.push(v);
    });
    features['median_price'] = perItem.map((xs) => (xs.length ? medianOf(xs) : null));
  }
  if (Object.keys(features).length) out.itemFeatures = features;
  if (Object.keys(eventColumns).length) out.eventColumns = eventColumns;
  return out;
}
