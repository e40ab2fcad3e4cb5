/**
 * Event-order consistency: an event of a dependent type (e.g. an order) should follow, for the
 * same user (and item, when given), an earlier event of one of its prerequisite types (a cart or
 * a click). Score = share of dependent events that have one. Compare it with the real data's own
 * share: real logs break such rules too (orders placed from a wishlist, sessions cut short).
 */
import type { Table } from '../data/table';
import { keyValues, rowsByUser, timeValues } from './eventColumns';
import { notApplicable, type MetricDefinition } from './types';

export interface EventOrderOptions {
  readonly user: string;
  readonly time: string;
  readonly event: string;
  readonly item?: string;
  /** Dependent type -> types that must come first. Default: OTTO's carts <- clicks, orders <- carts or clicks. */
  readonly prerequisites?: Readonly<Record<string, readonly string[]>>;
}

export interface EventOrderBreakdown {
  readonly score: number;
  readonly checkedEvents: number;
  readonly violations: number;
  readonly violationsByType: Readonly<Record<string, number>>;
}

export const DEFAULT_PREREQUISITES: Readonly<Record<string, readonly string[]>> = {
  carts: ['clicks'],
  orders: ['carts', 'clicks'],
};

export const EventOrderConsistency: MetricDefinition<[Table, EventOrderOptions], EventOrderBreakdown> = {
  id: 'EventOrderConsistency',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(table, options) {
    const prerequisites = options.prerequisites ?? DEFAULT_PREREQUISITES;
    const time = timeValues(table, options.time);
    const users = keyValues(table, options.user);
    const events = keyValues(table, options.event);
    const items = options.item ? keyValues(table, options.item) : null;
    let checkedEvents = 0;
    let violations = 0;
    const violationsByType: Record<string, number> = {};
    for (const rows of rowsByUser(users).values()) {
      // Stable sort by time: ties keep file order, so a cart listed before its order counts.
      const ordered = [...rows].sort((a, b) => (time[a]! || 0) - (time[b]! || 0));
      const seen = new Set<string>();
      for (const r of ordered) {
        const type = events[r] ?? '';
        const scope = items ? `${items[r] ?? ''}\u0000` : '';
        const needs = prerequisites[type];
        if (needs) {
          checkedEvents++;
          if (!needs.some((p) => seen.has(scope + p))) {
            violations++;
            violationsByType[type] = (violationsByType[type] ?? 0) + 1;
          }
        }
        seen.add(scope + type);
      }
    }
    if (checkedEvents === 0) return notApplicable(`No events of the types with prerequisites (${Object.keys(prerequisites).join(', ')}).`);
    return { score: 1 - violations / checkedEvents, checkedEvents, violations, violationsByType };
  },
};
