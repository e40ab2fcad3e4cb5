/**
 * Column profiles for the dashboard's Data tab (as Data Wrangler shows them): type, role, missing
 * share, distinct count, and a small histogram (numbers, datetimes) or the top values (strings).
 * The shape matches the webview protocol's ColumnProfile so the host can forward it unchanged.
 */
import type { Role } from '../data/roles';
import { type Column, type ColumnType, type Table, isNumeric } from '../data/table';
import { histogramOf } from './histogram';
import { topValuesOf } from './topValues';

export interface ColumnProfile {
  name: string;
  role: string;
  type: ColumnType;
  reason: string;
  /** 0..100 */
  missingPct: number;
  distinct: number;
  histogram?: { edges: number[]; counts: number[] };
  topValues?: { value: string; count: number }[];
  otherCount?: number;
  min?: number;
  max?: number;
  mean?: number;
}

export interface RoleAssignment {
  readonly role: Role | string;
  readonly reason: string;
}

export interface ProfileOptions {
  /** Role per column name (from schema inference or recsynth.json); columns without one get a role from their type. */
  readonly roles?: ReadonlyMap<string, RoleAssignment> | Readonly<Record<string, RoleAssignment>>;
  /** Histogram bins (default 20). */
  readonly bins?: number;
  /** Top values kept per string column (default 8). */
  readonly topK?: number;
}

const ROLE_FOR_TYPE: Record<ColumnType, Role> = {
  numerical: 'numeric',
  datetime: 'timestamp',
  categorical: 'categorical',
  text: 'text',
  id: 'identifier',
};

function lookupRole(roles: ProfileOptions['roles'], name: string): RoleAssignment | undefined {
  if (!roles) return undefined;
  if (roles instanceof Map) return roles.get(name);
  return Object.prototype.hasOwnProperty.call(roles, name) ? (roles as Record<string, RoleAssignment>)[name] : undefined;
}

export function profileColumn(column: Column, nRows: number, opts: ProfileOptions = {}): ColumnProfile {
  const assigned = lookupRole(opts.roles, column.name);
  const base = {
    name: column.name,
    type: column.type,
    role: assigned?.role ?? ROLE_FOR_TYPE[column.type],
    reason: assigned?.reason ?? `no role given; ${column.type} column`,
  };
  if (isNumeric(column)) {
    let missing = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    const distinct = new Set<number>();
    for (const x of column.values) {
      if (Number.isNaN(x)) missing++;
      else {
        sum += x;
        if (x < min) min = x;
        if (x > max) max = x;
        distinct.add(x);
      }
    }
    const present = nRows - missing;
    const hist = histogramOf(column.values, opts.bins ?? 20, column.integer === true);
    const profile: ColumnProfile = { ...base, missingPct: pct(missing, nRows), distinct: distinct.size };
    if (hist) {
      profile.histogram = { edges: hist.edges, counts: hist.counts };
      profile.min = min;
      profile.max = max;
      profile.mean = sum / present;
    }
    return profile;
  }
  let missing = 0;
  for (const v of column.values) if (v === null) missing++;
  const top = topValuesOf(column.values, opts.topK ?? 8);
  return {
    ...base,
    missingPct: pct(missing, nRows),
    distinct: top.distinct,
    topValues: top.top,
    otherCount: top.otherCount,
  };
}

export function profileTable(table: Table, opts: ProfileOptions = {}): ColumnProfile[] {
  return table.columns.map((c) => profileColumn(c, table.nRows, opts));
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : (100 * part) / whole;
}
