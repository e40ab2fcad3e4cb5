/**
 * The behaviour Transformer's network: token embeddings (item id + item features + kind + gap +
 * session boundary; a profile token at position 0), the causal decoder, and three heads that
 * factorise the next event as P(gap | h) P(item | h) P(kind | h, item).
 * Item output vectors are tied to the input item embeddings (id + features), so rare items share
 * strength with items that have the same features.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingLookup } from '../../nn/embedding';
import { ParamStore } from '../../nn/params';
import { CausalTransformer, dense, logSumExpRows, sampledSoftmaxLoss, softmaxCrossEntropy, type TransformerConfig } from '../../nn/transformer';
import type { Rng } from '../../runtime/rng';
import { GAP_START, N_GAP_BUCKETS } from './buckets';

/** Vocabulary facts the network needs (from the sequence encoding). */
export interface NetVocab {
  readonly nClasses: number;
  readonly nKinds: number;
  /** Codes per item feature (size of each feature table). */
  readonly featureSizes: readonly number[];
  /** Values per profile field. */
  readonly profileSizes: readonly number[];
  /** Per class, per feature: the feature code of the class's item (0 for the OOV class). */
  readonly classFeatures: readonly Int32Array[];
}

/** Token ids for a batch of sequences [B, T] (flattened row-major). */
/** Log frequencies used to initialise the output biases, so training starts from the marginals. */
export interface OutputPriors {
  readonly item: Float32Array;
  readonly gap: Float32Array;
  readonly kind: Float32Array;
}

export interface TokenBatch {
  readonly B: number;
  readonly T: number;
  /** Per profile field: the user's code, [B]. Position 0 is the profile token. */
  readonly profile: readonly Int32Array[];
  /** Positions 1..T-1 hold events; position 0 entries are ignored (0). */
  readonly itemClass: Int32Array;
  readonly features: readonly Int32Array[];
  readonly kind: Int32Array;
  readonly gap: Int32Array;
  readonly boundary: Int32Array;
}

/** Targets at every position [B*T]: the next event. Weight 0 marks padding. */
export interface TargetBatch {
  readonly itemClass: Int32Array;
  readonly kind: Int32Array;
  readonly gap: Int32Array;
  readonly weight: Float32Array;
  /**
   * Share of the events before this position (in the window) that are the target item: the
   * probability of the target under "repeat an item from the history" (0 when absent).
   */
  readonly historyShare: Float32Array;
}

export interface LossParts {
  readonly total: tf.Scalar;
  readonly item: tf.Scalar;
  readonly gap: tf.Scalar;
  readonly kind: tf.Scalar;
}

export class BehaviourNet {
  readonly store = new ParamStore();
  readonly decoder: CausalTransformer;
  readonly d: number;

  constructor(
    readonly vocab: NetVocab,
    readonly config: TransformerConfig,
    rng: Rng,
    priors?: OutputPriors,
  ) {
    const d = config.dModel;
    this.d = d;
    const s = this.store;
    const small = 0.05;
    s.normal('item.id', [vocab.nClasses, d], rng, small);
    vocab.featureSizes.forEach((n, f) => s.normal(`item.feat${f}`, [n, d], rng, small));
    s.normal('kind.in', [vocab.nKinds, d], rng, small);
    s.normal('gap.in', [N_GAP_BUCKETS + 1, d], rng, small);
    s.normal('boundary.in', [2, d], rng, small);
    vocab.profileSizes.forEach((n, f) => s.normal(`profile${f}`, [n, d], rng, small));
    this.decoder = new CausalTransformer(config, rng, s, 'decoder');
    // Output weights start small and biases at the log marginals: step 0 already samples the real
    // item popularity, gap and kind frequencies; training then learns what depends on history.
    s.normal('head.gap.w', [d, N_GAP_BUCKETS], rng, small);
    s.fromArray('head.gap.b', [N_GAP_BUCKETS], priors?.gap ?? new Float32Array(N_GAP_BUCKETS));
    s.fromArray('head.item.b', [vocab.nClasses, 1], priors?.item ?? new Float32Array(vocab.nClasses));
    s.normal('head.kind.w', [d, vocab.nKinds], rng, small);
    s.fromArray('head.kind.b', [vocab.nKinds], priors?.kind ?? new Float32Array(vocab.nKinds));
    s.normal('head.kind.u', [d, vocab.nKinds], rng, small);
    // Repeat gate: P(next item is a repeat of one in the history) = sigmoid(h w + b + c[gap]).
    s.normal('head.copy.w', [d, 1], rng, small);
    s.constant('head.copy.b', [1], -2);
    s.constant('head.copy.gap', [N_GAP_BUCKETS + 1, 1], 0);
  }

  private t2(name: string): tf.Tensor2D {
    return this.store.get(name) as tf.Tensor2D;
  }
  private t1(name: string): tf.Tensor1D {
    return this.store.get(name) as tf.Tensor1D;
  }

  /** Output vectors of the given item classes: id embedding plus the class item's feature embeddings. */
  itemVectors(classes: Int32Array, shape: readonly number[]): tf.Tensor {
    let r = embeddingLookup(this.t2('item.id'), classes, shape);
    this.vocab.classFeatures.forEach((codes, f) => {
      r = r.add(embeddingLookup(this.t2(`item.feat${f}`), Int32Array.from(classes, (c) => codes[c]!), shape));
    });
    return r;
  }

  itemBias(classes: Int32Array): tf.Tensor1D {
    return embeddingLookup(this.t2('head.item.b'), classes, [classes.length]).reshape([classes.length]) as tf.Tensor1D;
  }

  /** Embeddings of event tokens: any shape, given as flat ids plus that shape. */
  eventEmbedding(
    t: { itemClass: Int32Array; features: readonly Int32Array[]; kind: Int32Array; gap: Int32Array; boundary: Int32Array },
    shape: readonly number[],
  ): tf.Tensor {
    let e = embeddingLookup(this.t2('item.id'), t.itemClass, shape);
    t.features.forEach((codes, f) => {
      e = e.add(embeddingLookup(this.t2(`item.feat${f}`), codes, shape));
    });
    e = e.add(embeddingLookup(this.t2('kind.in'), t.kind, shape));
    e = e.add(embeddingLookup(this.t2('gap.in'), t.gap, shape));
    return e.add(embeddingLookup(this.t2('boundary.in'), t.boundary, shape));
  }

  /** Profile token embeddings [B, d]. */
  profileEmbedding(profile: readonly Int32Array[], B: number): tf.Tensor2D {
    let p: tf.Tensor = tf.zeros([B, this.d]);
    profile.forEach((codes, f) => {
      p = p.add(embeddingLookup(this.t2(`profile${f}`), codes, [B]));
    });
    return p as tf.Tensor2D;
  }

  /** Input embeddings [B, T, d]: the profile token at position 0, events after it. */
  embed(b: TokenBatch): tf.Tensor3D {
    const events = this.eventEmbedding(b, [b.B, b.T]);
    const isProfile = new Float32Array(b.B * b.T);
    for (let r = 0; r < b.B; r++) isProfile[r * b.T] = 1;
    const mask = tf.tensor3d(isProfile, [b.B, b.T, 1]);
    const profile = this.profileEmbedding(b.profile, b.B).expandDims(1);
    // Position 0 takes the profile embedding, the rest the event embeddings.
    return events.mul(tf.scalar(1).sub(mask)).add(profile.mul(mask)) as tf.Tensor3D;
  }

  /** Repeat-gate logit without the gap term: h w + b, [N]. */
  copyLogit(h: tf.Tensor2D): tf.Tensor1D {
    return dense(h, this.t2('head.copy.w'), this.t1('head.copy.b')).reshape([-1]) as tf.Tensor1D;
  }

  gapLogits(h: tf.Tensor2D): tf.Tensor2D {
    return dense(h, this.t2('head.gap.w'), this.t1('head.gap.b')) as tf.Tensor2D;
  }

  /** Kind logits without the item term: h W + b. */
  kindBaseLogits(h: tf.Tensor2D): tf.Tensor2D {
    return dense(h, this.t2('head.kind.w'), this.t1('head.kind.b')) as tf.Tensor2D;
  }

  /** The item term of the kind logits for item vectors r [N, d]: r U. */
  kindItemLogits(r: tf.Tensor2D): tf.Tensor2D {
    return tf.matMul(r, this.t2('head.kind.u'));
  }

  /**
   * Mean loss over weighted positions. With `negatives` the item loss is a sampled softmax
   * (log-Q corrected); without, the full softmax over every class.
   */
  loss(
    b: TokenBatch,
    y: TargetBatch,
    opts: { training: boolean; dropoutSeed: number; negatives?: { ids: Int32Array; logQ: Float32Array; logQPos: Float32Array } },
  ): LossParts {
    const N = b.B * b.T;
    const h = this.decoder.apply(this.embed(b), { training: opts.training, dropoutSeed: opts.dropoutSeed }).reshape([N, this.d]) as tf.Tensor2D;
    const weight = tf.tensor1d(y.weight);
    const gapWeightArr = Float32Array.from(y.weight, (w, i) => (y.gap[i] === GAP_START ? 0 : w));
    const gapTargets = Int32Array.from(y.gap, (g) => (g === GAP_START ? 0 : g));
    const gapLoss = softmaxCrossEntropy(this.gapLogits(h), tf.tensor1d(gapTargets, 'int32'));

    const rPos = this.itemVectors(y.itemClass, [N]) as tf.Tensor2D;
    const posLogit = h.mul(rPos).sum(1).add(this.itemBias(y.itemClass)) as tf.Tensor1D;
    let itemLoss: tf.Tensor1D;
    if (opts.negatives) {
      const neg = opts.negatives;
      const S = neg.ids.length;
      const rNeg = this.itemVectors(neg.ids, [S]) as tf.Tensor2D;
      const negLogits = tf.matMul(h, rNeg.transpose()).add(this.itemBias(neg.ids)) as tf.Tensor2D;
      // Built in JS: wasm's broadcasting Equal took over a second on [4096, 256] (profiled).
      const hitArr = new Float32Array(N * S);
      for (let i = 0; i < N; i++) for (let j = 0; j < S; j++) if (neg.ids[j] === y.itemClass[i]) hitArr[i * S + j] = 1;
      const hits = tf.tensor2d(hitArr, [N, S]);
      itemLoss = sampledSoftmaxLoss(posLogit, negLogits, tf.tensor1d(neg.logQPos), tf.tensor1d(neg.logQ), hits);
    } else {
      const all = Int32Array.from({ length: this.vocab.nClasses }, (_, c) => c);
      const rAll = this.itemVectors(all, [all.length]) as tf.Tensor2D;
      const logits = tf.matMul(h, rAll.transpose()).add(this.itemBias(all)) as tf.Tensor2D;
      itemLoss = softmaxCrossEntropy(logits, tf.tensor1d(y.itemClass, 'int32'));
    }
    // Mixture of "repeat an item from the history" and the softmax over items:
    // -log(pi * share + (1 - pi) * p_softmax), with log pi = -softplus(-z), log(1-pi) = -softplus(z).
    const z = this.copyLogit(h).add(embeddingLookup(this.t2('head.copy.gap'), y.gap, [N]).reshape([N]));
    const logShare = tf.tensor1d(Float32Array.from(y.historyShare, (v) => (v > 0 ? Math.log(v) : -1e9)));
    const repeat = tf.softplus(z.neg()).neg().add(logShare);
    const fresh = tf.softplus(z).neg().sub(itemLoss);
    itemLoss = logSumExpRows(tf.stack([repeat, fresh], 1) as tf.Tensor2D).neg() as tf.Tensor1D;
    const kindLogits = this.kindBaseLogits(h).add(this.kindItemLogits(rPos)) as tf.Tensor2D;
    const kindLoss = softmaxCrossEntropy(kindLogits, tf.tensor1d(y.kind, 'int32'));

    const wSum = Math.max(1e-6, y.weight.reduce((a, c) => a + c, 0));
    const gwSum = Math.max(1e-6, gapWeightArr.reduce((a, c) => a + c, 0));
    const item = itemLoss.mul(weight).sum().div(wSum) as tf.Scalar;
    const kind = kindLoss.mul(weight).sum().div(wSum) as tf.Scalar;
    const gap = gapLoss.mul(tf.tensor1d(gapWeightArr)).sum().div(gwSum) as tf.Scalar;
    return { total: item.add(kind).add(gap) as tf.Scalar, item, gap, kind };
  }

  dispose(): void {
    this.store.dispose();
  }
}
