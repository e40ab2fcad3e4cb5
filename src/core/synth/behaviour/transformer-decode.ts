/**
 * Batched autoregressive generation with the behaviour Transformer: many users decode in lockstep
 * with a key/value cache (one new token per user per step), constraint masks are applied to the
 * gap and kind logits before sampling, finished users are dropped from the batch, and when the
 * cache reaches maxLen the window is re-primed from the latest half of each history.
 */
import * as tf from '@tensorflow/tfjs';
import { JsDecoder, matVec } from '../../nn/js-decoder';
import { KvCacheLayer } from '../../nn/attention';
import { selectCacheRows, type KvCache } from '../../nn/transformer';
import { throwIfAborted, yieldToLoop, type TaskOptions } from '../../runtime/progress';
import { WeightedSampler, type Rng } from '../../runtime/rng';
import { FIRST_SESSION_BREAK_BUCKET, GAP_START, N_GAP_BUCKETS } from './buckets';
import type { BehaviourContext } from './context';
import { drawGapMs, gapMask, kindMask, sampleLogits, type SamplingOptions, type UserTrack } from './generation';
import type { BehaviourNet, TokenBatch } from './transformer-net';

/** Item vocabulary of a fitted model: classes, the OOV bucket and per-item feature codes. */
export interface VocabState {
  readonly itemClass: Int32Array;
  readonly classItem: Int32Array;
  readonly oovClass: number;
  readonly nClasses: number;
  readonly itemCount: Int32Array;
  /** Per feature, the code of every item. */
  readonly itemFeatureCodes: readonly Int32Array[];
  readonly featureSizes: readonly number[];
}

/** Tokens of a history so far (real prefix for augmentation, then generated events). */
export interface TokenHistory {
  readonly cls: number[];
  readonly item: number[];
  readonly kind: number[];
  readonly gap: number[];
  readonly boundary: number[];
}

export interface DecodeRow {
  readonly track: UserTrack;
  readonly profile: readonly number[];
  readonly history: TokenHistory;
}

export interface DecodeOptions extends TaskOptions {
  readonly sampling: SamplingOptions;
  readonly batchSize: number;
  /** Candidates kept for nucleus sampling when topP < 1. */
  readonly topK?: number;
}

/** Precomputed output-side tensors shared by every step of one generate call. */
interface OutputSide {
  readonly itemT: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
  readonly itemKind: Float32Array;
  /** Repeat-gate term per gap bucket (including GAP_START). */
  readonly copyGap: Float32Array;
}

export async function decodeRows(
  net: BehaviourNet,
  vocab: VocabState,
  ctx: BehaviourContext,
  rows: DecodeRow[],
  rng: Rng,
  opts: DecodeOptions,
): Promise<void> {
  const all = Int32Array.from({ length: vocab.nClasses }, (_, c) => c);
  const [itemT, bias, itemKindT] = tf.tidy(() => {
    const r = net.itemVectors(all, [all.length]) as tf.Tensor2D;
    return [r.transpose(), net.itemBias(all), net.kindItemLogits(r)];
  }) as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D];
  const out: OutputSide = {
    itemT,
    bias,
    itemKind: (await itemKindT.data()) as Float32Array,
    copyGap: (await net.store.get('head.copy.gap').data()) as Float32Array,
  };
  itemKindT.dispose();
  const rare: number[] = [];
  for (let i = 0; i < vocab.itemClass.length; i++) if (vocab.itemClass[i] === vocab.oovClass && vocab.itemCount[i]! > 0) rare.push(i);
  const rareSampler = rare.length > 0 ? new WeightedSampler(rare.map((i) => vocab.itemCount[i]!)) : null;
  const resolve = (c: number): number => {
    if (c !== vocab.oovClass) return vocab.classItem[c]!;
    return rareSampler ? rare[rareSampler.draw(rng)]! : vocab.classItem[0]!;
  };
  const js = await jsSide(net, out);
  try {
    // Rows decode together only when their primed windows have the same length.
    const half = Math.floor(net.config.maxLen / 2);
    const groups = new Map<number, DecodeRow[]>();
    for (const r of rows) {
      const len = Math.min(r.history.cls.length, half);
      const g = groups.get(len) ?? [];
      g.push(r);
      groups.set(len, g);
    }
    let finished = 0;
    const total = rows.length;
    for (const group of groups.values()) {
      // Longest histories first so that lockstep batches finish together.
      group.sort((a, b) => b.track.target - a.track.target);
      for (let s = 0; s < group.length; s += opts.batchSize) {
        throwIfAborted(opts.signal);
        const batch = group.slice(s, s + opts.batchSize);
        await decodeBatch(net, vocab, ctx, batch, out, js, resolve, rng, opts);
        finished += batch.length;
        opts.onProgress?.({ stage: 'sampling', fraction: finished / total, model: 'transformer' });
        await yieldToLoop();
      }
    }
  } finally {
    itemT.dispose();
    bias.dispose();
  }
}

function windowBatch(net: BehaviourNet, vocab: VocabState, rows: readonly DecodeRow[], nEvents: number): TokenBatch {
  const B = rows.length;
  const T = nEvents + 1;
  const nFeat = vocab.itemFeatureCodes.length;
  const b = {
    B,
    T,
    profile: net.vocab.profileSizes.map((_, f) => Int32Array.from(rows, (r) => r.profile[f] ?? 0)),
    itemClass: new Int32Array(B * T),
    features: Array.from({ length: nFeat }, () => new Int32Array(B * T)),
    kind: new Int32Array(B * T),
    gap: new Int32Array(B * T),
    boundary: new Int32Array(B * T),
  };
  rows.forEach((r, i) => {
    const h = r.history;
    const from = h.cls.length - nEvents;
    for (let p = 1; p < T; p++) {
      const e = from + p - 1;
      const at = i * T + p;
      b.itemClass[at] = h.cls[e]!;
      for (let f = 0; f < nFeat; f++) b.features[f]![at] = vocab.itemFeatureCodes[f]![h.item[e]!]!;
      b.kind[at] = h.kind[e]!;
      b.gap[at] = h.gap[e]!;
      b.boundary[at] = h.boundary[e]!;
    }
  });
  return b;
}

/** Runs the decoder over each row's latest window; returns the last hidden state and the cache. */
function prime(net: BehaviourNet, vocab: VocabState, rows: readonly DecodeRow[], nEvents: number): { h: tf.Tensor2D; cache: KvCache } {
  const batch = windowBatch(net, vocab, rows, nEvents);
  const x = tf.tidy(() => net.embed(batch));
  const { out, cache } = net.decoder.prefill(x);
  x.dispose();
  const h = tf.tidy(() => out.slice([0, batch.T - 1, 0], [batch.B, 1, net.d]).reshape([batch.B, net.d]) as tf.Tensor2D);
  out.dispose();
  return { h, cache };
}

/**
 * Row counts from which a step's item scores run as one tfjs product against every item vector
 * plus tfjs multinomial; narrower steps score and sample in typed-array loops. Measured on Online
 * Retail (3.2k classes, d=32): the wasm product is ~20 us per row against ~250 us in JS loops, so
 * tfjs wins from a handful of rows despite its per-call cost.
 */
const TF_ITEM_ROWS = 4;
/**
 * Row counts from which the decoder step (and re-priming) runs in tfjs rather than typed arrays
 * (nn/js-decoder.ts): tfjs's ~70 kernel launches per step only pay off for wider batches.
 */
const TF_DECODER_ROWS = 25;

/** Everything the typed-array path needs, read from the network once per generate call. */
interface JsSide {
  readonly decoder: JsDecoder;
  readonly d: number;
  readonly C: number;
  /** Item vectors class-major [C, d]: one contiguous dot product per class. */
  readonly itemRows: Float32Array;
  readonly bias: Float32Array;
  readonly gapW: Float32Array;
  readonly gapB: Float32Array;
  readonly kindW: Float32Array;
  readonly kindB: Float32Array;
  readonly copyW: Float32Array;
  readonly copyB: Float32Array;
  readonly itemId: Float32Array;
  readonly features: readonly Float32Array[];
  readonly kindIn: Float32Array;
  readonly gapIn: Float32Array;
  readonly boundaryIn: Float32Array;
  readonly profile: readonly Float32Array[];
}

async function jsSide(net: BehaviourNet, out: OutputSide): Promise<JsSide> {
  const get = async (name: string): Promise<Float32Array> => (await net.store.get(name).data()) as Float32Array;
  const d = net.d;
  const C = net.vocab.nClasses;
  const itemT = (await out.itemT.data()) as Float32Array;
  const itemRows = new Float32Array(C * d);
  for (let i = 0; i < d; i++) for (let c = 0; c < C; c++) itemRows[c * d + i] = itemT[i * C + c]!;
  return {
    decoder: await JsDecoder.from(net.decoder),
    d,
    C,
    itemRows,
    bias: (await out.bias.data()) as Float32Array,
    gapW: await get('head.gap.w'),
    gapB: await get('head.gap.b'),
    kindW: await get('head.kind.w'),
    kindB: await get('head.kind.b'),
    copyW: await get('head.copy.w'),
    copyB: await get('head.copy.b'),
    itemId: await get('item.id'),
    features: await Promise.all(net.vocab.featureSizes.map((_, f) => get(`item.feat${f}`))),
    kindIn: await get('kind.in'),
    gapIn: await get('gap.in'),
    boundaryIn: await get('boundary.in'),
    profile: await Promise.all(net.vocab.profileSizes.map((_, f) => get(`profile${f}`))),
  };
}

interface StepTokens {
  readonly itemClass: Int32Array;
  readonly features: Int32Array[];
  readonly kind: Int32Array;
  readonly gap: Int32Array;
  readonly boundary: Int32Array;
}

function newTokens(B: number, nFeat: number): StepTokens {
  return {
    itemClass: new Int32Array(B),
    features: Array.from({ length: nFeat }, () => new Int32Array(B)),
    kind: new Int32Array(B),
    gap: new Int32Array(B),
    boundary: new Int32Array(B),
  };
}

/** Item scores of one row in typed arrays: logits[c] = h . item_c + bias_c. */
function itemLogitsJs(s: JsSide, h: Float32Array, hOff: number, logits: Float32Array): void {
  const { d, C, itemRows, bias } = s;
  for (let c = 0; c < C; c++) {
    let acc = bias[c]!;
    const w = c * d;
    for (let i = 0; i < d; i++) acc += h[hOff + i]! * itemRows[w + i]!;
    logits[c] = acc;
  }
}

/**
 * Plain softmax sampling with temperature (what sampleLogits does for topP = 1 without a mask),
 * exponentiating each logit once into a scratch buffer: this runs once per generated event over
 * every item class.
 */
function sampleSoftmax(logits: Float32Array, n: number, temperature: number, scratch: Float64Array, rng: Rng): number {
  let max = -Infinity;
  for (let j = 0; j < n; j++) if (logits[j]! > max) max = logits[j]!;
  const inv = 1 / temperature;
  let total = 0;
  for (let j = 0; j < n; j++) {
    const v = Math.exp((logits[j]! - max) * inv);
    scratch[j] = v;
    total += v;
  }
  let u = rng.uniform() * total;
  let last = -1;
  for (let j = 0; j < n; j++) {
    const v = scratch[j]!;
    if (v <= 0) continue;
    last = j;
    u -= v;
    if (u < 0) return j;
  }
  return last;
}

/** Samples one item class per row: one tfjs product + multinomial for wide batches, loops for narrow. */
function sampleItems(s: JsSide, out: OutputSide, h: Float32Array, rows: readonly DecodeRow[], sampling: SamplingOptions, topK: number, rng: Rng, buf: ItemBuffers): Int32Array {
  const B = rows.length;
  const picks = new Int32Array(B);
  const nucleus = sampling.topP < 1;
  // Only unfinished rows are scored: finished ones stay in the batch (and the cache) until a
  // quarter of it is done, but their [C]-wide scores would be wasted work.
  const alive: number[] = [];
  for (let r = 0; r < B; r++) if (!rows[r]!.track.done) alive.push(r);
  const A = alive.length;
  if (A >= TF_ITEM_ROWS) {
    const seed = rng.int(2 ** 31);
    const k = Math.min(topK, s.C);
    // (h W + b) / T with the temperature applied to the d-wide input and the bias rather than
    // in a further pass over every item score.
    const inv = 1 / sampling.temperature;
    const { d } = s;
    const hAlive = new Float32Array(A * d);
    for (let a = 0; a < A; a++) {
      const from = alive[a]! * d;
      for (let i = 0; i < d; i++) hAlive[a * d + i] = h[from + i]! * inv;
    }
    const [idxT, valT] = tf.tidy((): tf.Tensor[] => {
      const hT = tf.tensor2d(hAlive, [A, d]);
      const logits = tf.matMul(hT, out.itemT).add(inv === 1 ? out.bias : out.bias.mul(inv)) as tf.Tensor2D;
      if (!nucleus) return [tf.multinomial(logits, 1, seed)];
      const top = tf.topk(logits, k);
      return [top.indices, top.values];
    }) as [tf.Tensor, tf.Tensor | undefined];
    const idx = idxT.dataSync() as Int32Array;
    const vals = valT ? (valT.dataSync() as Float32Array) : null;
    idxT.dispose();
    valT?.dispose();
    for (let a = 0; a < A; a++) {
      picks[alive[a]!] = vals ? idx[a * k + sampleLogits(vals, a * k, k, null, { temperature: 1, topP: sampling.topP }, rng)]! : idx[a]!;
    }
    return picks;
  }
  for (let r = 0; r < B; r++) {
    if (rows[r]!.track.done) continue;
    itemLogitsJs(s, h, r * s.d, buf.logits);
    picks[r] = nucleus ? sampleLogits(buf.logits, 0, s.C, null, sampling, rng) : sampleSoftmax(buf.logits, s.C, sampling.temperature, buf.scratch, rng);
  }
  return picks;
}

interface ItemBuffers {
  readonly logits: Float32Array;
  readonly scratch: Float64Array;
}

/** Last hidden states [B, d] and cache for rows' latest windows, in tfjs (wide) or typed arrays (narrow). */
function primeRows(s: JsSide, net: BehaviourNet, vocab: VocabState, rows: readonly DecodeRow[], nEvents: number): { h: Float32Array; cache: KvCache } {
  if (rows.length < TF_DECODER_ROWS) return primeJs(s, net, vocab, rows, nEvents);
  const { h, cache } = prime(net, vocab, rows, nEvents);
  const hA = h.dataSync() as Float32Array;
  h.dispose();
  return { h: hA, cache };
}

async function decodeBatch(
  net: BehaviourNet,
  vocab: VocabState,
  ctx: BehaviourContext,
  batchRows: DecodeRow[],
  out: OutputSide,
  js: JsSide,
  resolve: (c: number) => number,
  rng: Rng,
  opts: DecodeOptions,
): Promise<void> {
  const { stats, kinds } = ctx;
  const { sampling } = opts;
  const maxLen = net.config.maxLen;
  const half = Math.floor(maxLen / 2);
  const G = N_GAP_BUCKETS;
  const K = kinds.names.length;
  const d = net.d;
  const nFeat = vocab.itemFeatureCodes.length;
  const gMask = new Uint8Array(G);
  const kMask = new Uint8Array(K);
  const kindLogits = new Float32Array(K);
  const topK = opts.topK ?? 256;
  const buf: ItemBuffers = { logits: new Float32Array(js.C), scratch: new Float64Array(js.C) };
  let rows = batchRows;
  const primed = Math.min(rows[0]!.history.cls.length, half);
  let { h, cache } = primeRows(js, net, vocab, rows, primed);

  /** Applies the row's constraints and samples; marks the row finished when nothing fits. */
  const advance = (r: number, gapL: Float32Array, kindB: Float32Array, copyZ: Float32Array, sampled: number, tok: StepTokens): void => {
    const row = rows[r]!;
    const t = row.track;
    if (t.done) return;
    let gapTok = GAP_START;
    let boundary = 1;
    let time = t.time;
    if (!t.fresh) {
      if (!gapMask(stats, t, gMask)) {
        t.finish();
        return;
      }
      const b = sampleLogits(gapL, r * G, G, gMask, sampling, rng);
      time = t.time + drawGapMs(stats, b, t, rng);
      gapTok = b;
      boundary = b >= FIRST_SESSION_BREAK_BUCKET || (stats.hasBasket && b !== 0) ? 1 : 0;
    }
    // Repeat gate: with probability sigmoid(z + c[gap]) re-use an item from the window's history.
    const hist = row.history;
    const window = Math.min(hist.item.length, maxLen - 1);
    const z = copyZ[r]! + out.copyGap[gapTok]!;
    let c = sampled;
    let item: number;
    if (window > 0 && rng.uniform() < 1 / (1 + Math.exp(-z))) {
      const j = hist.item.length - 1 - rng.int(window);
      item = hist.item[j]!;
      c = hist.cls[j]!;
    } else item = resolve(c);
    kindMask(stats, t, item, kMask);
    for (let k = 0; k < K; k++) kindLogits[k] = kindB[r * K + k]! + out.itemKind[c * K + k]!;
    const kind = sampleLogits(kindLogits, 0, K, kMask, sampling, rng);
    t.push(item, kind, time, stats, rng);
    hist.cls.push(c);
    hist.item.push(item);
    hist.kind.push(kind);
    hist.gap.push(gapTok);
    hist.boundary.push(boundary);
    tok.itemClass[r] = c;
    for (let f = 0; f < nFeat; f++) tok.features[f]![r] = vocab.itemFeatureCodes[f]![item]!;
    tok.kind[r] = kind;
    tok.gap[r] = gapTok;
    tok.boundary[r] = boundary;
  };

  while (rows.some((r) => !r.track.done)) {
    throwIfAborted(opts.signal);
    const B = rows.length;
    const tok = newTokens(B, nFeat);
    // The small heads (gap, kind, repeat gate) are a few hundred multiply-adds per row: loops.
    const gapL = new Float32Array(B * G);
    const kindB = new Float32Array(B * K);
    const copyZ = new Float32Array(B);
    for (let r = 0; r < B; r++) {
      if (rows[r]!.track.done) continue;
      matVec(h, r * d, js.gapW, js.gapB, d, G, gapL, r * G);
      matVec(h, r * d, js.kindW, js.kindB, d, K, kindB, r * K);
      matVec(h, r * d, js.copyW, js.copyB, d, 1, copyZ, r);
    }
    const picks = sampleItems(js, out, h, rows, sampling, topK, rng, buf);
    for (let r = 0; r < B; r++) advance(r, gapL, kindB, copyZ, picks[r]!, tok);
    if (!rows.some((r) => !r.track.done)) break;

    // Drop finished rows once they are a quarter of the batch: less work per step.
    const alive: number[] = [];
    rows.forEach((r, i) => {
      if (!r.track.done) alive.push(i);
    });
    let keep: Int32Array | null = null;
    if (alive.length <= 0.75 * B) {
      keep = Int32Array.from(alive);
      rows = alive.map((i) => rows[i]!);
      h = selectRowsOf(h, keep, d);
    }
    if (cache.length >= maxLen) {
      // Cache full: start again from the latest half window (positions are window-relative).
      // Every row has at least maxLen - 1 events in its window by now, so half always fits.
      ({ h, cache } = primeRows(js, net, vocab, rows, half));
      continue;
    }
    const sel = <T extends Int32Array>(a: T): T => (keep ? (Int32Array.from(keep, (i) => a[i]!) as T) : a);
    const next: StepTokens = { itemClass: sel(tok.itemClass), features: tok.features.map(sel), kind: sel(tok.kind), gap: sel(tok.gap), boundary: sel(tok.boundary) };
    if (keep) cache = selectCacheRows(cache, keep);
    if (rows.length >= TF_DECODER_ROWS) {
      const x = tf.tidy(() => net.eventEmbedding(next, [rows.length]) as tf.Tensor2D);
      const stepped = net.decoder.step(x, cache);
      x.dispose();
      h = stepped.out.dataSync() as Float32Array;
      stepped.out.dispose();
      cache = stepped.cache;
    } else {
      const stepped = js.decoder.step(embedTokensJs(js, next, rows.length), rows.length, cache);
      h = stepped.out;
      cache = stepped.cache;
    }
  }
}

/** Same as prime() but with the typed-array decoder, one position at a time. */
function primeJs(s: JsSide, net: BehaviourNet, vocab: VocabState, rows: readonly DecodeRow[], nEvents: number): { h: Float32Array; cache: KvCache } {
  const B = rows.length;
  const d = s.d;
  const { nHeads, nLayers, maxLen } = net.config;
  let cache: KvCache = { layers: Array.from({ length: nLayers }, () => new KvCacheLayer(B, nHeads, maxLen, d / nHeads)), length: 0 };
  const x = new Float32Array(B * d);
  rows.forEach((r, i) => {
    s.profile.forEach((table, f) => {
      const id = r.profile[f] ?? 0;
      for (let c = 0; c < d; c++) x[i * d + c]! += table[id * d + c]!;
    });
  });
  let res = s.decoder.step(x, B, cache);
  cache = res.cache;
  const nFeat = vocab.itemFeatureCodes.length;
  for (let p = 0; p < nEvents; p++) {
    const tok = newTokens(B, nFeat);
    rows.forEach((r, i) => {
      const h = r.history;
      const e = h.cls.length - nEvents + p;
      tok.itemClass[i] = h.cls[e]!;
      for (let f = 0; f < nFeat; f++) tok.features[f]![i] = vocab.itemFeatureCodes[f]![h.item[e]!]!;
      tok.kind[i] = h.kind[e]!;
      tok.gap[i] = h.gap[e]!;
      tok.boundary[i] = h.boundary[e]!;
    });
    res = s.decoder.step(embedTokensJs(s, tok, B), B, cache);
    cache = res.cache;
  }
  return { h: res.out, cache };
}

function selectRowsOf(a: Float32Array, rows: Int32Array, width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(a.subarray(r * width, (r + 1) * width), i * width));
  return out;
}

/** The same sum of embeddings as BehaviourNet.eventEmbedding, in typed arrays. */
function embedTokensJs(s: JsSide, t: StepTokens, B: number): Float32Array {
  const d = s.d;
  const x = new Float32Array(B * d);
  const add = (table: Float32Array, id: number, r: number): void => {
    for (let i = 0; i < d; i++) x[r * d + i]! += table[id * d + i]!;
  };
  for (let r = 0; r < B; r++) {
    add(s.itemId, t.itemClass[r]!, r);
    s.features.forEach((table, f) => add(table, t.features[f]![r]!, r));
    add(s.kindIn, t.kind[r]!, r);
    add(s.gapIn, t.gap[r]!, r);
    add(s.boundaryIn, t.boundary[r]!, r);
  }
  return x;
}
