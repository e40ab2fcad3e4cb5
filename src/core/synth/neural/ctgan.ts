/**
 * CTGAN (Xu et al. 2019, "Modeling Tabular Data using Conditional GAN") in tfjs ops.
 * - Generator: noise (128) + conditional vector -> residual blocks (dense, batch norm, ReLU, output
 *   concatenated with the block input) -> dense -> tanh for values, Gumbel-softmax (tau 0.2) for
 *   modes and categories.
 * - Discriminator: PacGAN (pac 10 rows judged together) -> dense 256, LeakyReLU 0.2, dropout 0.5 (x2)
 *   -> dense 1; WGAN loss with gradient penalty (lambda 10).
 * - Training-by-sampling with the conditional vector, plus the generator's cross-entropy on the
 *   conditioned column. Adam 2e-4, betas 0.5/0.9, batch 500.
 * Speed: real and fake rows go through the discriminator as one batch; one fused Adam update per
 * network; batch norm and span activations written to keep the kernel count low (on wasm a step
 * is bound by the number of kernel calls more than by arithmetic).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng';
import type { TaskOptions } from '../../runtime/progress';
import type { Table } from '../../data/table';
import type { DataTransformer, Layout, Transformed } from '../transformer';
import type { NeuralOptions } from './base';
import { NeuralSynthesizer } from './base';
import { CondSampler } from './cond-sampler';
import { activate, batchNorm, dense, dropoutMask, gumbelNoise, normals } from './ops';
import { autodiffInputGradient, discriminate, inputGradient, penaltyFromGradient } from './discriminator';
import type { TrainingSummary } from './trainer';
import { runTraining } from './trainer';
import { FusedAdam } from './fused-adam';

export interface CtganOptions extends NeuralOptions {
  readonly embeddingDim?: number;
  readonly generatorDims?: readonly number[];
  readonly discriminatorDims?: readonly number[];
  readonly pac?: number;
  readonly generatorLr?: number;
  readonly discriminatorLr?: number;
  readonly gradientPenalty?: number;
  readonly tau?: number;
  /**
   * How the gradient penalty's input gradient is computed: 'autodiff' (default, tfjs double
   * backpropagation) or 'analytic' (the MLP's backward pass written as forward ops; same numbers,
   * but measured about 15% slower per step on wasm, so kept for the benchmark and the tests).
   */
  readonly penaltyGradient?: 'analytic' | 'autodiff';
}

interface Resolved {
  readonly epochs: number;
  readonly batch: number;
  readonly noise: number;
  readonly gDims: readonly number[];
  readonly dDims: readonly number[];
  readonly pac: number;
  readonly gLr: number;
  readonly dLr: number;
  readonly lambda: number;
  readonly tau: number;
}

function resolve(o: CtganOptions): Resolved {
  const pac = o.pac ?? 10;
  const batch = o.batchSize ?? 500;
  if (batch % pac !== 0) throw new Error(`CTGAN batch size ${batch} must be a multiple of pac (${pac}).`);
  return {
    epochs: o.epochs ?? 300,
    batch,
    noise: o.embeddingDim ?? 128,
    gDims: o.generatorDims ?? [256, 256],
    dDims: o.discriminatorDims ?? [256, 256],
    pac,
    gLr: o.generatorLr ?? 2e-4,
    dLr: o.discriminatorLr ?? 2e-4,
    lambda: o.gradientPenalty ?? 10,
    tau: o.tau ?? 0.2,
  };
}

interface Dense {
  readonly w: tf.Variable;
  readonly b: tf.Variable;
}

interface ResBlock extends Dense {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly running: { mean: tf.Variable; variance: tf.Variable };
}

export class Ctgan extends NeuralSynthesizer<CtganOptions> {
  readonly kind = 'ctgan';
  private cfg: Resolved;
  private layout: Layout | null = null;
  private gBlocks: ResBlock[] = [];
  private gOut: Dense | null = null;
  private dLayers: Dense[] = [];
  private condSampler: CondSampler | null = null;

  constructor(options: CtganOptions = {}) {
    super(options);
    this.cfg = resolve(options);
  }

  protected build(transformer: DataTransformer, rng: Rng): void {
    const layout = transformer.layout;
    this.layout = layout;
    this.condSampler = null;
    const c = this.cfg;
    let width = c.noise + layout.condDim;
    this.gBlocks = c.gDims.map((h, i) => {
      const { w, b } = this.params.linear(`g.res${i}`, width, h, rng);
      const block: ResBlock = {
        w,
        b,
        gamma: this.params.add(`g.res${i}.gamma`, [h], new Float32Array(h).fill(1)),
        beta: this.params.add(`g.res${i}.beta`, [h], new Float32Array(h)),
        running: {
          mean: this.params.add(`g.res${i}.runMean`, [h], new Float32Array(h), false),
          variance: this.params.add(`g.res${i}.runVar`, [h], new Float32Array(h).fill(1), false),
        },
      };
      width += h;
      return block;
    });
    this.gOut = this.params.linear('g.out', width, layout.dim, rng);
    let dIn = c.pac * (layout.dim + layout.condDim);
    this.dLayers = [...c.dDims, 1].map((h, i) => {
      const l = this.params.linear(`d.l${i}`, dIn, h, rng);
      dIn = h;
      return l;
    });
  }

  /** Generator logits -> activated rows (and log-softmax of the condition spans). */
  private generator(z: tf.Tensor2D, cond: tf.Tensor2D | null, gumbel: tf.Tensor2D, training: boolean): ReturnType<typeof activate> {
    let h: tf.Tensor2D = cond ? tf.concat([z, cond], 1) : z;
    for (const blk of this.gBlocks) {
      const a = batchNorm(dense(h, blk.w, blk.b), blk.gamma, blk.beta, blk.running, training);
      h = tf.concat([tf.relu(a), h], 1);
    }
    return activate(dense(h, this.gOut!.w, this.gOut!.b), this.layout!, gumbel, this.cfg.tau);
  }

  protected async train(data: Transformed, validation: Table | null, rng: Rng, opts: TaskOptions): Promise<TrainingSummary> {
    const c = this.cfg;
    const layout = this.layout!;
    const sampler = CondSampler.fromData(layout, data);
    const dim = layout.dim;
    const condDim = layout.condDim;
    const B = c.batch;
    const groups = B / c.pac;
    const pacDim = c.pac * (dim + condDim);
    const gVars = this.params.trainableWith('g.');
    const dVars = this.params.trainableWith('d.');
    const optG = new FusedAdam(gVars, c.gLr, 0.5, 0.9);
    const optD = new FusedAdam(dVars, c.dLr, 0.5, 0.9);
    const hiddenSizes = c.dDims;
    const masksFor = (rows: number): tf.Tensor2D[] => hiddenSizes.map((h) => tf.tensor2d(dropoutMask(rng, rows * h, 0.5), [rows, h]));
    const condTensor = (cond: Float32Array): tf.Tensor2D | null => (condDim > 0 ? tf.tensor2d(cond, [B, condDim]) : null);
    const withCond = (x: tf.Tensor2D, cond: tf.Tensor2D | null): tf.Tensor2D => (cond ? tf.concat([x, cond], 1) : x);

    const step = async (): Promise<Record<string, number>> => {
      // --- discriminator ---
      const cond1 = new Float32Array(B * condDim);
      const rows = sampler.sampleTraining(rng, B, cond1, data.n);
      const real = new Float32Array(B * dim);
      for (let i = 0; i < B; i++) real.set(data.data.subarray(rows[i]! * dim, (rows[i]! + 1) * dim), i * dim);
      const z1 = normals(rng, B * c.noise);
      const g1 = gumbelNoise(rng, layout, B);
      const alpha = Float32Array.from({ length: groups }, () => rng.uniform());
      const dParts = tf.tidy(() => {
        const condT = condTensor(cond1);
        const fake = this.generator(tf.tensor2d(z1, [B, c.noise]), condT, tf.tensor2d(g1, [B, dim]), true).out;
        const realIn = tf.reshape(withCond(tf.tensor2d(real, [B, dim]), condT), [groups, pacDim]) as tf.Tensor2D;
        const fakeIn = tf.reshape(withCond(fake, condT), [groups, pacDim]) as tf.Tensor2D;
        const a = tf.tensor2d(alpha, [groups, 1]);
        const interp = tf.add(tf.mul(a, realIn), tf.mul(tf.sub(1, a), fakeIn)) as tf.Tensor2D;
        // The hand-written penalty gradient needs the interpolates' pre-activations from the same
        // batched forward; tfjs autodiff runs its own forward on them.
        const analytic = this.options.penaltyGradient === 'analytic';
        const nParts = analytic ? 3 : 2;
        const x = tf.concat(analytic ? [realIn, fakeIn, interp] : [realIn, fakeIn], 0);
        const masks = masksFor(nParts * groups);
        const masksInterp = analytic ? masks.map((m) => tf.split(m, 3, 0)[2]! as tf.Tensor2D) : masksFor(groups);
        let parts: tf.Tensor | null = null;
        optD.minimize(() => {
          const { out, pre } = discriminate(this.dLayers, x, masks);
          const [outReal, outFake] = tf.split(out, nParts, 0);
          const grad = analytic
            ? inputGradient(
                this.dLayers,
                pre.map((p) => tf.split(p, 3, 0)[2]! as tf.Tensor2D),
                masksInterp,
              )
            : autodiffInputGradient(this.dLayers, interp, masksInterp);
          const gp = penaltyFromGradient(grad, c.lambda);
          const wasserstein = tf.sub(tf.mean(outFake!), tf.mean(outReal!));
          parts = tf.keep(tf.stack([wasserstein, gp]));
          return tf.add(wasserstein, gp) as tf.Scalar;
        });
        return parts!;
      });
      // --- generator ---
      const cond2 = new Float32Array(B * condDim);
      sampler.sampleGeneration(rng, B, cond2);
      const z2 = normals(rng, B * c.noise);
      const g2 = gumbelNoise(rng, layout, B);
      const gParts = tf.tidy(() => {
        const condT = condTensor(cond2);
        const zT = tf.tensor2d(z2, [B, c.noise]);
        const gT = tf.tensor2d(g2, [B, dim]);
        const masks = masksFor(groups);
        let parts: tf.Tensor | null = null;
        optG.minimize(() => {
          const { out, condLogSoftmax } = this.generator(zT, condT, gT, true);
          const dOut = discriminate(this.dLayers, tf.reshape(withCond(out, condT), [groups, pacDim]) as tf.Tensor2D, masks).out;
          const adv = tf.neg(tf.mean(dOut));
          const ce = condT && condLogSoftmax ? tf.div(tf.neg(tf.sum(tf.mul(condT, condLogSoftmax))), B) : tf.scalar(0);
          parts = tf.keep(tf.stack([adv, ce]));
          return tf.add(adv, ce) as tf.Scalar;
        });
        return parts!;
      });
      const [d, g] = await Promise.all([dParts.data(), gParts.data()]);
      dParts.dispose();
      gParts.dispose();
      return { generator: g[0]! + g[1]!, discriminator: d[0]!, gradient_penalty: d[1]!, conditional_loss: g[1]! };
    };

    const stepsPerEpoch = Math.max(1, Math.round(data.n / B));
    const gNames = (s: string): boolean => s.startsWith('g.');
    try {
      return await runTraining(
        {
          model: 'ctgan',
          epochs: c.epochs,
          stepsPerEpoch,
          evalEvery: this.options.evalEvery ?? Math.max(1, Math.round(c.epochs / 30)),
          patience: this.options.patience ?? 10,
          ...(this.options.timeBudgetSec !== undefined ? { timeBudgetSec: this.options.timeBudgetSec } : {}),
          step,
          evaluate: () => this.validationScore(validation),
          snapshot: () => new Map([...this.params.snapshot()].filter(([k]) => gNames(k))),
          restore: (s) => this.params.restore(new Map([...this.params.snapshot(), ...s])),
        },
        opts,
      );
    } finally {
      optG.dispose();
      optD.dispose();
    }
  }

  protected generate(rng: Rng, count: number, fixedCategory?: { span: number; category: number }): Float32Array {
    const layout = this.layout!;
    const condDim = layout.condDim;
    const out = new Float32Array(count * layout.dim);
    const chunk = 5000;
    for (let at = 0; at < count; at += chunk) {
      const m = Math.min(chunk, count - at);
      const cond = new Float32Array(m * condDim);
      this.conditionsFor(rng, m, cond, fixedCategory);
      const z = normals(rng, m * this.cfg.noise);
      const g = gumbelNoise(rng, layout, m);
      const rows = tf.tidy(() =>
        this.generator(
          tf.tensor2d(z, [m, this.cfg.noise]),
          condDim > 0 ? tf.tensor2d(cond, [m, condDim]) : null,
          tf.tensor2d(g, [m, layout.dim]),
          false,
        ).out,
      );
      out.set(rows.dataSync() as Float32Array, at * layout.dim);
      rows.dispose();
    }
    return out;
  }

  /** Conditional vectors at generation: empirical category frequencies, or the fixed category. */
  private conditionsFor(rng: Rng, m: number, cond: Float32Array, fixed?: { span: number; category: number }): void {
    const layout = this.layout!;
    if (layout.condDim === 0) return;
    // From the saved category counts, so a loaded model samples exactly as the fitted one.
    const sampler = this.condSampler ?? CondSampler.fromCounts(layout, this.fittedTransformer.state.columns);
    this.condSampler = sampler;
    sampler.sampleGeneration(rng, m, cond, fixed);
  }
}
