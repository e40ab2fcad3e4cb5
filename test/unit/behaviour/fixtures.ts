/** Small hand-made interaction logs for the behaviour tests, and an OTTO sessions reader. */
import { readFileSync } from 'node:fs';
import type { Interactions } from '../../../src/core/data/interactions';
import { Rng } from '../../../src/core/runtime/rng';

interface Ev {
  u: string;
  i: string;
  t: number;
  type?: string;
  q?: number;
  p?: number;
  b?: string;
}

/** Builds Interactions from event records (sorted by user, time, then given order). */
export function logOf(events: Ev[], opts: { types?: string[]; names?: Partial<Interactions['columnNames']> } = {}): Interactions {
  const userIds = [...new Set(events.map((e) => e.u))];
  const itemIds = [...new Set(events.map((e) => e.i))];
  const uIdx = new Map(userIds.map((u, k) => [u, k]));
  const iIdx = new Map(itemIds.map((i, k) => [i, k]));
  const order = events.map((e, k) => ({ e, k })).sort((a, b) => uIdx.get(a.e.u)! - uIdx.get(b.e.u)! || a.e.t - b.e.t || a.k - b.k);
  const sorted = order.map((o) => o.e);
  const types = opts.types;
  const baskets = [...new Set(sorted.map((e) => e.b ?? ''))];
  return {
    userIds,
    itemIds,
    user: Int32Array.from(sorted, (e) => uIdx.get(e.u)!),
    item: Int32Array.from(sorted, (e) => iIdx.get(e.i)!),
    time: Float64Array.from(sorted, (e) => e.t),
    ...(types ? { eventType: Int32Array.from(sorted, (e) => types.indexOf(e.type ?? types[0]!)), eventTypes: types } : {}),
    ...(sorted.some((e) => e.q !== undefined) ? { quantity: Float64Array.from(sorted, (e) => e.q ?? Number.NaN) } : {}),
    ...(sorted.some((e) => e.p !== undefined) ? { price: Float64Array.from(sorted, (e) => e.p ?? Number.NaN) } : {}),
    ...(sorted.some((e) => e.b !== undefined) ? { basket: Int32Array.from(sorted, (e) => baskets.indexOf(e.b ?? '')), basketIds: baskets } : {}),
    columnNames: { user: 'user_id', item: 'item_id', time: 'timestamp', ...opts.names },
  };
}

const HOUR = 3_600_000;
const T0 = Date.UTC(2011, 0, 1);

/**
 * A retail-like log: 40 customers, 12 items in two "categories", invoices of 1-4 lines at one
 * timestamp, days apart, with quantities and per-item prices; a country per customer.
 */
export function retailFixture(seed = 1): { log: Interactions; country: string[] } {
  const rng = new Rng(seed);
  const events: Ev[] = [];
  const country: string[] = [];
  for (let c = 0; c < 40; c++) {
    const u = `C${100 + c}`;
    country.push(c % 3 === 0 ? 'France' : 'United Kingdom');
    let t = T0 + rng.int(30) * 24 * HOUR;
    const nInvoices = 1 + rng.int(c % 5 === 0 ? 6 : 2);
    for (let k = 0; k < nInvoices; k++) {
      const lines = 1 + rng.int(4);
      const cat = rng.int(2);
      for (let l = 0; l < lines; l++) {
        const item = cat * 6 + Math.min(5, Math.floor(rng.uniform() * rng.uniform() * 7));
        events.push({ u, i: `I${item}`, t, q: 1 + rng.int(12), p: 1 + item * 0.5, b: `INV${c}-${k}` });
      }
      t += (1 + rng.int(20)) * 24 * HOUR + rng.int(HOUR);
    }
  }
  const log = logOf(events, { names: { user: 'CustomerID', item: 'StockCode', time: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', basket: 'InvoiceNo' } });
  // logOf orders users by first appearance, which is the order they were created in.
  return { log: { ...log, itemFeatures: { Description: log.itemIds.map((id) => (Number(id.slice(1)) < 6 ? `RED ${id} MUG` : `BLUE ${id} BAG`)) } }, country };
}

/** Reads an OTTO-style sessions JSONL file: one session per line with events {aid, ts, type}. */
export function readOttoSessions(path: string): Interactions {
  const events: Ev[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const s = JSON.parse(line) as { session: number; events: { aid: number; ts: number; type: string }[] };
    for (const e of s.events) events.push({ u: String(s.session), i: String(e.aid), t: e.ts, type: e.type });
  }
  return logOf(events, { types: ['clicks', 'carts', 'orders'], names: { user: 'session', item: 'aid', time: 'ts', eventType: 'type' } });
}

export const OTTO_PATH = '../shared/data/otto-sample/sessions.jsonl';
