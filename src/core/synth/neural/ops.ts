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

/** Batch normalisation over the batch (training) or with running statistics (generation). */
export function batchNorm(
  x: tf.Tensor2D,
  gamma: tf.Variable,
  beta: tf.Variable,
  running: { mean: tf.Variable; variance: tf.Variable },
  training: boolean,
): tf.Tensor2D {
  if (!training) return tf.batchNorm2d(x, running.mean as tf.Tensor1D, running.variance as tf.Tensor1D, beta as tf.Tensor1D, gamma as tf.Tensor1D, 1e-5);
  const { mean, variance } = tf.moments(x, 0);
  // Running statistics as torch's BatchNorm1d keeps them (momentum 0.1, unbiased variance).
  const m = x.shape[0];
  tf.tidy(() => {
    running.mean.assign(tf.add(tf.mul(running.mean, 0.9), tf.mul(mean, 0.1)));
    running.variance.assign(tf.add(tf.mul(running.variance, 0.9), tf.mul(variance, (0.1 * m) / Math.max(1, m - 1))));
  });
  return tf.batchNorm2d(x, mean as tf.Tensor1D, variance as tf.Tensor1D, beta as tf.Tensor1D, gamma as tf.Tensor1D, 1e-5);
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
  const noisy = gumbel ? tf.add(logits, gumbel) : logits;
  const parts: tf.Tensor2D[] = [];
  const condParts: tf.Tensor2D[] = [];
  // Consecutive tanh spans are handled as one slice.
  let i = 0;
  const spans = layout.spans;
  while (i < spans.length) {
    const s = spans[i]!;
    if (s.activation === 'tanh') {
      let j = i;
      let size = 0;
      while (j < spans.length && spans[j]!.activation === 'tanh') size += spans[j++]!.size;
      parts.push(tf.tanh(tf.slice(logits, [0, s.start], [-1, size])));
      i = j;
      continue;
    }
    parts.push(tf.softmax(tf.div(tf.slice(noisy, [0, s.start], [-1, s.size]), tau) as tf.Tensor2D));
    if (s.role === 'category') condParts.push(tf.logSoftmax(tf.slice(logits, [0, s.start], [-1, s.size])));
    i++;
  }
  return {
    out: parts.length === 1 ? parts[0]! : tf.concat(parts, 1),
    condLogSoftmax: condParts.length === 0 ? null : condParts.length === 1 ? condParts[0]! : tf.concat(condParts, 1),
  };
}
