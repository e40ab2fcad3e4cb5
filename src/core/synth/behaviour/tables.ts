/**
 * The three output tables (users / items / events) of a behaviour run, with the input's id column
 * names, so keys join: every events row names a user of the users table and an item of the items
 * table.
 */
import type { Interactions } from '../../data/interactions';
import { makeTable, type Column, type Table } from '../../data/table';
import type { ProfileField } from './encoding';

const MAX_CATEGORIES = 200;

/** Every real item with its features (and the median real price when events carry prices). */
export function itemsTable(x: Interactions): Table {
  const columns: Column[] = [{ name: x.columnNames.item, type: 'id', values: x.itemIds }];
  for (const [name, values] of Object.entries(x.itemFeatures ?? {})) {
    if (name === x.columnNames.item) continue;
    if (values.some((v) => typeof v === 'number')) {
      const nums = Float64Array.from(values, (v) => (typeof v === 'number' ? v : Number.NaN));
      columns.push({ name, type: 'numerical', values: nums, integer: nums.every((v) => Number.isNaN(v) || Number.isInteger(v)) });
    } else {
      const strs = values.map((v) => (v === null ? null : String(v)));
      const distinct = new Set(strs).size;
      columns.push({ name, type: distinct <= MAX_CATEGORIES ? 'categorical' : 'text', values: strs });
    }
  }
  const priceName = x.columnNames.price ?? 'price';
  if (x.price && !columns.some((c) => c.name === priceName)) {
    columns.push({ name: priceName, type: 'numerical', values: medianPricePerItem(x) });
  }
  return makeTable(columns);
}

function medianPricePerItem(x: Interactions): Float64Array {
  const per: number[][] = x.itemIds.map(() => []);
  for (let i = 0; i < x.item.length; i++) {
    const p = x.price![i]!;
    if (Number.isFinite(p)) per[x.item[i]!]!.push(p);
  }
  return Float64Array.from(per, (ps) => {
    if (ps.length === 0) return Number.NaN;
    ps.sort((a, b) => a - b);
    const m = ps.length >> 1;
    return ps.length % 2 ? ps[m]! : (ps[m - 1]! + ps[m]!) / 2;
  });
}

/**
 * Users table: ids plus the input's user features, each user taking the profile of `source[u]`
 * (a real user index: itself for real users, a template for synthetic ones).
 */
export function usersTable(idColumn: string, userIds: readonly string[], profile: readonly ProfileField[], source: Int32Array): Table {
  const columns: Column[] = [{ name: idColumn, type: 'id', values: userIds }];
  for (const f of profile) {
    if (!f.fromInput || f.name === idColumn) continue;
    columns.push({
      name: f.name,
      type: 'categorical',
      values: Array.from(source, (r) => {
        const v = f.values[f.perUser[r]!];
        return v === undefined || v === '' || v === '(other)' ? null : v;
      }),
    });
  }
  return makeTable(columns);
}

/**
 * Events table in the input's column names; per-event user attributes (e.g. Country) and
 * `synthetic` (0/1 per event) are added when given.
 */
export function eventsTable(log: Interactions, synthetic?: Uint8Array, userColumns: Readonly<Record<string, readonly (string | null)[]>> = {}): Table {
  const names = log.columnNames;
  const n = log.user.length;
  const columns: Column[] = [
    { name: names.user, type: 'id', values: Array.from(log.user, (u) => log.userIds[u] ?? null) },
    { name: names.item, type: 'id', values: Array.from(log.item, (i) => log.itemIds[i] ?? null) },
    { name: names.time, type: 'datetime', values: log.time },
  ];
  if (log.eventType && log.eventTypes) {
    const types = log.eventTypes;
    columns.push({ name: names.eventType ?? 'event_type', type: 'categorical', values: Array.from(log.eventType, (k) => types[k] ?? null) });
  }
  if (log.quantity) {
    columns.push({ name: names.quantity ?? 'quantity', type: 'numerical', values: log.quantity, integer: log.quantity.every((q) => Number.isNaN(q) || Number.isInteger(q)) });
  }
  if (log.price) columns.push({ name: names.price ?? 'price', type: 'numerical', values: log.price });
  if (log.basket && log.basketIds) {
    const ids = log.basketIds;
    columns.push({ name: names.basket ?? 'basket_id', type: 'id', values: Array.from(log.basket, (b) => ids[b] ?? null) });
  }
  for (const [name, values] of Object.entries(userColumns)) {
    if (columns.some((c) => c.name === name)) continue;
    columns.push({ name, type: 'categorical', values });
  }
  if (synthetic) {
    if (synthetic.length !== n) throw new Error(`synthetic flags: ${synthetic.length} for ${n} events.`);
    columns.push({ name: 'synthetic', type: 'numerical', values: Float64Array.from(synthetic), integer: true });
  }
  return makeTable(columns);
}
