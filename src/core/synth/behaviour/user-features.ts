/**
 * Finds per-user attributes (e.g. Country) among the log's per-event categorical columns: a
 * column whose value is constant for almost every user describes the user, not the event. They
 * condition the behaviour model, go to the users table, and are repeated on each output event.
 */
import type { Interactions } from '../../data/interactions';
import type { UserFeatures } from './encoding';

/** A column is a user attribute when at least this share of users have one value in it. */
const CONSTANT_SHARE = 0.95;
const MAX_LEVELS = 200;

export function inferUserFeatures(x: Interactions): UserFeatures {
  const out: Record<string, (string | null)[]> = {};
  const taken = new Set<string>(Object.values(x.columnNames));
  for (const [name, values] of Object.entries(x.eventColumns ?? {})) {
    if (taken.has(name) || values.length !== x.user.length) continue;
    const perUser = new Array<string | null>(x.userIds.length).fill(null);
    const mixed = new Uint8Array(x.userIds.length);
    const levels = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      const u = x.user[i]!;
      levels.add(v);
      if (perUser[u] === null) perUser[u] = v;
      else if (perUser[u] !== v) mixed[u] = 1;
    }
    if (levels.size < 2 || levels.size > MAX_LEVELS) continue;
    let constant = 0;
    for (let u = 0; u < mixed.length; u++) if (!mixed[u]) constant++;
    if (constant >= CONSTANT_SHARE * x.userIds.length) out[name] = perUser;
  }
  return out;
}
