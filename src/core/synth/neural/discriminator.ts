/**
 * CTGAN's discriminator MLP (dense -> LeakyReLU 0.2 -> dropout, repeated, then dense 1) and its
 * WGAN gradient penalty. The penalty needs d D(x) / d x and then the gradient of a function of that
 * with respect to the weights (double backpropagation). Two ways: `autodiffInputGradient` (tfjs
 * nested gradients; the default, it measured faster) and `inputGradient`, the MLP's backward pass
 * written as forward ops (LeakyReLU's slope and the dropout mask are piecewise constant in the
 * weights, so one ordinary gradient of it is the exact penalty gradient). A test checks they agree.
 */
import * as tf from '@tensorflow/tfjs';

export interface DenseParams {
  readonly w: tf.Variable | tf.Tensor2D;
  readonly b: tf.Variable | tf.Tensor1D;
}

/**
 * Forward pass; `pre` holds each hidden layer's pre-activation (needed by the input gradient).
 * tfjs cannot differentiate its LeakyReLU gradient (no gradient for Greater), so the twice
 * differentiable form 0.6 x + 0.4 |x| is used when a second derivative is needed.
 */
export function discriminate(
  layers: readonly DenseParams[],
  x: tf.Tensor2D,
  masks: readonly tf.Tensor2D[],
  twiceDifferentiable = false,
): { out: tf.Tensor2D; pre: tf.Tensor2D[] } {
  const pre: tf.Tensor2D[] = [];
  let h = x;
  const hidden = layers.length - 1;
  for (let i = 0; i < hidden; i++) {
    const a = tf.add(tf.matMul(h, layers[i]!.w as tf.Tensor2D), layers[i]!.b) as tf.Tensor2D;
    pre.push(a);
    const act = twiceDifferentiable ? tf.add(tf.mul(a, 0.6), tf.mul(tf.abs(a), 0.4)) : tf.leakyRelu(a, 0.2);
    h = tf.mul(act, masks[i]!);
  }
  const last = layers[hidden]!;
  return { out: tf.add(tf.matMul(h, last.w as tf.Tensor2D), last.b) as tf.Tensor2D, pre };
}

/** d out / d x per row, from the pre-activations of those rows (hand-written backward pass). */
export function inputGradient(layers: readonly DenseParams[], pre: readonly tf.Tensor2D[], masks: readonly tf.Tensor2D[]): tf.Tensor2D {
  const hidden = layers.length - 1;
  let g = tf.transpose(layers[hidden]!.w) as tf.Tensor2D; // 1 x h, broadcast over rows
  for (let i = hidden - 1; i >= 0; i--) {
    const slope = tf.mul(tf.add(tf.mul(tf.step(pre[i]!), 0.8), 0.2), masks[i]!);
    g = tf.mul(g, slope) as tf.Tensor2D;
    g = tf.matMul(g, layers[i]!.w as tf.Tensor2D, false, true);
  }
  return g;
}

/** The same gradient by tfjs autodiff (nested gradients when used inside a training step). */
export function autodiffInputGradient(layers: readonly DenseParams[], x: tf.Tensor2D, masks: readonly tf.Tensor2D[]): tf.Tensor2D {
  return tf.grad((xi: tf.Tensor) => tf.sum(discriminate(layers, xi as tf.Tensor2D, masks, true).out))(x) as tf.Tensor2D;
}

/** lambda * mean((||g||_2 - 1)^2) over rows. */
export function penaltyFromGradient(g: tf.Tensor2D, lambda: number): tf.Scalar {
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(g), 1), 1e-12));
  return tf.mul(tf.mean(tf.square(tf.sub(norm, 1))), lambda) as tf.Scalar;
}
