/**
 * Time-order consistency of an event table: every timestamp present, inside the real data's time
 * span, and each user's events listed in non-decreasing time (what the behaviour model emits).
 * Score = share of events that pass all three checks.
 */
import type { Table } from '../data/table';
import { keyValues, rowsByUser, timeValues } from './eventColumns';
import { notApplicable, type MetricDefinition } from './types';

export interface TimeOrderOptions {
  readonly user: string;
  readonly time: string;
  /** The real data's time span; events outside it fail. Omit to skip that check. */
  readonly span?: { readonly min: number; readonly max: number };
}

export interface TimeOrderBreakdown {
  readonly score: number;
  readonly missingTime: number;
  readonly outsideSpan: number;
  /** Events whose time is earlier than the previous event of the same user. */
  readonly outOfOrder: number;
}

export const TimeOrderConsistency: MetricDefinition<[Table, TimeOrderOptions], TimeOrderBreakdown> = {
  id: 'TimeOrderConsistency',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(table, options) {
    if (table.nRows === 0) return notApplicable('TimeOrderConsistency needs events.');
    const time = timeValues(table, options.time);
    const users = keyValues(table, options.user);
    const bad = new Uint8Array(table.nRows);
    let missingTime = 0;
    let outsideSpan = 0;
    let outOfOrder = 0;
    for (let i = 0; i < table.nRows; i++) {
      const t = time[i]!;
      if (Number.isNaN(t)) {
        missingTime++;
        bad[i] = 1;
      } else if (options.span && (t < options.span.min || t > options.span.max)) {
        outsideSpan++;
        bad[i] = 1;
      }
    }
    for (const rows of rowsByUser(users).values()) {
      let last = Number.NEGATIVE_INFINITY;
      for (const r of rows) {
        const t = time[r]!;
        if (Number.isNaN(t)) continue;
        if (t < last) {
          outOfOrder++;
          bad[r] = 1;
        } else last = t;
      }
    }
    let failing = 0;
    for (let i = 0; i < bad.length; i++) failing += bad[i]!;
    return { score: 1 - failing / table.nRows, missingTime, outsideSpan, outOfOrder };
  },
};
