/**
 * A causal Transformer decoder (pre-layer-norm, as in GPT-2 / SASRec) built from tfjs ops, because
 * tfjs-layers 4.22 has no attention layer. Variables are explicit (ParamStore), so a model that
 * embeds its own tokens can own the store, train every variable, and save/load by name.
 *
 * Shapes: B batch, T sequence length, d model width, H heads, dh = d / H.
 * The caller embeds tokens; this module adds learned positions, runs the blocks and applies the
 * final layer norm. Three entry points share the same weights:
 *  - apply(): full causal pass for training (dropout when training);
 *  - prefill(): full pass that also fills a typed-array key/value cache for incremental decoding;
 *  - step(): one new token per row against that cache (O(T) per token instead of O(T^2)).
 * Attention itself runs as typed-array loops (attention.ts): far faster than tfjs-wasm's batched
 * matMul for these many tiny products.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../runtime/rng';
import { causalAttention, KvCacheLayer } from './attention';
import { ParamStore } from './params';

export interface TransformerConfig {
  readonly dModel: number;
  readonly nHeads: number;
  readonly nLayers: number;
  /** Width of the feed-forward hidden layer (4 x dModel is usual). */
  readonly ffnDim: number;
  /** Longest sequence (positions 0..maxLen-1 have learned embeddings). */
  readonly maxLen: number;
  /** Dropout rate on embeddings, attention output and FFN output while training. */
  readonly dropout: number;
}

/** Keys and values of every layer (typed arrays, see attention.ts) and how many positions they hold. */
export interface KvCache {
  readonly layers: readonly KvCacheLayer[];
  readonly length: number;
}

export interface ApplyOptions {
  readonly training: boolean;
  /** Seed for this pass's dropout masks (vary it per step); required when training with dropout > 0. */
  readonly dropoutSeed?: number;
}

const NEG_INF = -1e9;
const LN_EPS = 1e-5;

export function validateTransformerConfig(c: TransformerConfig): void {
  if (!Number.isInteger(c.dModel) || c.dModel <= 0) throw new Error(`dModel must be a positive integer, got ${c.dModel}.`);
  if (!Number.isInteger(c.nHeads) || c.nHeads <= 0 || c.dModel % c.nHeads !== 0) {
    throw new Error(`nHeads (${c.nHeads}) must be a positive integer dividing dModel (${c.dModel}).`);
  }
  if (!Number.isInteger(c.nLayers) || c.nLayers <= 0) throw new Error(`nLayers must be a positive integer, got ${c.nLayers}.`);
  if (!Number.isInteger(c.ffnDim) || c.ffnDim <= 0) throw new Error(`ffnDim must be a positive integer, got ${c.ffnDim}.`);
  if (!Number.isInteger(c.maxLen) || c.maxLen <= 0) throw new Error(`maxLen must be a positive integer, got ${c.maxLen}.`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`dropout must be in [0, 1), got ${c.dropout}.`);
}

/** Additive mask [T, T]: 0 where key position <= query position, a large negative number after it. */
export function causalMask(T: number): tf.Tensor2D {
  const m = new Float32Array(T * T);
  for (let q = 0; q < T; q++) for (let k = q + 1; k < T; k++) m[q * T + k] = NEG_INF;
  return tf.tensor2d(m, [T, T]);
}

/** Layer norm over the last axis. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).mul(variance.add(LN_EPS).rsqrt()).mul(gamma).add(beta);
}

/** x [..., in] times W [in, out] plus b, for any leading shape. */
export function dense(x: tf.Tensor, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor {
  const inDim = w.shape[0];
  const outDim = w.shape[1];
  const lead = x.shape.slice(0, -1);
  return tf.matMul(x.reshape([-1, inDim]), w).add(b).reshape([...lead, outDim]);
}

export class CausalTransformer {
  readonly config: TransformerConfig;
  readonly params: ParamStore;
  /** Parameter-name prefix of this stack in its store. */
  readonly prefix: string;

  /**
   * @param store where the variables live; pass the owning model's store so one serialize() saves all.
   * @param prefix parameter-name prefix, so several stacks can share a store.
   */
  constructor(config: TransformerConfig, rng: Rng, store: ParamStore = new ParamStore(), prefix = 'transformer') {
    validateTransformerConfig(config);
    this.config = config;
    this.params = store;
    this.prefix = prefix;
    const { dModel: d, ffnDim, nLayers, maxLen } = config;
    store.normal(`${prefix}.pos`, [maxLen, d], rng, 0.02);
    for (let l = 0; l < nLayers; l++) {
      const p = `${prefix}.l${l}`;
      store.constant(`${p}.ln1.g`, [d], 1);
      store.constant(`${p}.ln1.b`, [d], 0);
      store.normal(`${p}.wq`, [d, d], rng);
      store.normal(`${p}.wk`, [d, d], rng);
      store.normal(`${p}.wv`, [d, d], rng);
      store.constant(`${p}.bq`, [d], 0);
      store.constant(`${p}.bk`, [d], 0);
      store.constant(`${p}.bv`, [d], 0);
      // Residual-branch outputs start small (GPT-2 style) so a deep stack starts near identity.
      store.normal(`${p}.wo`, [d, d], rng, 1 / Math.sqrt(d * 2 * nLayers));
      store.constant(`${p}.bo`, [d], 0);
      store.constant(`${p}.ln2.g`, [d], 1);
      store.constant(`${p}.ln2.b`, [d], 0);
      store.normal(`${p}.w1`, [d, ffnDim], rng);
      store.constant(`${p}.b1`, [ffnDim], 0);
      store.normal(`${p}.w2`, [ffnDim, d], rng, 1 / Math.sqrt(ffnDim * 2 * nLayers));
      store.constant(`${p}.b2`, [d], 0);
    }
    store.constant(`${prefix}.lnf.g`, [d], 1);
    store.constant(`${prefix}.lnf.b`, [d], 0);
  }

  private p1(name: string): tf.Tensor1D {
    return this.params.get(`${this.prefix}.${name}`) as tf.Tensor1D;
  }
  private p2(name: string): tf.Tensor2D {
    return this.params.get(`${this.prefix}.${name}`) as tf.Tensor2D;
  }

  /** Full causal pass: x [B, T, d] token embeddings -> [B, T, d] hidden states (final norm applied). */
  apply(x: tf.Tensor3D, opts: ApplyOptions): tf.Tensor3D {
    return this.forward(x, opts, null) as tf.Tensor3D;
  }

  /**
   * Full causal pass without dropout that also fills a key/value cache (capacity maxLen).
   * Runs in its own tidy: only `out` survives; the caller disposes it.
   */
  prefill(x: tf.Tensor3D): { out: tf.Tensor3D; cache: KvCache } {
    const layers: KvCacheLayer[] = [];
    const out = tf.tidy(() => this.forward(x, { training: false }, layers) as tf.Tensor3D);
    return { out, cache: { layers, length: x.shape[1] } };
  }

  /**
   * One decoding step: x [B, d] is the embedding of the token at position cache.length.
   * Writes that position into the cache (in place) and returns the hidden state [B, d] and the
   * cache with its new length. Runs in its own tidy: only `out` survives.
   */
  step(x: tf.Tensor2D, cache: KvCache): { out: tf.Tensor2D; cache: KvCache } {
    const { dModel: d, nHeads: H, nLayers, maxLen } = this.config;
    const position = cache.length;
    if (position >= maxLen) throw new Error(`Position ${position} is past maxLen ${maxLen}; re-prefill a shorter window.`);
    if (cache.layers.length !== nLayers) throw new Error(`The cache has ${cache.layers.length} layers; the model has ${nLayers}.`);
    const B = x.shape[0];
    if (cache.layers[0]!.B !== B) throw new Error(`The cache holds ${cache.layers[0]!.B} rows but the step has ${B}.`);
    const out = tf.tidy(() => {
      const pos = tf.slice(this.p2('pos'), [position, 0], [1, d]);
      let h: tf.Tensor = x.add(pos);
      for (let l = 0; l < nLayers; l++) {
        const layer = cache.layers[l]!;
        const a = layerNorm(h, this.p1(`l${l}.ln1.g`), this.p1(`l${l}.ln1.b`));
        const q = dense(a, this.p2(`l${l}.wq`), this.p1(`l${l}.bq`)).dataSync() as Float32Array;
        const k = dense(a, this.p2(`l${l}.wk`), this.p1(`l${l}.bk`)).dataSync() as Float32Array;
        const v = dense(a, this.p2(`l${l}.wv`), this.p1(`l${l}.bv`)).dataSync() as Float32Array;
        // [B, d] is [B, 1, H, dh] in the cache's input layout and [B, H, dh] for the query.
        layer.write(k, v, position, 1);
        const ctx = tf.tensor2d(layer.attendOne(q, position + 1), [B, d]);
        h = h.add(dense(ctx, this.p2(`l${l}.wo`), this.p1(`l${l}.bo`)));
        h = h.add(this.ffn(h, l, { training: false }, 0));
      }
      return layerNorm(h, this.p1('lnf.g'), this.p1('lnf.b')) as tf.Tensor2D;
    });
    void H;
    return { out, cache: { layers: cache.layers, length: position + 1 } };
  }

  private ffn(h: tf.Tensor, l: number, opts: ApplyOptions, seed: number): tf.Tensor {
    const a = layerNorm(h, this.p1(`l${l}.ln2.g`), this.p1(`l${l}.ln2.b`));
    const hidden = tf.relu(dense(a, this.p2(`l${l}.w1`), this.p1(`l${l}.b1`)));
    return this.dropout(dense(hidden, this.p2(`l${l}.w2`), this.p1(`l${l}.b2`)), opts, seed);
  }

  private dropout(x: tf.Tensor, opts: ApplyOptions, salt: number): tf.Tensor {
    const rate = this.config.dropout;
    if (!opts.training || rate === 0) return x;
    if (opts.dropoutSeed === undefined) throw new Error('Training with dropout needs a dropoutSeed per step.');
    return tf.dropout(x, rate, undefined, opts.dropoutSeed * 131 + salt);
  }

  private forward(x: tf.Tensor3D, opts: ApplyOptions, cacheOut: KvCacheLayer[] | null): tf.Tensor {
    const { dModel: d, nHeads: H, nLayers, maxLen } = this.config;
    const [B, T] = x.shape;
    if (x.shape[2] !== d) throw new Error(`Input width ${x.shape[2]} does not match dModel ${d}.`);
    if (T > maxLen) throw new Error(`Sequence length ${T} exceeds maxLen ${maxLen}.`);
    const dh = d / H;
    const pos = tf.slice(this.p2('pos'), [0, 0], [T, d]);
    let h: tf.Tensor = this.dropout(x.add(pos), opts, 1);
    const heads = (t: tf.Tensor): tf.Tensor4D => t.reshape([B, T, H, dh]) as tf.Tensor4D;
    for (let l = 0; l < nLayers; l++) {
      const a = layerNorm(h, this.p1(`l${l}.ln1.g`), this.p1(`l${l}.ln1.b`));
      const q = heads(dense(a, this.p2(`l${l}.wq`), this.p1(`l${l}.bq`)));
      const k = heads(dense(a, this.p2(`l${l}.wk`), this.p1(`l${l}.bk`)));
      const v = heads(dense(a, this.p2(`l${l}.wv`), this.p1(`l${l}.bv`)));
      if (cacheOut) {
        const layer = new KvCacheLayer(B, H, maxLen, dh);
        layer.write(k.dataSync() as Float32Array, v.dataSync() as Float32Array, 0, T);
        cacheOut.push(layer);
      }
      const ctx = causalAttention(q, k, v).reshape([B, T, d]);
      h = h.add(this.dropout(dense(ctx, this.p2(`l${l}.wo`), this.p1(`l${l}.bo`)), opts, 10 + 2 * l));
      h = h.add(this.ffn(h, l, opts, 11 + 2 * l));
    }
    return layerNorm(h, this.p1('lnf.g'), this.p1('lnf.b'));
  }
}

/** Keeps only the given batch rows of a cache (e.g. drop finished sequences); returns a new cache. */
export function selectCacheRows(cache: KvCache, rows: Int32Array): KvCache {
  return { layers: cache.layers.map((l) => l.selectRows(rows)), length: cache.length };
}

/**
 * Row-wise log-sum-exp with its analytic gradient (softmax). tf.logSumExp differentiates through
 * its internal max, whose gradient is a broadcasting Equal that took ~0.5 s per step on wasm for
 * [4096, 257] (profiled); mathematically that term is zero.
 */
export function logSumExpRows(x: tf.Tensor2D): tf.Tensor1D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const input = args[0] as tf.Tensor2D;
    const save = args[1] as tf.GradSaveFunc;
    const m = tf.max(input, 1, true);
    const value = tf.log(tf.exp(input.sub(m)).sum(1)).add(m.reshape([-1])) as tf.Tensor1D;
    save([input, value]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, v] = saved as [tf.Tensor2D, tf.Tensor1D];
        return dy.expandDims(1).mul(tf.exp(xs.sub(v.expandDims(1))));
      },
    };
  });
  return f(x) as tf.Tensor1D;
}

/**
 * Sampled softmax loss per row (Jean et al. 2015 with log-Q correction, as in YouTube's two-tower
 * and SASRec variants): the positive against S shared negatives drawn from a proposal q.
 * posLogits [N], negLogits [N, S]; logQPos [N], logQNeg [S] (log proposal probabilities);
 * accidentalHit [N, S] is 1 where a negative equals the row's positive (it is masked out).
 * Returns the loss per row [N] (log-sum-exp minus the positive), which approximates full softmax.
 */
export function sampledSoftmaxLoss(
  posLogits: tf.Tensor1D,
  negLogits: tf.Tensor2D,
  logQPos: tf.Tensor1D,
  logQNeg: tf.Tensor1D,
  accidentalHit: tf.Tensor2D,
): tf.Tensor1D {
  const pos = posLogits.sub(logQPos);
  const neg = negLogits.sub(logQNeg).add(accidentalHit.mul(NEG_INF));
  const all = tf.concat([pos.expandDims(1), neg], 1) as tf.Tensor2D;
  return logSumExpRows(all).sub(pos) as tf.Tensor1D;
}

/** Full softmax cross-entropy per row: logits [N, C], int targets [N] -> [N]. */
export function softmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const C = logits.shape[1];
  const picked = logits.mul(tf.oneHot(targets, C)).sum(1);
  return logSumExpRows(logits).sub(picked) as tf.Tensor1D;
}
