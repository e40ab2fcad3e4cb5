/**
 * Draws rows of normal scores from N(0, R), optionally with some coordinates held inside intervals
 * (a category's interval, or a point for a numeric value). Conditioning is exact for one interval:
 * the held coordinate is a truncated normal and the rest follow the Gaussian conditional given it.
 * With several intervals their joint truncated normal is drawn by a short Gibbs chain per row.
 */
import type { Rng } from '../../runtime/rng';
import { block, choleskyWithRidge, inverseFromCholesky, matMul } from '../math/linalg';
import { truncatedNormal } from '../math/normal';

export interface HeldCoordinate {
  readonly index: number;
  readonly lo: number;
  readonly hi: number;
}

const GIBBS_SWEEPS = 25;

export class GaussianDrawer {
  private readonly free: number[];
  private readonly held: readonly HeldCoordinate[];
  /** Conditional mean of the free part: gain (free x held) times the held scores. */
  private readonly gain: Float64Array;
  /** Cholesky factor of the free part's conditional covariance. */
  private readonly freeChol: Float64Array;
  /** Precision matrix of the held part, for the Gibbs updates. */
  private readonly heldPrecision: Float64Array;
  private readonly heldChol: Float64Array;

  constructor(correlation: Float64Array, private readonly d: number, held: readonly HeldCoordinate[]) {
    const heldIdx = held.map((h) => h.index);
    if (new Set(heldIdx).size !== heldIdx.length) throw new Error('Internal error: a coordinate is held twice.');
    this.held = held;
    this.free = [];
    for (let i = 0; i < d; i++) if (!heldIdx.includes(i)) this.free.push(i);
    const f = this.free.length;
    const c = heldIdx.length;
    const sCC = block(correlation, d, heldIdx, heldIdx);
    const { l: lCC } = choleskyWithRidge(sCC, c);
    this.heldChol = lCC;
    this.heldPrecision = c > 0 ? inverseFromCholesky(lCC, c) : new Float64Array(0);
    const sFC = block(correlation, d, this.free, heldIdx);
    this.gain = matMul(sFC, this.heldPrecision, f, c, c);
    const sFF = block(correlation, d, this.free, this.free);
    const explained = matMul(this.gain, block(correlation, d, heldIdx, this.free), f, c, f);
    for (let i = 0; i < f * f; i++) sFF[i] = sFF[i]! - explained[i]!;
    this.freeChol = choleskyWithRidge(sFF, f).l;
  }

  /** Fills out (length d) with one draw. */
  draw(rng: Rng, out: Float64Array): void {
    const held = this.held;
    const c = held.length;
    const zc = new Float64Array(c);
    if (c === 1) {
      zc[0] = truncatedNormal(rng, held[0]!.lo, held[0]!.hi);
    } else if (c > 1) {
      this.gibbs(rng, zc);
    }
    const f = this.free.length;
    const e = new Float64Array(f);
    for (let i = 0; i < f; i++) e[i] = rng.normal();
    for (let i = 0; i < f; i++) {
      let v = 0;
      for (let k = 0; k < c; k++) v += this.gain[i * c + k]! * zc[k]!;
      for (let k = 0; k <= i; k++) v += this.freeChol[i * f + k]! * e[k]!;
      out[this.free[i]!] = v;
    }
    for (let k = 0; k < c; k++) out[held[k]!.index] = zc[k]!;
  }

  private gibbs(rng: Rng, zc: Float64Array): void {
    const held = this.held;
    const c = held.length;
    const p = this.heldPrecision;
    // Start from a draw of the unconstrained held part, clamped into the box.
    for (let k = 0; k < c; k++) {
      let v = 0;
      for (let j = 0; j <= k; j++) v += this.heldChol[k * c + j]! * rng.normal();
      zc[k] = Math.min(held[k]!.hi, Math.max(held[k]!.lo, v));
    }
    for (let sweep = 0; sweep < GIBBS_SWEEPS; sweep++) {
      for (let k = 0; k < c; k++) {
        const h = held[k]!;
        if (h.lo === h.hi) {
          zc[k] = h.lo;
          continue;
        }
        const pkk = p[k * c + k]!;
        let s = 0;
        for (let j = 0; j < c; j++) if (j !== k) s += p[k * c + j]! * zc[j]!;
        const mean = -s / pkk;
        const sd = Math.sqrt(1 / pkk);
        zc[k] = mean + sd * truncatedNormal(rng, (h.lo - mean) / sd, (h.hi - mean) / sd);
      }
    }
  }
}
