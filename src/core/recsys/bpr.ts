/**
 * Bayesian personalised ranking with matrix factorisation (Rendle et al. 2009): for a user u, an
 * item i they bought should score above a random item j they did not, score(u, i) = p_u . q_i + b_i.
 * Trained with mini-batches of (u, i, j) triples, uniform negative sampling, L2 on the rows a batch
 * touches and a lazy Adam (only touched rows move, as in sparse embedding training).
 *
 * The gradient is computed on typed arrays rather than through tfjs: a batch touches a few thousand
 * rows, and the wasm backend cannot differentiate gather yet (no UnsortedSegmentSum), while the cpu
 * backend's segment sum is pathologically slow (DESIGN.md section 3). The hand gradient is exact.
 */
import type { Interactions } from '../data/interactions';
import { type TaskOptions, throwIfAborted, yieldToLoop } from '../runtime/progress';
import { Rng } from '../runtime/rng';
import { matrixArrays, matrixFromStored, recommendFromScores, requireFitted } from './base';
import { evaluateModel } from './evaluate';
import { type UserItemMatrix, contains, matrixFromInteractions, rowLength } from './matrix';
import { readModel, writeModel } from './persist';
import { prepareProtocol } from './protocol';
import type { FitReport, Recommendation, RecommendOptions, Recommender } from './recommender';

export interface BprOptions {
  /** Latent dimensions (default 64). */
  readonly factors?: number;
  /** Most epochs (passes over the training pairs); early stopping usually ends sooner (default 60). */
  readonly epochs?: number;
  /** Triples per Adam step; default: about 100 steps per epoch, between 64 and 1024, so small logs still get many updates. */
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** L2 weight on the user, item and bias rows of each triple. */
  readonly l2?: number;
  readonly seed?: number;
  /** Hold out each user's last visit to choose the epoch count by NDCG@10 (default true). */
  readonly earlyStopping?: boolean;
  /** No early stop before this epoch: the first checks on a small validation set are noisy (default 10). */
  readonly minEpochs?: number;
  /** Validation checks without improvement before stopping (default 3). */
  readonly patience?: number;
  /**
   * After early stopping, train again on all training data for the chosen epochs (default true).
   * false keeps the best validation snapshot: about half the fit time; users whose only events
   * were the held-out last visit are then scored by fold-in from their history.
   */
  readonly refit?: boolean;
  /** Epochs between validation checks (default 2). */
  readonly validateEvery?: number;
  /** Validation users sampled (default 1000), to keep checks cheap. */
  readonly validationUsers?: number;
}

interface BprState {
  readonly itemIds: readonly string[];
  readonly train: UserItemMatrix;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly itemBias: Float32Array;
  /** 1 for users whose factors were trained; others are folded in from their history. */
  readonly trainedUsers: Int32Array;
}

/** Adam moments for one parameter matrix, updated row by row. */
class LazyAdamRows {
  readonly m: Float32Array;
  readonly v: Float32Array;
  readonly grad: Float32Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private nTouched = 0;
  constructor(
    readonly rows: number,
    readonly width: number,
    maxTouched: number,
  ) {
    this.m = new Float32Array(rows * width);
    this.v = new Float32Array(rows * width);
    this.grad = new Float32Array(rows * width);
    this.stamp = new Int32Array(rows).fill(-1);
    this.touched = new Int32Array(maxTouched);
  }
  touch(row: number, step: number): void {
    if (this.stamp[row] !== step) {
      this.stamp[row] = step;
      this.touched[this.nTouched++] = row;
    }
  }
  apply(params: Float32Array, step: number, lr: number, scale: number): void {
    const b1 = 0.9;
    const b2 = 0.999;
    const eps = 1e-8;
    // Bias corrections folded into the step size and epsilon (Kingma and Ba, section 2).
    const stepSize = (lr * Math.sqrt(1 - b2 ** step)) / (1 - b1 ** step);
    const epsHat = eps * Math.sqrt(1 - b2 ** step);
    const w = this.width;
    const { grad, m, v, touched } = this;
    for (let t = 0; t < this.nTouched; t++) {
      const base = touched[t]! * w;
      for (let k = base; k < base + w; k++) {
        const g = grad[k]! * scale;
        grad[k] = 0;
        const mk = b1 * m[k]! + (1 - b1) * g;
        const vk = b2 * v[k]! + (1 - b2) * g * g;
        m[k] = mk;
        v[k] = vk;
        params[k]! -= (stepSize * mk) / (Math.sqrt(vk) + epsHat);
      }
    }
    this.nTouched = 0;
  }
}

export class BprRecommender implements Recommender {
  readonly kind = 'bpr' as const;
  readonly options: Required<BprOptions>;
  private state: BprState | null = null;

  constructor(opts: BprOptions = {}) {
    this.options = {
      factors: opts.factors ?? 64,
      epochs: opts.epochs ?? 60,
      batchSize: opts.batchSize ?? 0,
      learningRate: opts.learningRate ?? 0.01,
      l2: opts.l2 ?? 0.03,
      seed: opts.seed ?? 1,
      earlyStopping: opts.earlyStopping ?? true,
      minEpochs: opts.minEpochs ?? 10,
      patience: opts.patience ?? 3,
      refit: opts.refit ?? true,
      validateEvery: opts.validateEvery ?? 2,
      validationUsers: opts.validationUsers ?? 1000,
    };
    const o = this.options;
    if (!(Number.isInteger(o.factors) && o.factors >= 1)) throw new Error(`BPR factors must be a whole number of at least 1 (got ${o.factors}).`);
    if (!(o.learningRate > 0)) throw new Error(`BPR learningRate must be positive (got ${o.learningRate}).`);
    if (!(o.l2 >= 0)) throw new Error(`BPR l2 must be zero or more (got ${o.l2}).`);
  }

  get nItems(): number {
    return requireFitted(this.state, this.kind).itemIds.length;
  }

  async fit(train: Interactions, opts: TaskOptions = {}): Promise<FitReport> {
    const t0 = performance.now();
    const o = this.options;
    const notes: string[] = [];
    let epochs = o.epochs;
    let bestEpoch: number | undefined;
    let validationNdcg10: number | undefined;
    const full = matrixFromInteractions(train);
    if (o.earlyStopping) {
      const chosen = await this.chooseEpochs(train, opts);
      if (chosen) {
        epochs = chosen.bestEpoch;
        bestEpoch = chosen.bestEpoch;
        validationNdcg10 = chosen.ndcg;
        if (!o.refit) {
          // Seen-item exclusion and recommend() use all training data; the factors are the snapshot's.
          this.state = { ...chosen.snapshot, train: full };
          return { seconds: (performance.now() - t0) / 1000, epochs, bestEpoch, validationNdcg10, notes: ['Kept the best validation snapshot (no refit).'] };
        }
      } else notes.push('Too few users with a second visit for a validation split: trained for the full epoch count.');
    }
    // Refit on all training data (the held-out last visits are the most recent signal) for the chosen epochs.
    await this.train(full, train.itemIds, epochs, opts, null);
    return { seconds: (performance.now() - t0) / 1000, epochs, bestEpoch, validationNdcg10, notes };
  }

  private async chooseEpochs(train: Interactions, opts: TaskOptions): Promise<{ bestEpoch: number; ndcg: number; snapshot: BprState } | null> {
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
    let best: { bestEpoch: number; ndcg: number; snapshot: BprState | null } = { bestEpoch: 0, ndcg: -1, snapshot: null };
    let sinceBest = 0;
    await this.train(protocol.trainMatrix, train.itemIds, this.options.epochs, opts, async (epoch) => {
      const r = await evaluateModel(this, { test: protocol.test, history: protocol.trainMatrix, users: sample, seed: this.options.seed }, { signal: opts.signal });
      let s = 0;
      for (const v of r.values['ndcg@10']) s += v;
      const ndcg = s / sample.length;
      opts.onProgress?.({ stage: 'fitting', model: this.kind, epoch, losses: { validationNdcg10: ndcg } });
      if (ndcg > best.ndcg) {
        const s = requireFitted(this.state, this.kind);
        const snapshot = this.options.refit
          ? null
          : { ...s, userFactors: s.userFactors.slice(), itemFactors: s.itemFactors.slice(), itemBias: s.itemBias.slice() };
        best = { bestEpoch: epoch, ndcg, snapshot };
        sinceBest = 0;
      } else sinceBest++;
      return epoch >= this.options.minEpochs && sinceBest >= this.options.patience;
    });
    const { snapshot } = best;
    if (best.bestEpoch === 0) return null;
    return { bestEpoch: best.bestEpoch, ndcg: best.ndcg, snapshot: snapshot ?? requireFitted(this.state, this.kind) };
  }

  /** Trains fresh factors; validate (every validateEvery epochs) returns true to stop. */
  private async train(
    m: UserItemMatrix,
    itemIds: readonly string[],
    epochs: number,
    opts: TaskOptions,
    validate: ((epoch: number) => Promise<boolean>) | null,
  ): Promise<void> {
    const o = this.options;
    const d = o.factors;
    const rng = new Rng(o.seed);
    const nUsers = m.nUsers;
    const nItems = m.nItems;
    const init = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal() * 0.1);
    const P = init(nUsers * d);
    const Q = init(nItems * d);
    const B = new Float32Array(nItems);
    const trainedUsers = Int32Array.from({ length: nUsers }, (_, u) => (rowLength(m, u) > 0 ? 1 : 0));
    this.state = { itemIds, train: m, userFactors: P, itemFactors: Q, itemBias: B, trainedUsers };
    const nPairs = m.indices.length;
    if (nPairs === 0 || nItems < 2) return;
    const pairUser = new Int32Array(nPairs);
    for (let u = 0; u < nUsers; u++) pairUser.fill(u, m.indptr[u]!, m.indptr[u + 1]!);
    const order = Int32Array.from({ length: nPairs }, (_, i) => i);
    const bs = Math.min(nPairs, o.batchSize > 0 ? o.batchSize : Math.min(1024, Math.max(64, Math.ceil(nPairs / 100))));
    const adamP = new LazyAdamRows(nUsers, d, bs);
    const adamQ = new LazyAdamRows(nItems, d, 2 * bs);
    const adamB = new LazyAdamRows(nItems, 1, 2 * bs);
    let step = 0;
    let lastYield = performance.now();
    for (let epoch = 1; epoch <= epochs; epoch++) {
      rng.shuffle(order);
      let lossSum = 0;
      for (let start = 0; start < nPairs; start += bs) {
        step++;
        const end = Math.min(nPairs, start + bs);
        for (let t = start; t < end; t++) {
          const pair = order[t]!;
          const u = pairUser[pair]!;
          const i = m.indices[pair]!;
          let j = rng.int(nItems);
          // Resample negatives the user already has; a user with nearly every item keeps the last draw.
          for (let tries = 0; tries < 10 && contains(m, u, j); tries++) j = rng.int(nItems);
          const pu = u * d;
          const qi = i * d;
          const qj = j * d;
          let x = B[i]! - B[j]!;
          for (let k = 0; k < d; k++) x += P[pu + k]! * (Q[qi + k]! - Q[qj + k]!);
          // d/dx of -log sigmoid(x) is -sigmoid(-x).
          const g = -1 / (1 + Math.exp(x));
          lossSum += x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
          adamP.touch(u, step);
          adamQ.touch(i, step);
          adamQ.touch(j, step);
          adamB.touch(i, step);
          adamB.touch(j, step);
          const gp = adamP.grad;
          const gq = adamQ.grad;
          for (let k = 0; k < d; k++) {
            const p = P[pu + k]!;
            const a = Q[qi + k]!;
            const b = Q[qj + k]!;
            gp[pu + k]! += g * (a - b) + o.l2 * p;
            gq[qi + k]! += g * p + o.l2 * a;
            gq[qj + k]! += -g * p + o.l2 * b;
          }
          adamB.grad[i]! += g + o.l2 * B[i]!;
          adamB.grad[j]! += -g + o.l2 * B[j]!;
        }
        const scale = 1 / (end - start);
        adamP.apply(P, step, o.learningRate, scale);
        adamQ.apply(Q, step, o.learningRate, scale);
        adamB.apply(B, step, o.learningRate, scale);
        if (performance.now() - lastYield > 100) {
          throwIfAborted(opts.signal);
          await yieldToLoop();
          lastYield = performance.now();
        }
      }
      opts.onProgress?.({ stage: 'fitting', model: this.kind, epoch, totalSteps: epochs, step: epoch, fraction: epoch / epochs, losses: { bpr: lossSum / nPairs } });
      if (validate && epoch % o.validateEvery === 0 && (await validate(epoch))) break;
    }
  }

  scoreUsers(users: Int32Array, history: UserItemMatrix, out: Float32Array): void {
    const s = requireFitted(this.state, this.kind);
    const d = this.options.factors;
    const nItems = s.itemIds.length;
    const Q = s.itemFactors;
    const vec = new Float32Array(d);
    for (let b = 0; b < users.length; b++) {
      const u = users[b]!;
      const known = s.trainedUsers[u] === 1;
      if (known) vec.set(s.userFactors.subarray(u * d, (u + 1) * d));
      else {
        // Fold-in for a user the model never trained on: the mean of their history's item factors.
        vec.fill(0);
        const n = history.indptr[u + 1]! - history.indptr[u]!;
        for (let a = history.indptr[u]!; a < history.indptr[u + 1]!; a++) {
          const q = history.indices[a]! * d;
          for (let k = 0; k < d; k++) vec[k]! += Q[q + k]! / n;
        }
      }
      const base = b * nItems;
      for (let i = 0; i < nItems; i++) {
        let x = s.itemBias[i]!;
        const q = i * d;
        for (let k = 0; k < d; k++) x += vec[k]! * Q[q + k]!;
        out[base + i] = x;
      }
    }
  }

  recommend(user: number, k: number, opts?: RecommendOptions): Recommendation[] {
    const s = requireFitted(this.state, this.kind);
    return recommendFromScores(this, s.train, s.itemIds, user, k, opts);
  }

  async save(dir: string): Promise<void> {
    const s = requireFitted(this.state, this.kind);
    await writeModel(
      dir,
      { kind: this.kind, version: 1, itemIds: s.itemIds, nUsers: s.train.nUsers, options: this.options },
      { userFactors: s.userFactors, itemFactors: s.itemFactors, itemBias: s.itemBias, trainedUsers: s.trainedUsers, ...matrixArrays(s.train) },
    );
  }

  static async load(dir: string): Promise<BprRecommender> {
    const f = await readModel(dir);
    const itemIds = f.meta.itemIds as string[];
    const r = new BprRecommender(f.meta.options as BprOptions);
    r.state = {
      itemIds,
      train: matrixFromStored(f, f.meta.nUsers as number, itemIds.length),
      userFactors: f.float32('userFactors'),
      itemFactors: f.float32('itemFactors'),
      itemBias: f.float32('itemBias'),
      trainedUsers: f.int32('trainedUsers'),
    };
    return r;
  }
}
