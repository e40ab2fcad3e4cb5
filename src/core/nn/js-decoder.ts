/**
 * The CausalTransformer's decoding step in plain typed-array loops, for narrow batches.
 *
 * Why: a tfjs step costs roughly 70 kernel launches whatever the batch size, a few ms in all.
 * Wide batches amortise that; the last few very long histories do not (one user with 4,000
 * events needs 4,000 sequential steps). For a handful of rows the same maths in JS costs well
 * under a millisecond per row. Shares the typed-array KvCache with CausalTransformer.step, so a
 * decoding loop can switch between the two mid-sequence.
 */
import type { KvCache, CausalTransformer } from './transformer';

interface LayerWeights {
  readonly ln1g: Float32Array;
  readonly ln1b: Float32Array;
  readonly wq: Float32Array;
  readonly wk: Float32Array;
  readonly wv: Float32Array;
  readonly bq: Float32Array;
  readonly bk: Float32Array;
  readonly bv: Float32Array;
  readonly wo: Float32Array;
  readonly bo: Float32Array;
  readonly ln2g: Float32Array;
  readonly ln2b: Float32Array;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

const LN_EPS = 1e-5;

/** y[o] (+)= sum_i x[xOff + i] W[i, o] + b[o] for W [nIn, nOut] row-major. */
export function matVec(x: Float32Array, xOff: number, w: Float32Array, b: Float32Array | null, nIn: number, nOut: number, y: Float32Array, yOff: number): void {
  for (let o = 0; o < nOut; o++) y[yOff + o] = b ? b[o]! : 0;
  for (let i = 0; i < nIn; i++) {
    const xi = x[xOff + i]!;
    if (xi === 0) continue;
    const row = i * nOut;
    for (let o = 0; o < nOut; o++) y[yOff + o]! += xi * w[row + o]!;
  }
}

function layerNormRow(x: Float32Array, off: number, n: number, g: Float32Array, b: Float32Array, out: Float32Array): void {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[off + i]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = x[off + i]! - mean;
    v += c * c;
  }
  const inv = 1 / Math.sqrt(v / n + LN_EPS);
  for (let i = 0; i < n; i++) out[i] = (x[off + i]! - mean) * inv * g[i]! + b[i]!;
}

export class JsDecoder {
  private constructor(
    private readonly d: number,
    private readonly H: number,
    private readonly ffn: number,
    private readonly maxLen: number,
    private readonly pos: Float32Array,
    private readonly layers: readonly LayerWeights[],
    private readonly lnfG: Float32Array,
    private readonly lnfB: Float32Array,
  ) {}

  /** Copies the model's current weights. */
  static async from(model: CausalTransformer): Promise<JsDecoder> {
    const get = async (name: string): Promise<Float32Array> => (await model.params.get(`${model.prefix}.${name}`).data()) as Float32Array;
    const { dModel, nHeads, ffnDim, nLayers, maxLen } = model.config;
    const layers: LayerWeights[] = [];
    for (let l = 0; l < nLayers; l++) {
      const p = `l${l}`;
      layers.push({
        ln1g: await get(`${p}.ln1.g`),
        ln1b: await get(`${p}.ln1.b`),
        wq: await get(`${p}.wq`),
        wk: await get(`${p}.wk`),
        wv: await get(`${p}.wv`),
        bq: await get(`${p}.bq`),
        bk: await get(`${p}.bk`),
        bv: await get(`${p}.bv`),
        wo: await get(`${p}.wo`),
        bo: await get(`${p}.bo`),
        ln2g: await get(`${p}.ln2.g`),
        ln2b: await get(`${p}.ln2.b`),
        w1: await get(`${p}.w1`),
        b1: await get(`${p}.b1`),
        w2: await get(`${p}.w2`),
        b2: await get(`${p}.b2`),
      });
    }
    return new JsDecoder(dModel, nHeads, ffnDim, maxLen, await get('pos'), layers, await get('lnf.g'), await get('lnf.b'));
  }

  /** Same as CausalTransformer.step: x [B, d] at position cache.length -> hidden [B, d]; writes the cache. */
  step(x: Float32Array, B: number, cache: KvCache): { out: Float32Array; cache: KvCache } {
    const { d, ffn } = this;
    const t = cache.length;
    if (t >= this.maxLen) throw new Error(`Position ${t} is past maxLen ${this.maxLen}; re-prefill a shorter window.`);
    const h = new Float32Array(B * d);
    for (let r = 0; r < B; r++) for (let i = 0; i < d; i++) h[r * d + i] = x[r * d + i]! + this.pos[t * d + i]!;
    const a = new Float32Array(d);
    const q = new Float32Array(B * d);
    const k = new Float32Array(B * d);
    const v = new Float32Array(B * d);
    const tmp = new Float32Array(Math.max(d, ffn));
    const tmp2 = new Float32Array(d);
    this.layers.forEach((w, l) => {
      for (let r = 0; r < B; r++) {
        layerNormRow(h, r * d, d, w.ln1g, w.ln1b, a);
        matVec(a, 0, w.wq, w.bq, d, d, q, r * d);
        matVec(a, 0, w.wk, w.bk, d, d, k, r * d);
        matVec(a, 0, w.wv, w.bv, d, d, v, r * d);
      }
      const layer = cache.layers[l]!;
      layer.write(k, v, t, 1);
      const ctx = layer.attendOne(q, t + 1);
      for (let r = 0; r < B; r++) {
        matVec(ctx, r * d, w.wo, w.bo, d, d, tmp2, 0);
        for (let i = 0; i < d; i++) h[r * d + i]! += tmp2[i]!;
        layerNormRow(h, r * d, d, w.ln2g, w.ln2b, a);
        matVec(a, 0, w.w1, w.b1, d, ffn, tmp, 0);
        for (let i = 0; i < ffn; i++) if (tmp[i]! < 0) tmp[i] = 0;
        matVec(tmp, 0, w.w2, w.b2, ffn, d, tmp2, 0);
        for (let i = 0; i < d; i++) h[r * d + i]! += tmp2[i]!;
      }
    });
    const out = new Float32Array(B * d);
    for (let r = 0; r < B; r++) {
      layerNormRow(h, r * d, d, this.lnfG, this.lnfB, a);
      out.set(a, r * d);
    }
    return { out, cache: { layers: cache.layers, length: t + 1 } };
  }
}
