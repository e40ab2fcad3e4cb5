/**
 * Causal multi-head attention computed with typed-array loops, forward and backward.
 *
 * Why not tf.matMul: attention is a batch of B*H tiny matrix products ([T, dh] x [dh, T]), and
 * tfjs-wasm's BatchMatMul pays a per-batch set-up cost that made these products take 70% of a
 * training step (profiled: 1.8 s of 2.7 s for B=64, H=2, T=64, dh=32 on a loaded machine), and
 * far worse for one-token decoding steps (B*H products of [1, dh] x [dh, t]). The loops here also
 * skip the masked upper triangle, which matMul computes and throws away.
 *
 * Layout: q, k, v and the output are [B, T, H, dh] (dense-layer output reshaped, no transpose).
 */
import * as tf from '@tensorflow/tfjs';

interface Dims {
  readonly B: number;
  readonly T: number;
  readonly H: number;
  readonly dh: number;
}

/** Softmax probabilities [B, H, T, T] (zero above the diagonal) and the attended values. */
export function attentionForward(q: Float32Array, k: Float32Array, v: Float32Array, d: Dims): { out: Float32Array; probs: Float32Array } {
  const { B, T, H, dh } = d;
  const scale = 1 / Math.sqrt(dh);
  const out = new Float32Array(B * T * H * dh);
  const probs = new Float32Array(B * H * T * T);
  const stride = H * dh; // distance between consecutive positions of one head
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const base = b * T * stride + h * dh;
      const pBase = (b * H + h) * T * T;
      for (let i = 0; i < T; i++) {
        const qi = base + i * stride;
        const pRow = pBase + i * T;
        let max = -Infinity;
        for (let j = 0; j <= i; j++) {
          const kj = base + j * stride;
          let s = 0;
          for (let c = 0; c < dh; c++) s += q[qi + c]! * k[kj + c]!;
          s *= scale;
          probs[pRow + j] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let j = 0; j <= i; j++) {
          const e = Math.exp(probs[pRow + j]! - max);
          probs[pRow + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j <= i; j++) {
          const p = probs[pRow + j]! * inv;
          probs[pRow + j] = p;
          const vj = base + j * stride;
          for (let c = 0; c < dh; c++) out[qi + c]! += p * v[vj + c]!;
        }
      }
    }
  }
  return { out, probs };
}

export function attentionBackward(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  probs: Float32Array,
  dOut: Float32Array,
  d: Dims,
): { dq: Float32Array; dk: Float32Array; dv: Float32Array } {
  const { B, T, H, dh } = d;
  const scale = 1 / Math.sqrt(dh);
  const dq = new Float32Array(q.length);
  const dk = new Float32Array(k.length);
  const dv = new Float32Array(v.length);
  const dp = new Float64Array(T);
  const stride = H * dh;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const base = b * T * stride + h * dh;
      const pBase = (b * H + h) * T * T;
      for (let i = 0; i < T; i++) {
        const oi = base + i * stride;
        const pRow = pBase + i * T;
        // dP = dOut_i . v_j ; dV_j += p_ij dOut_i
        let dot = 0;
        for (let j = 0; j <= i; j++) {
          const vj = base + j * stride;
          const p = probs[pRow + j]!;
          let s = 0;
          for (let c = 0; c < dh; c++) {
            s += dOut[oi + c]! * v[vj + c]!;
            dv[vj + c]! += p * dOut[oi + c]!;
          }
          dp[j] = s;
          dot += p * s;
        }
        // Softmax backward, then the scores' inputs.
        for (let j = 0; j <= i; j++) {
          const ds = probs[pRow + j]! * (dp[j]! - dot) * scale;
          if (ds === 0) continue;
          const kj = base + j * stride;
          for (let c = 0; c < dh; c++) {
            dq[oi + c]! += ds * k[kj + c]!;
            dk[kj + c]! += ds * q[oi + c]!;
          }
        }
      }
    }
  }
  return { dq, dk, dv };
}

/** Differentiable causal attention over [B, T, H, dh] tensors; returns [B, T, H, dh]. */
export function causalAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D): tf.Tensor4D {
  const [B, T, H, dh] = q.shape;
  const dims: Dims = { B, T, H, dh };
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const qa = (args[0] as tf.Tensor).dataSync() as Float32Array;
    const ka = (args[1] as tf.Tensor).dataSync() as Float32Array;
    const va = (args[2] as tf.Tensor).dataSync() as Float32Array;
    const { out, probs } = attentionForward(qa, ka, va, dims);
    return {
      value: tf.tensor4d(out, [B, T, H, dh]),
      gradFunc: (dy: tf.Tensor) => {
        const g = attentionBackward(qa, ka, va, probs, dy.dataSync() as Float32Array, dims);
        return [tf.tensor4d(g.dq, [B, T, H, dh]), tf.tensor4d(g.dk, [B, T, H, dh]), tf.tensor4d(g.dv, [B, T, H, dh])];
      },
    };
  });
  return f(q, k, v) as tf.Tensor4D;
}

/**
 * Key/value cache for incremental decoding, kept in typed arrays laid out [B, H, capacity, dh] so
 * that one new position is a write, not a copy of the whole cache (tf.concat would copy).
 */
export class KvCacheLayer {
  readonly k: Float32Array;
  readonly v: Float32Array;
  constructor(
    readonly B: number,
    readonly H: number,
    readonly capacity: number,
    readonly dh: number,
  ) {
    this.k = new Float32Array(B * H * capacity * dh);
    this.v = new Float32Array(B * H * capacity * dh);
  }

  /** Stores positions [from, from+T) from k, v given as [B, T, H, dh]. */
  write(kIn: Float32Array, vIn: Float32Array, from: number, T: number): void {
    const { B, H, capacity, dh } = this;
    if (from + T > capacity) throw new Error(`Cache overflow: positions up to ${from + T} for capacity ${capacity}.`);
    // Plain copy loops: subarray views would allocate two objects per (row, position, head).
    const kc = this.k;
    const vc = this.v;
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        for (let h = 0; h < H; h++) {
          const src = ((b * T + t) * H + h) * dh;
          const dst = ((b * H + h) * capacity + from + t) * dh;
          for (let c = 0; c < dh; c++) {
            kc[dst + c] = kIn[src + c]!;
            vc[dst + c] = vIn[src + c]!;
          }
        }
      }
    }
  }

  /** Attention of one query per row ([B, H, dh]) over positions [0, length); returns [B, H*dh]. */
  attendOne(q: Float32Array, length: number): Float32Array {
    const { B, H, capacity, dh } = this;
    // Locals, not this.k / this.v, in the inner loops: V8 then keeps the arrays in registers.
    const k = this.k;
    const v = this.v;
    const scale = 1 / Math.sqrt(dh);
    const out = new Float32Array(B * H * dh);
    const s = new Float64Array(length);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const qo = (b * H + h) * dh;
        const base = (b * H + h) * capacity * dh;
        let max = -Infinity;
        for (let j = 0; j < length; j++) {
          const kj = base + j * dh;
          // Four independent sums (dh % 4 == 0 case): measured ~1.4x faster than one running sum.
          let d0 = 0;
          let d1 = 0;
          let d2 = 0;
          let d3 = 0;
          let c = 0;
          for (; c + 3 < dh; c += 4) {
            d0 += q[qo + c]! * k[kj + c]!;
            d1 += q[qo + c + 1]! * k[kj + c + 1]!;
            d2 += q[qo + c + 2]! * k[kj + c + 2]!;
            d3 += q[qo + c + 3]! * k[kj + c + 3]!;
          }
          for (; c < dh; c++) d0 += q[qo + c]! * k[kj + c]!;
          const sj = (d0 + d1 + d2 + d3) * scale;
          s[j] = sj;
          if (sj > max) max = sj;
        }
        let sum = 0;
        for (let j = 0; j < length; j++) {
          const e = Math.exp(s[j]! - max);
          s[j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j < length; j++) {
          const p = s[j]! * inv;
          const vj = base + j * dh;
          let c = 0;
          for (; c + 3 < dh; c += 4) {
            out[qo + c]! += p * v[vj + c]!;
            out[qo + c + 1]! += p * v[vj + c + 1]!;
            out[qo + c + 2]! += p * v[vj + c + 2]!;
            out[qo + c + 3]! += p * v[vj + c + 3]!;
          }
          for (; c < dh; c++) out[qo + c]! += p * v[vj + c]!;
        }
      }
    }
    return out;
  }


  /** A new cache holding only the given rows (e.g. unfinished sequences). */
  selectRows(rows: Int32Array): KvCacheLayer {
    const { H, capacity, dh } = this;
    const next = new KvCacheLayer(rows.length, H, capacity, dh);
    const rowSize = H * capacity * dh;
    rows.forEach((r, i) => {
      next.k.set(this.k.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
      next.v.set(this.v.subarray(r * rowSize, (r + 1) * rowSize), i * rowSize);
    });
    return next;
  }
}
