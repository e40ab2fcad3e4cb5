/**
 * Sequential recommender in the manner of SASRec (Kang and McAuley 2018): a causal Transformer
 * reads a user's recent items and its state at each position should score the next item above a
 * random one (binary cross-entropy with one sampled negative per position). Item embeddings are
 * shared between input and output. The Transformer blocks are the behaviour model's
 * (src/core/nn/transformer.ts); embeddings train through the scatter-add lookup, so every backend
 * works. A user's score for item j is the dot product of the last position's state with j's
 * embedding, computed from the history the evaluator gives, so unseen users are scored too.
 */
import * as tf from '@tensorflow/tfjs';
import type { Interactions } from '../data/interactions';
import { embeddingLookup } from '../nn/embedding';
import { ParamStore, packParams, unpackParams } from '../nn/params';
import { CausalTransformer, type TransformerConfig } from '../nn/transformer';
import { initTf } from '../runtime/backend';
import { type TaskOptions, throwIfAborted, yieldToLoop } from '../runtime/progress';
import { Rng } from '../runtime/rng';
import { matrixArrays, matrixFromStored, recommendFromScores, requireFitted } from './base';
import { evaluateModel } from './evaluate';
import { type UserItemMatrix, matrixFromInteractions } from './matrix';
import { readModel, writeModel } from './persist';
import { prepareProtocol } from './protocol';
import type { FitReport, Recommendation, RecommendOptions, Recommender } from './recommender';

export interface SasRecOptions {
  readonly dModel?: number;
  readonly nHeads?: number;
  readonly nLayers?: number;
  /** Most recent items read per user (default 30). */
  readonly maxLen?: number;
  readonly dropout?: number;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  readonly seed?: number;
  readonly earlyStopping?: boolean;
  readonly patience?: number;
  readonly validateEvery?: number;
  readonly validationUsers?: number;
}

interface SasRecState {
  readonly itemIds: readonly string[];
  readonly train: UserItemMatrix;
  readonly store: ParamStore;
  readonly net: CausalTransformer;
}

const ITEM_TABLE = 'items';

/** The last maxLen items of each sequence, left-padded with 0 (items are shifted by one). */
function windowOf(seq: Int32Array, start: number, end: number, maxLen: number, out: Int32Array, at: number): void {
  const from = Math.max(start, end - maxLen);
  const n = end - from;
  for (let t = 0; t < maxLen - n; t++) out[at + t] = 0;
  for (let t = 0; t < n; t++) out[at + maxLen - n + t] = seq[from + t]! + 1;
}

export class SasRecRecommender implements Recommender {
  readonly kind = 'sasrec' as const;
  readonly options: Required<SasRecOptions>;
  private state: SasRecState | null = null;

  constructor(opts: SasRecOptions = {}) {
    this.options = {
      dModel: opts.dModel ?? 48,
      nHeads: opts.nHeads ?? 2,
      nLayers: opts.nLayers ?? 2,
      maxLen: opts.maxLen ?? 30,
      dropout: opts.dropout ?? 0.2,
      epochs: opts.epochs ?? 30,
      batchSize: opts.batchSize ?? 128,
      learningRate: opts.learningRate ?? 0.002,
      seed: opts.seed ?? 1,
      earlyStopping: opts.earlyStopping ?? true,
      patience: opts.patience ?? 2,
      validateEvery: opts.validateEvery ?? 2,
      validationUsers: opts.validationUsers ?? 500,
    };
  }

  get nItems(): number {
    return requireFitted(this.state, this.kind).itemIds.length;
  }

  private transformerConfig(): TransformerConfig {
    const o = this.options;
    return { dModel: o.dModel, nHeads: o.nHeads, nLayers: o.nLayers, ffnDim: 2 * o.dModel, maxLen: o.maxLen, dropout: o.dropout };
  }

  private build(itemIds: readonly string[], train: UserItemMatrix, seed: number): SasRecState {
    this.dispose();
    const rng = new Rng(seed);
    const store = new ParamStore();
    store.normal(ITEM_TABLE, [itemIds.length + 1, this.options.dModel], rng, 0.05);
    const net = new CausalTransformer(this.transformerConfig(), rng, store, 'sasrec');
    this.state = { itemIds, train, store, net };
    return this.state;
  }

  /** Frees the tfjs variables. */
  dispose(): void {
    this.state?.store.dispose();
    this.state = null;
  }

  async fit(train: Interactions, opts: TaskOptions = {}): Promise<FitReport> {
    await initTf();
    const t0 = performance.now();
    const o = this.options;
    let epochs = o.epochs;
    let bestEpoch: number | undefined;
    let validationNdcg10: number | undefined;
    const notes: string[] = [];
    if (o.earlyStopping) {
      const chosen = await this.chooseEpochs(train, opts);
      if (chosen) {
        epochs = chosen.bestEpoch;
        bestEpoch = chosen.bestEpoch;
        validationNdcg10 = chosen.ndcg;
      } else notes.push('Too few users with a second visit for a validation split: trained for the full epoch count.');
    }
    await this.train(matrixFromInteractions(train), train.itemIds, epochs, opts, null);
    return { seconds: (performance.now() - t0) / 1000, epochs, bestEpoch, validationNdcg10, notes };
  }

  private async chooseEpochs(train: Interactions, opts: TaskOptions): Promise<{ bestEpoch: number; ndcg: number } | null> {
    let protocol;
    try {
      protocol = prepareProtocol(train, { kind: 'leave-last', n: 1 });
    } catch {
      return null;
    }
    if (protocol.users.length < 10) return null;
    const users = protocol.users.slice();
    new Rng(this.options.seed + 17).shuffle(users);
    const sample = users.subarray(0, Math.min(users.length, this.options.validationUsers)).slice().sort();
    let best = { bestEpoch: 0, ndcg: -1 };
    let sinceBest = 0;
    await this.train(protocol.trainMatrix, train.itemIds, this.options.epochs, opts, async (epoch) => {
      const r = await evaluateModel(this, { test: protocol.test, history: protocol.trainMatrix, users: sample, seed: this.options.seed }, { signal: opts.signal });
      const ndcg = r.values['ndcg@10'].reduce((s, v) => s + v, 0) / sample.length;
      opts.onProgress?.({ stage: 'fitting', model: this.kind, epoch, losses: { validationNdcg10: ndcg } });
      if (ndcg > best.ndcg) {
        best = { bestEpoch: epoch, ndcg };
        sinceBest = 0;
      } else sinceBest++;
      return sinceBest >= this.options.patience;
    });
    return best.bestEpoch > 0 ? best : null;
  }

  private async train(
    m: UserItemMatrix,
    itemIds: readonly string[],
    epochs: number,
    opts: TaskOptions,
    validate: ((epoch: number) => Promise<boolean>) | null,
  ): Promise<void> {
    const o = this.options;
    const T = o.maxLen;
    const d = o.dModel;
    const s = this.build(itemIds, m, o.seed);
    const seq = m.sequence;
    if (!seq) throw new Error('The sequential recommender needs time-ordered histories (build the matrix from an interaction log).');
    const rng = new Rng(o.seed + 1);
    const nItems = itemIds.length;
    // Training rows: users with at least two events; each row predicts every next item in its window.
    const rows: number[] = [];
    for (let u = 0; u < m.nUsers; u++) if (seq.indptr[u + 1]! - seq.indptr[u]! >= 2) rows.push(u);
    if (rows.length === 0) return;
    const optimizer = tf.train.adam(o.learningRate);
    const table = s.store.get(ITEM_TABLE) as tf.Variable<tf.Rank.R2>;
    const scale = Math.sqrt(d);
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        rng.shuffle(rows);
        let lossSum = 0;
        let batches = 0;
        for (let start = 0; start < rows.length; start += o.batchSize) {
          throwIfAborted(opts.signal);
          const batch = rows.slice(start, start + o.batchSize);
          const B = batch.length;
          const input = new Int32Array(B * T);
          const target = new Int32Array(B * T);
          const negative = new Int32Array(B * T);
          const mask = new Float32Array(B * T);
          batch.forEach((u, b) => {
            const a = seq.indptr[u]!;
            const e = seq.indptr[u + 1]!;
            windowOf(seq.items, a, e - 1, T, input, b * T);
            windowOf(seq.items, a + 1, e, T, target, b * T);
            for (let t = 0; t < T; t++) {
              const k = b * T + t;
              if (target[k]! > 0 && input[k]! > 0) {
                mask[k] = 1;
                negative[k] = 1 + rng.int(nItems);
              }
            }
          });
          const dropoutSeed = rng.int(2 ** 30);
          const loss = tf.tidy((): tf.Scalar => {
            const value = optimizer.minimize(
              () => {
                const x = embeddingLookup(table, input, [B, T]).mul(scale) as tf.Tensor3D;
                const h = s.net.apply(x, { training: true, dropoutSeed });
                const pos = h.mul(embeddingLookup(table, target, [B, T])).sum(-1);
                const neg = h.mul(embeddingLookup(table, negative, [B, T])).sum(-1);
                const w = tf.tensor2d(mask, [B, T]);
                // -log sigmoid(pos) - log(1 - sigmoid(neg)), as softplus (the logSigmoid gradient fails on intermediates).
                const perPosition = tf.softplus(pos.neg()).add(tf.softplus(neg)).mul(w);
                return perPosition.sum().div(w.sum().maximum(1)) as tf.Scalar;
              },
              true,
              s.store.variables(),
            );
            return value ?? tf.scalar(0);
          });
          lossSum += (await loss.data())[0]!;
          loss.dispose();
          batches++;
          await yieldToLoop();
        }
        opts.onProgress?.({ stage: 'fitting', model: this.kind, epoch, step: epoch, totalSteps: epochs, fraction: epoch / epochs, losses: { bce: lossSum / Math.max(1, batches) } });
        if (validate && epoch % o.validateEvery === 0 && (await validate(epoch))) break;
      }
    } finally {
      optimizer.dispose();
    }
  }

  scoreUsers(users: Int32Array, history: UserItemMatrix, out: Float32Array): void {
    const s = requireFitted(this.state, this.kind);
    const T = this.options.maxLen;
    const nItems = s.itemIds.length;
    const B = users.length;
    const input = new Int32Array(B * T);
    users.forEach((u, b) => {
      if (history.sequence) windowOf(history.sequence.items, history.sequence.indptr[u]!, history.sequence.indptr[u + 1]!, T, input, b * T);
      // Without times, the item set in index order is the best available sequence.
      else windowOf(history.indices, history.indptr[u]!, history.indptr[u + 1]!, T, input, b * T);
    });
    const table = s.store.get(ITEM_TABLE) as tf.Variable<tf.Rank.R2>;
    const scores = tf.tidy(() => {
      const x = tf.gather(table, tf.tensor1d(input, 'int32')).reshape([B, T, this.options.dModel]).mul(Math.sqrt(this.options.dModel)) as tf.Tensor3D;
      const h = s.net.apply(x, { training: false });
      const last = h.slice([0, T - 1, 0], [B, 1, this.options.dModel]).reshape([B, this.options.dModel]);
      const items = table.slice([1, 0], [nItems, this.options.dModel]);
      return tf.matMul(last, items.transpose());
    });
    out.set(scores.dataSync() as Float32Array, 0);
    scores.dispose();
  }

  recommend(user: number, k: number, opts?: RecommendOptions): Recommendation[] {
    const s = requireFitted(this.state, this.kind);
    return recommendFromScores(this, s.train, s.itemIds, user, k, opts);
  }

  async save(dir: string): Promise<void> {
    const s = requireFitted(this.state, this.kind);
    const { manifest, data } = packParams(await s.store.serialize());
    await writeModel(dir, { kind: this.kind, version: 1, itemIds: s.itemIds, nUsers: s.train.nUsers, options: this.options, params: manifest }, { params: data, ...matrixArrays(s.train) });
  }

  static async load(dir: string): Promise<SasRecRecommender> {
    await initTf();
    const f = await readModel(dir);
    const itemIds = f.meta.itemIds as string[];
    const r = new SasRecRecommender(f.meta.options as SasRecOptions);
    const st = r.build(itemIds, matrixFromStored(f, f.meta.nUsers as number, itemIds.length), r.options.seed);
    st.store.restore(unpackParams(f.meta.params as { name: string; shape: number[]; offset: number }[], f.float32('params')));
    return r;
  }
}
