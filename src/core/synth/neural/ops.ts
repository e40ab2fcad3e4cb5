/**
 * Building blocks shared by CTGAN and TVAE, written with tfjs ops (no tfjs-layers) so a training
 * step is a short, fused sequence of kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng';
import type { Layout } from '../transformer';

export function dense(x: tf.Tensor2D, w: tf.Variable, b: tf.Variable): tf.Tensor2D {
  return tf.add(tf.matMul(x, w as tf.Tensor2D), b) as tf.Tensor2D;
}

export function leakyRelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.leakyRelu(x, 0.2);
}

/**
 * Batch normalisation over the batch (training) or with running statistics (generation), written
 * as y = x * scale + shift with per-feature scale and shift: two large element-wise kernels, and a
 * gradient without the Tile kernels that tfjs's fused batch-norm gradient runs.
 */
export function batchNorm(
  x: tf.Tensor2D,
  gamma: tf.Variable,
  beta: tf.Variable,
  running: { mean: tf.Variable; variance: tf.Variable },
  training: boolean,
): tf.Tensor2D {
  let mean: tf.Tensor = running.mean;
  let variance: tf.Tensor = running.variance;
  if (training) {
    const m = tf.moments(x, 0);
    mean = m.mean;
    variance = m.variance;
    // Running statistics as torch's BatchNorm1d keeps them (momentum 0.1, unbiased variance).
    const n = x.shape[0];
    const batchMean = mean;
    const batchVar = variance;
    tf.tidy(() => {
      running.mean.assign(tf.add(tf.mul(running.mean, 0.9), tf.mul(batchMean, 0.1)));
      running.variance.assign(tf.add(tf.mul(running.variance, 0.9), tf.mul(batchVar, (0.1 * n) / Math.max(1, n - 1))));
    });
  }
  const scale = tf.mul(gamma, tf.rsqrt(tf.add(variance, 1e-5)));
  const shift = tf.sub(beta, tf.mul(mean, scale));
  return tf.add(tf.mul(x, scale), shift) as tf.Tensor2D;
}

export function normals(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/** Gumbel(0, 1) noise on the softmax columns of the layout, zero on tanh columns. */
export function gumbelNoise(rng: Rng, layout: Layout, batch: number): Float32Array {
  const dim = layout.dim;
  const out = new Float32Array(batch * dim);
  for (const s of layout.spans) {
    if (s.activation !== 'softmax') continue;
    for (let i = 0; i < batch; i++) {
      const base = i * dim + s.start;
      for (let k = 0; k < s.size; k++) {
        const u = Math.max(1e-10, rng.uniform());
        out[base + k] = -Math.log(-Math.log(u) + 1e-20);
      }
    }
  }
  return out;
}

/** Inverted dropout mask: 0 with probability p, else 1/(1-p). */
export function dropoutMask(rng: Rng, n: number, p: number): Float32Array {
  const keep = 1 / (1 - p);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform() < p ? 0 : keep;
  return out;
}

/**
 * Applies each span's activation: tanh for values, softmax((logits + gumbel) / tau) for modes and
 * categories. Also returns the log-softmax of the condition spans (unscaled logits), which the
 * conditional loss needs, concatenated in condition-vector order.
 */
export function activate(
  logits: tf.Tensor2D,
  layout: Layout,
  gumbel: tf.Tensor2D | null,
  tau: number,
): { out: tf.Tensor2D; condLogSoftmax: tf.Tensor2D | null } {
  // One split per input (its gradient is one concat) instead of a slice per span (a pad each).
  const groups = spanGroups(layout);
  const sizes = groups.map((g) => g.size);
  const plain = (groups.length === 1 ? [logits] : tf.split(logits, sizes, 1)) as tf.Tensor2D[];
  const noisy = (gumbel ? (groups.length === 1 ? [tf.add(logits, gumbel)] : tf.split(tf.add(logits, gumbel), sizes, 1)) : plain) as tf.Tensor2D[];
  const parts: tf.Tensor2D[] = [];
  const condParts: tf.Tensor2D[] = [];
  groups.forEach((g, i) => {
    if (g.activation === 'tanh') {
      parts.push(tf.tanh(plain[i]!));
      return;
    }
    parts.push(tf.softmax(tf.div(noisy[i]!, tau) as tf.Tensor2D));
    if (g.category) condParts.push(tf.logSoftmax(plain[i]!));
  });
  return {
    out: parts.length === 1 ? parts[0]! : tf.concat(parts, 1),
    condLogSoftmax: condParts.length === 0 ? null : condParts.length === 1 ? condParts[0]! : tf.concat(condParts, 1),
  };
}

/** Spans as activation groups: consecutive tanh spans merge into one group. */
function spanGroups(layout: Layout): { activation: 'tanh' | 'softmax'; size: number; category: boolean }[] {
  const out: { activation: 'tanh' | 'softmax'; size: number; category: boolean }[] = [];
  for (const s of layout.spans) {
    const last = out[out.length - 1];
    if (s.activation === 'tanh' && last?.activation === 'tanh') last.size += s.size;
    else out.push({ activation: s.activation, size: s.size, category: s.role === 'category' });
  }
  return out;
}
