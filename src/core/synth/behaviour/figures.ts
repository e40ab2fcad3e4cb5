/**
 * Real-vs-synthetic figures for interaction logs: pure functions over two logs, returning plain
 * JSON for report.json and the dashboard. Items are matched by their id strings, so the two logs
 * may have different dictionaries. Every distribution figure carries a score in [0, 1]
 * (1 = indistinguishable) so models can be compared on one scale.
 */
import type { Interactions } from '../../data/interactions';
import { SESSION_GAP_MS } from './buckets';

export type LogLike = Pick<Interactions, 'userIds' | 'itemIds' | 'user' | 'item' | 'time' | 'eventType' | 'eventTypes'>;

export interface Histogram {
  readonly bins: readonly string[];
  readonly real: readonly number[];
  readonly synthetic: readonly number[];
}

export interface PopularityStats {
  readonly gini: number;
  /** Share of events on the top 1% of items (at least one item). */
  readonly top1PctShare: number;
  /** Share of events on long-tail items (outside the real top 20% by popularity). */
  readonly longTailEventShare: number;
  /** Share of the real long-tail items that occur at least once. */
  readonly longTailCoverage: number;
}

export interface BehaviourFigures {
  readonly sessionLength: Histogram & { readonly ksComplement: number; readonly realMean: number; readonly syntheticMean: number };
  readonly interEventTime: Histogram & {
    readonly ksComplement: number;
    readonly realMedianSeconds: number | null;
    readonly syntheticMedianSeconds: number | null;
  };
  readonly itemPopularity: {
    readonly score: number;
    readonly real: PopularityStats;
    readonly synthetic: PopularityStats;
    /** Lorenz-style curve: share of events on the top rankFraction of each log's items. */
    readonly curve: { readonly rankFraction: readonly number[]; readonly real: readonly number[]; readonly synthetic: readonly number[] };
  };
  readonly eventTypeTransitions:
    | { readonly score: number; readonly kinds: readonly string[]; readonly real: number[][]; readonly synthetic: number[][] }
    | { readonly score: null; readonly reason: string };
  readonly repeatPurchase: { readonly score: number; readonly real: number; readonly synthetic: number; readonly basis: string };
  readonly distinctItems: { readonly real: number; readonly synthetic: number; readonly coverage: number };
  readonly exactCopies: { readonly share: number; readonly copied: number; readonly users: number; readonly shareAllUsers: number };
  /** The distribution scores side by side (null where not applicable). */
  readonly scores: Readonly<Record<string, number | null>>;
}

// ---------- primitives ----------

/** Two-sample Kolmogorov-Smirnov statistic (max CDF difference), correct with ties. */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return 1;
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/** Gini coefficient of non-negative counts (0 = all equal, towards 1 = concentrated). */
export function gini(counts: ArrayLike<number>): number {
  const v = Float64Array.from(counts).sort();
  const n = v.length;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += v[i]!;
    weighted += (i + 1) * v[i]!;
  }
  if (n === 0 || total === 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

function forEachUser(x: LogLike, f: (lo: number, hi: number) => void): void {
  let lo = 0;
  for (let i = 1; i <= x.user.length; i++) {
    if (i === x.user.length || x.user[i] !== x.user[lo]) {
      f(lo, i);
      lo = i;
    }
  }
}

/** Events per session, sessions split where a user's gap exceeds 30 minutes. */
export function sessionLengths(x: LogLike): number[] {
  const out: number[] = [];
  forEachUser(x, (lo, hi) => {
    let len = 1;
    for (let i = lo + 1; i < hi; i++) {
      if (x.time[i]! - x.time[i - 1]! > SESSION_GAP_MS) {
        out.push(len);
        len = 1;
      } else len++;
    }
    out.push(len);
  });
  return out;
}

/** Seconds between consecutive events of the same user. */
export function interEventSeconds(x: LogLike): Float64Array {
  const out: number[] = [];
  forEachUser(x, (lo, hi) => {
    for (let i = lo + 1; i < hi; i++) out.push((x.time[i]! - x.time[i - 1]!) / 1000);
  });
  return Float64Array.from(out);
}

function shares(values: ArrayLike<number>, binOf: (v: number) => number, nBins: number): number[] {
  const h = new Array<number>(nBins).fill(0);
  for (let i = 0; i < values.length; i++) h[binOf(values[i]!)]!++;
  return h.map((c) => (values.length > 0 ? c / values.length : 0));
}

function median(v: Float64Array): number | null {
  if (v.length === 0) return null;
  const s = Float64Array.from(v).sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const SESSION_BINS = [1, 2, 3, 4, 5, 10, 20, 50];
const SESSION_LABELS = ['1', '2', '3', '4', '5-9', '10-19', '20-49', '50+'];
const GAP_BINS_S = [0, 1, 60, 1800, 86_400, 604_800];
const GAP_LABELS = ['0', '<=1s', '<=1m', '<=30m', '<=1d', '<=7d', '>7d'];

function lowerEdgeBin(edges: readonly number[]): (v: number) => number {
  return (v) => {
    let b = 0;
    for (let i = 0; i < edges.length; i++) if (v >= edges[i]!) b = i;
    return b;
  };
}

function upperEdgeBin(edges: readonly number[]): (v: number) => number {
  return (v) => {
    for (let i = 0; i < edges.length; i++) if (v <= edges[i]!) return i;
    return edges.length;
  };
}

// ---------- popularity ----------

function itemCounts(x: LogLike): Map<string, number> {
  const byIndex = new Map<number, number>();
  for (let i = 0; i < x.item.length; i++) byIndex.set(x.item[i]!, (byIndex.get(x.item[i]!) ?? 0) + 1);
  const out = new Map<string, number>();
  for (const [i, c] of byIndex) {
    const id = x.itemIds[i] ?? `#${i}`;
    out.set(id, (out.get(id) ?? 0) + c);
  }
  return out;
}

function topShare(sortedDesc: readonly number[], total: number, fraction: number): number {
  if (total === 0 || sortedDesc.length === 0) return 0;
  const k = Math.max(1, Math.ceil(fraction * sortedDesc.length));
  let s = 0;
  for (let i = 0; i < k && i < sortedDesc.length; i++) s += sortedDesc[i]!;
  return s / total;
}

/** Long-tail items: real items outside the top 20% by real popularity (ties broken by id). */
export function realLongTail(real: Map<string, number>): Set<string> {
  const ranked = [...real.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const head = Math.ceil(0.2 * ranked.length);
  return new Set(ranked.slice(head).map(([id]) => id));
}

export function popularityStats(counts: Map<string, number>, longTail: Set<string>): PopularityStats {
  const values = [...counts.values()].sort((a, b) => b - a);
  const total = values.reduce((a, b) => a + b, 0);
  let tailEvents = 0;
  let tailCovered = 0;
  for (const [id, c] of counts) {
    if (longTail.has(id)) {
      tailEvents += c;
      tailCovered++;
    }
  }
  return {
    gini: gini(values),
    top1PctShare: topShare(values, total, 0.01),
    longTailEventShare: total > 0 ? tailEvents / total : 0,
    longTailCoverage: longTail.size > 0 ? tailCovered / longTail.size : 1,
  };
}

const CURVE_POINTS = [0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

function popularityCurve(counts: Map<string, number>): number[] {
  const values = [...counts.values()].sort((a, b) => b - a);
  const total = values.reduce((a, b) => a + b, 0);
  return CURVE_POINTS.map((f) => topShare(values, total, f));
}

// ---------- event types ----------

/** Row-normalised matrix of next-event kind given the current one, within users. */
export function kindTransitions(x: LogLike, kinds: readonly string[]): { probs: number[][]; rowMass: number[] } {
  const index = new Map(kinds.map((k, i) => [k, i]));
  const names = x.eventTypes ?? [];
  const K = kinds.length;
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let total = 0;
  forEachUser(x, (lo, hi) => {
    for (let i = lo + 1; i < hi; i++) {
      const a = index.get(names[x.eventType![i - 1]!] ?? '');
      const b = index.get(names[x.eventType![i]!] ?? '');
      if (a === undefined || b === undefined) continue;
      counts[a]![b]!++;
      total++;
    }
  });
  const rowMass = counts.map((r) => (total > 0 ? r.reduce((s, c) => s + c, 0) / total : 0));
  const probs = counts.map((r) => {
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((c) => (s > 0 ? c / s : 0));
  });
  return { probs, rowMass };
}

/** 1 minus the real-row-mass-weighted total-variation distance between the two transition matrices. */
export function transitionSimilarity(real: LogLike, synthetic: LogLike): BehaviourFigures['eventTypeTransitions'] {
  if (!real.eventType || !real.eventTypes || !synthetic.eventType || !synthetic.eventTypes) {
    return { score: null, reason: 'the data has no event types' };
  }
  const kinds = real.eventTypes;
  const r = kindTransitions(real, kinds);
  const s = kindTransitions(synthetic, kinds);
  let tv = 0;
  for (let a = 0; a < kinds.length; a++) {
    let row = 0;
    for (let b = 0; b < kinds.length; b++) row += Math.abs(r.probs[a]![b]! - s.probs[a]![b]!);
    tv += r.rowMass[a]! * 0.5 * row;
  }
  return { score: 1 - tv, kinds, real: r.probs, synthetic: s.probs };
}

// ---------- repeats, coverage, copies ----------

const PURCHASE_TYPE = /order|purchase|buy|transaction|checkout|sale/i;

/**
 * Share of (user, item) pairs bought at two or more distinct times. "Bought" = events of a
 * purchase-like type (order, purchase, ...) when the log has such types, else every event.
 */
export function repeatPurchaseRate(x: LogLike): { rate: number; basis: string } {
  const names = x.eventTypes ?? [];
  const purchaseKinds = new Set(names.flatMap((n, i) => (PURCHASE_TYPE.test(n) ? [i] : [])));
  const usePurchases = x.eventType !== undefined && purchaseKinds.size > 0;
  let pairs = 0;
  let repeated = 0;
  forEachUser(x, (lo, hi) => {
    const firstTime = new Map<number, number>();
    const rep = new Set<number>();
    for (let i = lo; i < hi; i++) {
      if (usePurchases && !purchaseKinds.has(x.eventType![i]!)) continue;
      const item = x.item[i]!;
      const t0 = firstTime.get(item);
      if (t0 === undefined) firstTime.set(item, x.time[i]!);
      else if (x.time[i] !== t0) rep.add(item);
    }
    pairs += firstTime.size;
    repeated += rep.size;
  });
  const basis = usePurchases ? `events of type ${[...purchaseKinds].map((k) => names[k]).join('/')}` : 'all events';
  return { rate: pairs > 0 ? repeated / pairs : 0, basis };
}

function sequenceKeys(x: LogLike, minLength: number): string[] {
  const keys: string[] = [];
  forEachUser(x, (lo, hi) => {
    if (hi - lo < minLength) return;
    const ids: string[] = [];
    for (let i = lo; i < hi; i++) ids.push(x.itemIds[x.item[i]!] ?? '');
    keys.push(ids.join('\u0001'));
  });
  return keys;
}

/**
 * Synthetic users whose whole item sequence equals some real user's. `share` counts users with at
 * least two events (a one-event history matching a popular item is not a copy of anyone).
 */
export function exactCopies(real: LogLike, synthetic: LogLike): BehaviourFigures['exactCopies'] {
  const realKeys = new Set(sequenceKeys(real, 1));
  const syn = sequenceKeys(synthetic, 1);
  const syn2 = sequenceKeys(synthetic, 2);
  const copied = syn2.filter((k) => realKeys.has(k)).length;
  const copiedAll = syn.filter((k) => realKeys.has(k)).length;
  return {
    share: syn2.length > 0 ? copied / syn2.length : 0,
    copied,
    users: syn2.length,
    shareAllUsers: syn.length > 0 ? copiedAll / syn.length : 0,
  };
}

// ---------- all figures ----------

export function behaviourFigures(real: LogLike, synthetic: LogLike): BehaviourFigures {
  const sr = sessionLengths(real);
  const ss = sessionLengths(synthetic);
  const sessionBin = lowerEdgeBin(SESSION_BINS);
  const gr = interEventSeconds(real);
  const gs = interEventSeconds(synthetic);
  const gapBin = upperEdgeBin(GAP_BINS_S);
  const mean = (v: number[]): number => (v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : 0);

  const cr = itemCounts(real);
  const cs = itemCounts(synthetic);
  const tail = realLongTail(cr);
  const curveReal = popularityCurve(cr);
  const curveSyn = popularityCurve(cs);
  let curveGap = 0;
  for (let i = 0; i < CURVE_POINTS.length; i++) curveGap = Math.max(curveGap, Math.abs(curveReal[i]! - curveSyn[i]!));

  const rr = repeatPurchaseRate(real);
  const rs = repeatPurchaseRate(synthetic);
  let covered = 0;
  for (const id of cs.keys()) if (cr.has(id)) covered++;

  const sessionLength = {
    ksComplement: 1 - ksStatistic(sr, ss),
    bins: SESSION_LABELS,
    real: shares(sr, sessionBin, SESSION_LABELS.length),
    synthetic: shares(ss, sessionBin, SESSION_LABELS.length),
    realMean: mean(sr),
    syntheticMean: mean(ss),
  };
  const interEventTime = {
    ksComplement: 1 - ksStatistic(gr, gs),
    bins: GAP_LABELS,
    real: shares(gr, gapBin, GAP_LABELS.length),
    synthetic: shares(gs, gapBin, GAP_LABELS.length),
    realMedianSeconds: median(gr),
    syntheticMedianSeconds: median(gs),
  };
  const itemPopularity = {
    score: 1 - curveGap,
    real: popularityStats(cr, tail),
    synthetic: popularityStats(cs, tail),
    curve: { rankFraction: CURVE_POINTS, real: curveReal, synthetic: curveSyn },
  };
  const eventTypeTransitions = transitionSimilarity(real, synthetic);
  const repeatPurchase = { score: 1 - Math.abs(rr.rate - rs.rate), real: rr.rate, synthetic: rs.rate, basis: rr.basis };
  return {
    sessionLength,
    interEventTime,
    itemPopularity,
    eventTypeTransitions,
    repeatPurchase,
    distinctItems: { real: cr.size, synthetic: cs.size, coverage: cr.size > 0 ? covered / cr.size : 0 },
    exactCopies: exactCopies(real, synthetic),
    scores: {
      sessionLength: sessionLength.ksComplement,
      interEventTime: interEventTime.ksComplement,
      itemPopularity: itemPopularity.score,
      eventTypeTransitions: eventTypeTransitions.score,
      repeatPurchase: repeatPurchase.score,
    },
  };
}
