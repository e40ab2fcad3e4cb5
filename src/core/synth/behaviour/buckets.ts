/**
 * Discretisations shared by the sequence encoding, the models and the figures: log-spaced time-gap
 * buckets, quantity buckets (the event "kind" when the data has no event type) and activity levels.
 */

/**
 * Upper edges (seconds, inclusive) of gap buckets 1..11; bucket 0 is a gap of exactly zero (same
 * basket / same timestamp) and bucket 11 is everything above 90 days. Roughly log-spaced, with an
 * edge at 30 minutes so that "gap bucket > 5" is exactly the usual session boundary.
 */
export const GAP_UPPER_EDGES_S = [0, 1, 10, 60, 300, 1800, 7200, 86_400, 604_800, 2_592_000, 7_776_000] as const;
export const N_GAP_BUCKETS = GAP_UPPER_EDGES_S.length + 1;
/** Input-only token for "first event of the history": no previous event to measure a gap from. */
export const GAP_START = N_GAP_BUCKETS;
export const SESSION_GAP_MS = 30 * 60 * 1000;
/** Gap buckets at or above this index start a new session (gap > 30 minutes). */
export const FIRST_SESSION_BREAK_BUCKET = 6;

export function gapBucket(gapMs: number): number {
  if (!(gapMs > 0)) return 0;
  const s = gapMs / 1000;
  for (let b = 1; b < GAP_UPPER_EDGES_S.length; b++) if (s <= GAP_UPPER_EDGES_S[b]!) return b;
  return N_GAP_BUCKETS - 1;
}

/** Smallest gap (ms) that falls in bucket b (exclusive lower edge, plus one ms). */
export function gapBucketLowerMs(b: number): number {
  if (b <= 0) return 0;
  return GAP_UPPER_EDGES_S[b - 1]! * 1000 + 1;
}

export function gapBucketLabel(b: number): string {
  if (b === 0) return '0';
  const fmt = (s: number): string =>
    s < 60 ? `${s}s` : s < 3600 ? `${s / 60}m` : s < 86_400 ? `${s / 3600}h` : `${Math.round(s / 86_400)}d`;
  if (b >= N_GAP_BUCKETS - 1) return `>${fmt(GAP_UPPER_EDGES_S[GAP_UPPER_EDGES_S.length - 1]!)}`;
  return `<=${fmt(GAP_UPPER_EDGES_S[b]!)}`;
}

/** Quantity buckets (lower edges): 1, 2, 3-5, 6-11, 12-23, 24-47, 48+. */
export const QUANTITY_LOWER_EDGES = [1, 2, 3, 6, 12, 24, 48] as const;

export function quantityBucket(q: number): number {
  let b = 0;
  for (let i = 0; i < QUANTITY_LOWER_EDGES.length; i++) if (q >= QUANTITY_LOWER_EDGES[i]!) b = i;
  return b;
}

export function quantityBucketLabel(b: number): string {
  const lo = QUANTITY_LOWER_EDGES[b]!;
  const next = QUANTITY_LOWER_EDGES[b + 1];
  if (next === undefined) return `qty ${lo}+`;
  return next - 1 === lo ? `qty ${lo}` : `qty ${lo}-${next - 1}`;
}

/** Activity level of a user from the number of events: 0 for 1, 1 for 2-3, 2 for 4-7, ... capped. */
export const N_ACTIVITY_LEVELS = 10;
export function activityLevel(nEvents: number): number {
  if (nEvents <= 1) return 0;
  return Math.min(N_ACTIVITY_LEVELS - 1, Math.floor(Math.log2(nEvents)));
}
