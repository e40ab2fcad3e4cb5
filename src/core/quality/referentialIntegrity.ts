/** ReferentialIntegrity: share of a child table's foreign keys that name an existing parent key. */
import { notApplicable, type MetricDefinition } from './types';

export interface ReferentialIntegrityOptions {
  /** Count a missing foreign key as valid (an optional relation). Default false. */
  readonly allowMissing?: boolean;
}

export interface ReferentialIntegrityBreakdown {
  readonly score: number;
  readonly orphans: number;
  readonly missing: number;
  /** A few foreign keys with no parent, for the report. */
  readonly examples: readonly string[];
}

export const ReferentialIntegrity: MetricDefinition<
  [ArrayLike<string | number | null>, ArrayLike<string | number | null>, ReferentialIntegrityOptions?],
  ReferentialIntegrityBreakdown
> = {
  id: 'ReferentialIntegrity',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(childForeignKeys, parentKeys, options = {}) {
    if (childForeignKeys.length === 0) return notApplicable('ReferentialIntegrity needs child rows.');
    // Keys compare as strings so that 17850 (number) and "17850" (text) refer to the same parent.
    const parents = new Set<string>();
    for (let i = 0; i < parentKeys.length; i++) {
      const k = parentKeys[i];
      if (k !== null && k !== undefined) parents.add(String(k));
    }
    let orphans = 0;
    let missing = 0;
    const examples: string[] = [];
    for (let i = 0; i < childForeignKeys.length; i++) {
      const k = childForeignKeys[i];
      if (k === null || k === undefined || (typeof k === 'number' && Number.isNaN(k))) {
        missing++;
        continue;
      }
      if (!parents.has(String(k))) {
        orphans++;
        if (examples.length < 5) examples.push(String(k));
      }
    }
    const bad = orphans + (options.allowMissing ? 0 : missing);
    return { score: 1 - bad / childForeignKeys.length, orphans, missing, examples };
  },
};
