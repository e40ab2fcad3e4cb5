/** Reads the user / time / event / item columns of an event table for the consistency checks. */
import { getColumn, isNumeric, type Table } from '../data/table';

export interface EventColumnNames {
  readonly user: string;
  readonly time: string;
  readonly event?: string;
  readonly item?: string;
}

export function keyValues(t: Table, name: string): (string | null)[] {
  const c = getColumn(t, name);
  if (isNumeric(c)) return Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
  return [...c.values];
}

/** Epoch milliseconds (or plain numbers); text is parsed as a date; NaN where missing or unparseable. */
export function timeValues(t: Table, name: string): Float64Array {
  const c = getColumn(t, name);
  if (isNumeric(c)) return c.values;
  return Float64Array.from(c.values, (v) => (v === null || v.trim() === '' ? Number.NaN : Date.parse(v)));
}

/** Row indices grouped by user, each group in file order. */
export function rowsByUser(users: readonly (string | null)[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  users.forEach((u, i) => {
    const key = u ?? '\u0001';
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  });
  return groups;
}
