/**
 * Finds per-user attributes (e.g. Country) in the cleaned event table: categorical columns whose
 * value is constant for almost every user. They condition the behaviour model and go to the
 * users table.
 */
import type { Interactions } from '../../data/interactions';
import { isNumeric, type Table } from '../../data/table';
import type { UserFeatures } from './encoding';

/** A column is a user attribute when at least this share of users have one value in it. */
const CONSTANT_SHARE = 0.95;
const MAX_LEVELS = 200;

export function inferUserFeatures(table: Table, x: Interactions): UserFeatures {
  const userCol = table.columns.find((c) => c.name === x.columnNames.user);
  if (!userCol) return {};
  // Same text form of ids as the Interactions builder uses.
  const userKey = (r: number): string | null => {
    const v = userCol.values[r];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
    return String(v);
  };
  const userIndex = new Map(x.userIds.map((id, u) => [id, u]));
  const taken = new Set(Object.values(x.columnNames));
  const out: Record<string, (string | null)[]> = {};
  for (const c of table.columns) {
    if (taken.has(c.name) || isNumeric(c) || c.type !== 'categorical') continue;
    const perUser = new Array<string | null>(x.userIds.length).fill(null);
    const mixed = new Uint8Array(x.userIds.length);
    const levels = new Set<string>();
    for (let r = 0; r < table.nRows; r++) {
      const key = userKey(r);
      const u = key === null ? undefined : userIndex.get(key);
      const v = c.values[r];
      if (u === undefined || v === null || v === undefined) continue;
      levels.add(v);
      if (perUser[u] === null) perUser[u] = v;
      else if (perUser[u] !== v) mixed[u] = 1;
    }
    if (levels.size < 2 || levels.size > MAX_LEVELS) continue;
    let constant = 0;
    for (let u = 0; u < mixed.length; u++) if (!mixed[u]) constant++;
    if (constant >= CONSTANT_SHARE * x.userIds.length) out[c.name] = perUser;
  }
  return out;
}
