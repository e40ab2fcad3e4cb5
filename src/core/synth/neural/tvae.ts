/**
 * TVAE (Xu et al. 2019): a variational autoencoder over the transformer's layout.
 * - Encoder: dense 128, ReLU, dense 128, ReLU -> mean and log-variance of a 128-dim latent.
 * - Decoder: dense 128, ReLU, dense 128, ReLU -> one output per transformed column, plus a learned
 *   noise scale sigma per column (clamped to [0.01, 1]).
 * - Loss per batch: (lossFactor * reconstruction + KL) / batch, with reconstruction = Gaussian
 *   negative log-likelihood of tanh(output) for values and cross-entropy for modes and categories;
 *   lossFactor 2, Adam 1e-3, batch 500.
 * Sampling: latent ~ N(0, I) -> decoder; values tanh(output) + sigma * noise, categories by argmax.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng';
import type { TaskOptions } from '../../runtime/progress';
import type { Table } from '../../data/table';
import type { DataTransformer, Layout, Transformed } from '../transformer';
import type { NeuralOptions } from './base';
import { NeuralSynthesizer } from './base';
import { dense, normals } from './ops';
import type { TrainingSummary } from './trainer';
import { runTraining } from './trainer';
import { FusedAdam } from './fused-adam';

export interface TvaeOptions extends NeuralOptions {
  readonly embeddingDim?: number;
  readonly compressDims?: readonly number[];
  readonly decompressDims?: readonly number[];
  readonly learningRate?: number;
  readonly lossFactor?: number;
}

interface Dense {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
}

interface Group {
  readonly activation: 'tanh' | 'softmax';
  readonly start: number;
  readonly size: number;
}

/** Spans grouped by activation (consecutive tanh spans merged), for one split per tensor. */
function groupsOf(layout: Layout): Group[] {
  const out: { activation: 'tanh' | 'softmax'; start: number; size: number }[] = [];
  for (const s of layout.spans) {
    const last = out[out.length - 1];
    if (s.activation === 'tanh' && last?.activation === 'tanh') last.size += s.size;
    else out.push({ activation: s.activation, start: s.start, size: s.size });
  }
  return out;
}

export class Tvae extends NeuralSynthesizer<TvaeOptions> {
  readonly kind = 'tvae';
  private layout: Layout | null = null;
  private encoder: Dense[] = [];
  private mu: Dense | null = null;
  private logVar: Dense | null = null;
  private decoder: Dense[] = [];
  private sigma: tf.Variable | null = null;

  private get latent(): number {
    return this.options.embeddingDim ?? 128;
  }

  protected build(transformer: DataTransformer, rng: Rng): void {
    const layout = transformer.layout;
    this.layout = layout;
    let w = layout.dim;
    this.encoder = (this.options.compressDims ?? [128, 128]).map((h, i) => {
      const l = this.params.linear(`enc.l${i}`, w, h, rng);
      w = h;
      return l;
    });
    this.mu = this.params.linear('enc.mu', w, this.latent, rng);
    this.logVar = this.params.linear('enc.logvar', w, this.latent, rng);
    w = this.latent;
    this.decoder = [...(this.options.decompressDims ?? [128, 128]), layout.dim].map((h, i) => {
      const l = this.params.linear(`dec.l${i}`, w, h, rng);
      w = h;
      return l;
    });
    this.sigma = this.params.add('dec.sigma', [layout.dim], new Float32Array(layout.dim).fill(0.1));
  }

  private decode(z: tf.Tensor2D): tf.Tensor2D {
    let h = z;
    const last = this.decoder.length - 1;
    this.decoder.forEach((l, i) => {
      h = dense(h, l.w, l.b);
      if (i < last) h = tf.relu(h);
    });
    return h;
  }

  protected async train(data: Transformed, validation: Table | null, rng: Rng, opts: TaskOptions): Promise<TrainingSummary> {
    const layout = this.layout!;
    const dim = layout.dim;
    const B = Math.min(this.options.batchSize ?? 500, data.n);
    const lossFactor = this.options.lossFactor ?? 2;
    const groups = groupsOf(layout);
    const sizes = groups.map((g) => g.size);
    const vars = this.params.trainableWith('enc.').concat(this.params.trainableWith('dec.'));
    const opt = new FusedAdam(vars, this.options.learningRate ?? 1e-3, 0.9, 0.999, 1e-8);
    const order = Array.from({ length: data.n }, (_, i) => i);
    let cursor = data.n;
    const split = (t: tf.Tensor2D): tf.Tensor2D[] => (groups.length === 1 ? [t] : (tf.split(t, sizes, 1) as tf.Tensor2D[]));

    const step = async (): Promise<Record<string, number>> => {
      const x = new Float32Array(B * dim);
      for (let i = 0; i < B; i++) {
        if (cursor >= data.n) {
          rng.shuffle(order);
          cursor = 0;
        }
        const r = order[cursor++]!;
        x.set(data.data.subarray(r * dim, (r + 1) * dim), i * dim);
      }
      const eps = normals(rng, B * this.latent);
      const parts = tf.tidy(() => {
        const xT = tf.tensor2d(x, [B, dim]);
        const epsT = tf.tensor2d(eps, [B, this.latent]);
        const xParts = split(xT);
        let kept: tf.Tensor | null = null;
        opt.minimize(() => {
          let h: tf.Tensor2D = xT;
          for (const l of this.encoder) h = tf.relu(dense(h, l.w, l.b));
          const mu = dense(h, this.mu!.w, this.mu!.b);
          const logVar = dense(h, this.logVar!.w, this.logVar!.b);
          const z = tf.add(mu, tf.mul(epsT, tf.exp(tf.mul(logVar, 0.5)))) as tf.Tensor2D;
          const outParts = split(this.decode(z));
          const sigmaParts = groups.length === 1 ? [this.sigma!] : tf.split(this.sigma!, sizes, 0);
          let rec: tf.Tensor = tf.scalar(0);
          groups.forEach((g, k) => {
            if (g.activation === 'tanh') {
              const s = sigmaParts[k]!;
              const se = tf.div(tf.square(tf.sub(xParts[k]!, tf.tanh(outParts[k]!))), tf.mul(tf.square(s), 2));
              rec = tf.add(rec, tf.add(tf.sum(se), tf.mul(tf.sum(tf.log(s)), B)));
            } else {
              rec = tf.sub(rec, tf.sum(tf.mul(xParts[k]!, tf.logSoftmax(outParts[k]!))));
            }
            });
            const kl = tf.mul(tf.sum(tf.sub(tf.add(1, logVar), tf.add(tf.square(mu), tf.exp(logVar)))), -0.5);
            kept = tf.keep(tf.div(tf.stack([rec, kl]), B));
            return tf.div(tf.add(tf.mul(rec, lossFactor), kl), B) as tf.Scalar;
        });
        this.sigma!.assign(tf.clipByValue(this.sigma!, 0.01, 1));
        return kept!;
      });
      const v = await parts.data();
      parts.dispose();
      return { reconstruction: v[0]!, kl: v[1]! };
    };

    try {
      return await runTraining(
        {
          model: 'tvae',
          epochs: this.options.epochs ?? 300,
          stepsPerEpoch: Math.max(1, Math.round(data.n / B)),
          evalEvery: this.options.evalEvery ?? Math.max(1, Math.round((this.options.epochs ?? 300) / 30)),
          patience: this.options.patience ?? 10,
          ...(this.options.timeBudgetSec !== undefined ? { timeBudgetSec: this.options.timeBudgetSec } : {}),
          step,
          evaluate: () => this.validationScore(validation),
          snapshot: () => new Map([...this.params.snapshot()].filter(([k]) => k.startsWith('dec.'))),
          restore: (s) => this.params.restore(new Map([...this.params.snapshot(), ...s])),
        },
        opts,
      );
    } finally {
      opt.dispose();
    }
  }

  protected generate(rng: Rng, count: number): Float32Array {
    const layout = this.layout!;
    const dim = layout.dim;
    const out = new Float32Array(count * dim);
    const sigma = this.sigma!.dataSync() as Float32Array;
    const tanhCols: number[] = [];
    for (const s of layout.spans) if (s.activation === 'tanh') for (let k = 0; k < s.size; k++) tanhCols.push(s.start + k);
    const chunk = 5000;
    for (let at = 0; at < count; at += chunk) {
      const m = Math.min(chunk, count - at);
      const z = normals(rng, m * this.latent);
      const t = tf.tidy(() => this.decode(tf.tensor2d(z, [m, this.latent])));
      const logits = t.dataSync() as Float32Array;
      t.dispose();
      out.set(logits, at * dim);
      for (let i = 0; i < m; i++) {
        const row = (at + i) * dim;
        for (const c of tanhCols) out[row + c] = Math.max(-1, Math.min(1, Math.tanh(out[row + c]!) + sigma[c]! * rng.normal()));
      }
    }
    return out;
  }
}
