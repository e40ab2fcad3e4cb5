/**
 * Tables to learn from, derived from an interaction log (issue 7):
 *  - an ITEM table, one row per item: id, description (most frequent), median_price, n_lines,
 *    n_customers, first_month (YYYY-MM of the first event, UTC wall clock as read), top_country;
 *  - a CUSTOMER table, one row per user: id, country, and RFM (Chen, Sain, Guo 2012): recency_days,
 *    frequency (distinct baskets), monetary (sum of quantity x price).
 * Ties in "most frequent" go to the alphabetically first value, so results do not depend on row order.
 * These follow ../shared/golden/sdmetrics/derive_tables.py for the item columns it defines.
 */
import type { Interactions } from './interactions';
import { makeTable, type Column, type Table } from './table';
import { medianOf } from './interactions-build';

const DAY_MS = 86_400_000;

export interface DeriveOptions {
  /** Per-event column holding the country (default: an eventColumns entry named like "country", else none). */
  readonly countryColumn?: string;
}

export interface CustomerOptions extends DeriveOptions {
  /** Reference time for recency (epoch ms); default: the latest event in the log. */
  readonly asOf?: number;
}

function countryValues(x: Interactions, opts: DeriveOptions): readonly (string | null)[] | undefined {
  const cols = x.eventColumns ?? {};
  if (opts.countryColumn !== undefined) {
    const c = cols[opts.countryColumn];
    if (!c) throw new Error(`No per-event column "${opts.countryColumn}"; the log has: ${Object.keys(cols).join(', ') || '(none)'}.`);
    return c;
  }
  const name = Object.keys(cols).find((k) => /country/i.test(k));
  return name === undefined ? undefined : cols[name];
}

/** Per group, the most frequent non-null value (ties: alphabetically first). */
function modePerGroup(group: Int32Array, nGroups: number, values: readonly (string | null)[]): (string | null)[] {
  const counts: Map<string, number>[] = Array.from({ length: nGroups }, () => new Map());
  for (let e = 0; e < group.length; e++) {
    const v = values[e];
    if (v === null || v === undefined) continue;
    const m = counts[group[e]!]!;
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  return counts.map((m) => {
    let best: string | null = null;
    let bestN = 0;
    for (const [v, n] of m) {
      if (n > bestN || (n === bestN && best !== null && v < best)) {
        best = v;
        bestN = n;
      }
    }
    return best;
  });
}

function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** One row per item, in itemIds order (sorted ids). */
export function deriveItemTable(x: Interactions, opts: DeriveOptions = {}): Table {
  const nItems = x.itemIds.length;
  const nLines = new Float64Array(nItems);
  const firstTime = new Float64Array(nItems).fill(Infinity);
  const buyers: Set<number>[] = Array.from({ length: nItems }, () => new Set());
  const prices: number[][] = Array.from({ length: nItems }, () => []);
  for (let e = 0; e < x.item.length; e++) {
    const i = x.item[e]!;
    nLines[i]!++;
    buyers[i]!.add(x.user[e]!);
    const t = x.time[e]!;
    if (t < firstTime[i]!) firstTime[i] = t;
    const p = x.price?.[e];
    if (p !== undefined && !Number.isNaN(p)) prices[i]!.push(p);
  }
  const columns: Column[] = [{ name: x.columnNames.item, type: 'id', values: x.itemIds }];
  const textFeature = Object.entries(x.itemFeatures ?? {}).find(
    ([k, v]) => k !== 'median_price' && v.some((s) => typeof s === 'string') && /desc|name|title/i.test(k),
  );
  if (textFeature) {
    columns.push({ name: 'description', type: 'text', values: textFeature[1].map((v) => (v === null ? null : String(v))) });
  }
  if (x.price) {
    columns.push({ name: 'median_price', type: 'numerical', values: Float64Array.from(prices, (ps) => medianOf(ps)) });
  }
  columns.push({ name: 'n_lines', type: 'numerical', values: nLines, integer: true });
  columns.push({ name: 'n_customers', type: 'numerical', values: Float64Array.from(buyers, (s) => s.size), integer: true });
  columns.push({ name: 'first_month', type: 'categorical', values: Array.from(firstTime, (t) => (Number.isFinite(t) ? monthOf(t) : null)) });
  const country = countryValues(x, opts);
  if (country) columns.push({ name: 'top_country', type: 'categorical', values: modePerGroup(x.item, nItems, country) });
  return makeTable(columns);
}

/**
 * One row per user, in userIds order: country (most frequent), recency_days (whole days from the
 * user's last event to `asOf`), frequency (distinct baskets; events when the log has no basket),
 * monetary (sum of quantity x price; of price alone without quantity; absent without price).
 */
export function deriveCustomerTable(x: Interactions, opts: CustomerOptions = {}): Table {
  const nUsers = x.userIds.length;
  let asOf = opts.asOf ?? -Infinity;
  if (opts.asOf === undefined) for (let e = 0; e < x.time.length; e++) if (x.time[e]! > asOf) asOf = x.time[e]!;
  const last = new Float64Array(nUsers).fill(-Infinity);
  const baskets: Set<number>[] = Array.from({ length: nUsers }, () => new Set());
  const events = new Float64Array(nUsers);
  const money = new Float64Array(nUsers);
  for (let e = 0; e < x.user.length; e++) {
    const u = x.user[e]!;
    events[u]!++;
    if (x.time[e]! > last[u]!) last[u] = x.time[e]!;
    const b = x.basket?.[e];
    if (b !== undefined && b >= 0) baskets[u]!.add(b);
    if (x.price) {
      const p = x.price[e]!;
      const q = x.quantity ? x.quantity[e]! : 1;
      if (!Number.isNaN(p) && !Number.isNaN(q)) money[u]! += p * q;
    }
  }
  const columns: Column[] = [{ name: x.columnNames.user, type: 'id', values: x.userIds }];
  const country = countryValues(x, opts);
  if (country) columns.push({ name: 'country', type: 'categorical', values: modePerGroup(x.user, nUsers, country) });
  columns.push({
    name: 'recency_days',
    type: 'numerical',
    values: Float64Array.from(last, (t) => (Number.isFinite(t) ? Math.floor((asOf - t) / DAY_MS) : NaN)),
    integer: true,
  });
  columns.push({
    name: 'frequency',
    type: 'numerical',
    values: x.basket ? Float64Array.from(baskets, (s) => s.size) : events,
    integer: true,
  });
  if (x.price) columns.push({ name: 'monetary', type: 'numerical', values: money });
  return makeTable(columns);
}
