/**
 * Turns an interaction log into per-user token sequences for the behaviour models:
 * each event becomes (item class, event kind, gap bucket, session boundary), plus per-item feature
 * codes (so rare items share strength through their features) and per-user profile codes.
 */
import type { Interactions } from '../../data/interactions';
import { userOffsets } from '../../data/interactions';
import {
  activityLevel,
  FIRST_SESSION_BREAK_BUCKET,
  GAP_START,
  gapBucket,
  N_ACTIVITY_LEVELS,
  quantityBucket,
  quantityBucketLabel,
  QUANTITY_LOWER_EDGES,
} from './buckets';

/** Optional per-user side information (one entry per user index), e.g. country. */
export type UserFeatures = Readonly<Record<string, readonly (string | number | null)[]>>;

/** An interaction log that may carry user features (the data loader may attach them). */
export type BehaviourInput = Interactions & { readonly userFeatures?: UserFeatures };

export interface EventKinds {
  /** Where the kind comes from: the data's event type, quantity buckets, or a single kind. */
  readonly source: 'eventType' | 'quantity' | 'none';
  readonly names: readonly string[];
}

/** A categorical code per item (0 = missing or not applicable) for one item feature. */
export interface ItemFeatureCodes {
  readonly name: string;
  readonly nCodes: number;
  readonly perItem: Int32Array;
}

/** A categorical code per user for one profile field. */
export interface ProfileField {
  readonly name: string;
  readonly values: readonly string[];
  readonly perUser: Int32Array;
  /** True for fields that came from the input's user features (written to the users table). */
  readonly fromInput: boolean;
}

export interface EncodeOptions {
  /** Items seen fewer times go to the out-of-vocabulary class. Default 2. */
  readonly minCount?: number;
  /** At most this many item classes (most frequent first); the rest are out of vocabulary. Default 20,000. */
  readonly maxVocab?: number;
  readonly userFeatures?: UserFeatures;
}

export interface SequenceEncoding {
  readonly nUsers: number;
  readonly nItems: number;
  readonly offsets: Int32Array;
  /** Item index -> output class; rare items map to oovClass. */
  readonly itemClass: Int32Array;
  /** Class -> item index, -1 for the OOV class. */
  readonly classItem: Int32Array;
  readonly nClasses: number;
  /** The OOV class index, or -1 when every item has its own class. */
  readonly oovClass: number;
  /** Event count per item (training data). */
  readonly itemCount: Int32Array;
  readonly kinds: EventKinds;
  /** Per event: kind index, gap bucket (GAP_START for a user's first event), session boundary flag. */
  readonly kind: Int32Array;
  readonly gap: Int32Array;
  readonly boundary: Uint8Array;
  readonly itemFeatures: readonly ItemFeatureCodes[];
  readonly profile: readonly ProfileField[];
}

const MAX_FEATURE_CODES = 200;
const MAX_PROFILE_VALUES = 50;
const NUMERIC_FEATURE_BINS = 8;

export function eventKindsOf(x: Interactions): EventKinds {
  if (x.eventType && x.eventTypes && x.eventTypes.length > 0) return { source: 'eventType', names: x.eventTypes };
  if (x.quantity) return { source: 'quantity', names: QUANTITY_LOWER_EDGES.map((_, b) => quantityBucketLabel(b)) };
  return { source: 'none', names: ['event'] };
}

/** Kind index of event i under `kinds` (quantity buckets treat a missing or non-positive quantity as 1). */
export function eventKindAt(x: Interactions, kinds: EventKinds, i: number): number {
  if (kinds.source === 'eventType') return x.eventType![i]!;
  if (kinds.source === 'quantity') {
    const q = x.quantity![i]!;
    return quantityBucket(q > 0 ? q : 1);
  }
  return 0;
}

export function encodeSequences(x: BehaviourInput, opts: EncodeOptions = {}): SequenceEncoding {
  const minCount = opts.minCount ?? 2;
  const maxVocab = opts.maxVocab ?? 20_000;
  const nUsers = x.userIds.length;
  const nItems = x.itemIds.length;
  const n = x.user.length;
  if (x.item.length !== n || x.time.length !== n) {
    throw new Error(`Interactions arrays disagree: ${n} users, ${x.item.length} items, ${x.time.length} times per event.`);
  }
  const offsets = userOffsets(x);

  const itemCount = new Int32Array(nItems);
  for (let i = 0; i < n; i++) itemCount[x.item[i]!]!++;
  const order = Array.from({ length: nItems }, (_, i) => i)
    .filter((i) => itemCount[i]! >= minCount)
    .sort((a, b) => itemCount[b]! - itemCount[a]! || a - b)
    .slice(0, maxVocab);
  const nKnown = order.length;
  const hasRare = nKnown < nItems;
  const nClasses = nKnown + (hasRare ? 1 : 0);
  const oovClass = hasRare ? nKnown : -1;
  const itemClass = new Int32Array(nItems).fill(oovClass);
  const classItem = new Int32Array(nClasses).fill(-1);
  order.forEach((item, c) => {
    itemClass[item] = c;
    classItem[c] = item;
  });

  const kinds = eventKindsOf(x);
  const kind = new Int32Array(n);
  const gap = new Int32Array(n);
  const boundary = new Uint8Array(n);
  for (let u = 0; u < nUsers; u++) {
    for (let i = offsets[u]!; i < offsets[u + 1]!; i++) {
      kind[i] = eventKindAt(x, kinds, i);
      if (i === offsets[u]) {
        gap[i] = GAP_START;
        boundary[i] = 1;
        continue;
      }
      const dt = x.time[i]! - x.time[i - 1]!;
      if (dt < 0) throw new Error(`Events of user "${x.userIds[u]}" are not sorted by time (event ${i}).`);
      gap[i] = gapBucket(dt);
      const basketChanged = x.basket ? x.basket[i] !== x.basket[i - 1] : false;
      boundary[i] = gap[i]! >= FIRST_SESSION_BREAK_BUCKET || basketChanged ? 1 : 0;
    }
  }

  return {
    nUsers,
    nItems,
    offsets,
    itemClass,
    classItem,
    nClasses,
    oovClass,
    itemCount,
    kinds,
    kind,
    gap,
    boundary,
    itemFeatures: encodeItemFeatures(x),
    profile: encodeProfile(x, offsets, opts.userFeatures ?? x.userFeatures),
  };
}

/** Categorical codes for item side information, plus a price-level code when events carry prices. */
function encodeItemFeatures(x: Interactions): ItemFeatureCodes[] {
  const out: ItemFeatureCodes[] = [];
  const nItems = x.itemIds.length;
  for (const [name, values] of Object.entries(x.itemFeatures ?? {})) {
    if (values.length !== nItems) {
      throw new Error(`Item feature "${name}" has ${values.length} values for ${nItems} items.`);
    }
    const codes = values.some((v) => typeof v === 'number')
      ? numericCodes(values.map((v) => (typeof v === 'number' ? v : Number.NaN)))
      : stringCodes(values.map((v) => (v === null ? null : String(v))));
    if (codes.nCodes > 1) out.push({ name, ...codes });
  }
  if (x.price) {
    const sum = new Float64Array(nItems);
    const cnt = new Float64Array(nItems);
    for (let i = 0; i < x.price.length; i++) {
      const p = x.price[i]!;
      if (Number.isFinite(p)) {
        sum[x.item[i]!]! += p;
        cnt[x.item[i]!]!++;
      }
    }
    const mean = Array.from(sum, (s, i) => (cnt[i]! > 0 ? s / cnt[i]! : Number.NaN));
    const codes = numericCodes(mean);
    if (codes.nCodes > 1) out.push({ name: 'price level', ...codes });
  }
  return out;
}

/** Quantile bins of a numeric feature: code 0 = missing, 1..bins. */
function numericCodes(values: readonly number[]): { nCodes: number; perItem: Int32Array } {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const perItem = new Int32Array(values.length);
  if (finite.length === 0) return { nCodes: 1, perItem };
  const cuts: number[] = [];
  for (let b = 1; b < NUMERIC_FEATURE_BINS; b++) cuts.push(finite[Math.floor((b * finite.length) / NUMERIC_FEATURE_BINS)]!);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    let c = 0;
    while (c < cuts.length && v >= cuts[c]!) c++;
    perItem[i] = c + 1;
  });
  return { nCodes: NUMERIC_FEATURE_BINS + 1, perItem };
}

/**
 * Codes for a string feature. Few distinct values: each is a code. Many (free text such as a product
 * description): the last word, which in catalog titles is usually the product noun ("... MUG").
 * Only the most frequent MAX_FEATURE_CODES tokens get codes; the rest share code 0.
 */
function stringCodes(values: readonly (string | null)[]): { nCodes: number; perItem: Int32Array } {
  const distinct = new Set(values.filter((v): v is string => v !== null));
  const token = (v: string): string => {
    if (distinct.size <= MAX_FEATURE_CODES) return v;
    const words = v.toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w.length > 1);
    return words[words.length - 1] ?? '';
  };
  const tokens = values.map((v) => (v === null ? '' : token(v.trim())));
  const freq = new Map<string, number>();
  for (const t of tokens) if (t !== '') freq.set(t, (freq.get(t) ?? 0) + 1);
  const kept = [...freq.entries()]
    .filter(([, c]) => c >= 2 || distinct.size <= MAX_FEATURE_CODES)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_FEATURE_CODES);
  const code = new Map(kept.map(([t], i) => [t, i + 1]));
  const perItem = Int32Array.from(tokens, (t) => code.get(t) ?? 0);
  return { nCodes: kept.length + 1, perItem };
}

/** Profile fields: the activity level always, then categorical user features from the input. */
function encodeProfile(x: Interactions, offsets: Int32Array, userFeatures: UserFeatures | undefined): ProfileField[] {
  const nUsers = x.userIds.length;
  const activity = new Int32Array(nUsers);
  for (let u = 0; u < nUsers; u++) activity[u] = activityLevel(offsets[u + 1]! - offsets[u]!);
  const fields: ProfileField[] = [
    {
      name: 'activity level',
      values: Array.from({ length: N_ACTIVITY_LEVELS }, (_, a) => `${2 ** a}+ events`),
      perUser: activity,
      fromInput: false,
    },
  ];
  for (const [name, values] of Object.entries(userFeatures ?? {})) {
    if (values.length !== nUsers) throw new Error(`User feature "${name}" has ${values.length} values for ${nUsers} users.`);
    const strings = values.map((v) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? '' : String(v)));
    const freq = new Map<string, number>();
    for (const s of strings) freq.set(s, (freq.get(s) ?? 0) + 1);
    const top = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // Keep every value when few; otherwise the most common ones and an "other" bucket.
    const keep = top.length <= MAX_PROFILE_VALUES ? top.map(([v]) => v) : [...top.slice(0, MAX_PROFILE_VALUES - 1).map(([v]) => v), '(other)'];
    const code = new Map(keep.map((v, i) => [v, i]));
    const other = code.get('(other)') ?? 0;
    fields.push({ name, values: keep, perUser: Int32Array.from(strings, (s) => code.get(s) ?? other), fromInput: true });
  }
  return fields;
}
