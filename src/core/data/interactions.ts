/**
 * An interaction log in the compact form the behaviour model and the recommenders train on:
 * dictionary-encoded users and items, one entry per event, sorted by user then time.
 */
export interface Interactions {
  /** Original id strings; user index u refers to userIds[u]. */
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  /** Per event (length nEvents), sorted by user, then time, then original row order. */
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Epoch milliseconds (UTC). */
  readonly time: Float64Array;
  /** Event type index into eventTypes (e.g. clicks / carts / orders), when the data has one. */
  readonly eventType?: Int32Array;
  readonly eventTypes?: readonly string[];
  /** Optional per-event numbers (NaN where missing). */
  readonly quantity?: Float64Array;
  readonly price?: Float64Array;
  /** Optional grouping of events, e.g. an invoice or session id (index into basketIds). */
  readonly basket?: Int32Array;
  readonly basketIds?: readonly string[];
  /** Names of the source columns, so outputs keep the input's names (defaults user_id / item_id / timestamp). */
  readonly columnNames: {
    readonly user: string;
    readonly item: string;
    readonly time: string;
    readonly eventType?: string;
    readonly quantity?: string;
    readonly price?: string;
    readonly basket?: string;
  };
  /** Optional item side information: one row per item index (e.g. description, category, price). */
  readonly itemFeatures?: Readonly<Record<string, readonly (string | number | null)[]>>;
  /**
   * Optional per-event categorical columns of the source, in event order (e.g. Country on Online
   * Retail), keyed by source column name. Item and customer tables are derived from these.
   */
  readonly eventColumns?: Readonly<Record<string, readonly (string | null)[]>>;
}

// Re-exported for callers that import everything from here. Note: importing this module at run time
// loads nodejs-polars through loadInteractions; code that needs only the type should `import type`.
export { toInteractions } from './interactions-build';
export { loadInteractions, type LoadedInteractions, type LoadInteractionsOptions } from './interactions-load';

/** Start offset of each user's events: events of user u are [offsets[u], offsets[u+1]). */
export function userOffsets(x: Interactions): Int32Array {
  const offsets = new Int32Array(x.userIds.length + 1);
  for (let i = 0; i < x.user.length; i++) offsets[x.user[i]! + 1]!++;
  for (let u = 0; u < x.userIds.length; u++) offsets[u + 1]! += offsets[u]!;
  return offsets;
}
