/**
 * A model's named tfjs variables: creation with PyTorch-style initialisation from our seeded Rng
 * (so weights are reproducible across backends), snapshots for the best-epoch checkpoint, and a
 * compact binary form (float32, little-endian) for save/load.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../runtime/rng';

export interface ParamManifestEntry {
  readonly name: string;
  readonly shape: readonly number[];
  /** Offset in float32 elements into the weights file. */
  readonly offset: number;
  readonly trainable: boolean;
}

export type Snapshot = ReadonlyMap<string, Float32Array>;

export class ParamSet {
  private readonly vars = new Map<string, tf.Variable>();
  private readonly trainable = new Set<string>();

  /** Uniform(-1/sqrt(fanIn), 1/sqrt(fanIn)), as torch.nn.Linear initialises weights and biases. */
  linear(name: string, inDim: number, outDim: number, rng: Rng): { w: tf.Variable; b: tf.Variable } {
    const bound = 1 / Math.sqrt(inDim);
    const u = (n: number): Float32Array => Float32Array.from({ length: n }, () => (rng.uniform() * 2 - 1) * bound);
    return {
      w: this.add(`${name}.w`, [inDim, outDim], u(inDim * outDim)),
      b: this.add(`${name}.b`, [outDim], u(outDim)),
    };
  }

  add(name: string, shape: number[], values: Float32Array, trainable = true): tf.Variable {
    if (this.vars.has(name)) throw new Error(`Internal error: parameter ${name} defined twice.`);
    // Inside tidy so the initial-value tensor is freed (the variable keeps its own reference).
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape), trainable, `${name}_${uniqueSuffix()}`));
    this.vars.set(name, v);
    if (trainable) this.trainable.add(name);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`Internal error: no parameter ${name}.`);
    return v;
  }

  /** Trainable variables whose names start with prefix. */
  trainableWith(prefix: string): tf.Variable[] {
    return [...this.vars.entries()].filter(([n]) => this.trainable.has(n) && n.startsWith(prefix)).map(([, v]) => v);
  }

  snapshot(): Snapshot {
    const m = new Map<string, Float32Array>();
    for (const [n, v] of this.vars) m.set(n, Float32Array.from(v.dataSync() as Float32Array));
    return m;
  }

  restore(s: Snapshot): void {
    for (const [n, v] of this.vars) {
      const values = s.get(n);
      if (!values) throw new Error(`Saved weights lack parameter "${n}"; the model file does not match this model.`);
      if (values.length !== v.size) throw new Error(`Saved parameter "${n}" has ${values.length} values, expected ${v.size}.`);
      tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
    }
  }

  toBinary(): { manifest: ParamManifestEntry[]; bytes: Uint8Array } {
    const manifest: ParamManifestEntry[] = [];
    let offset = 0;
    for (const [name, v] of this.vars) {
      manifest.push({ name, shape: v.shape, offset, trainable: this.trainable.has(name) });
      offset += v.size;
    }
    const all = new Float32Array(offset);
    const snap = this.snapshot();
    for (const e of manifest) all.set(snap.get(e.name)!, e.offset);
    return { manifest, bytes: new Uint8Array(all.buffer) };
  }

  /** Replaces the values from a weights file written by toBinary. */
  loadBinary(manifest: readonly ParamManifestEntry[], bytes: Uint8Array): void {
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const all = new Float32Array(copy.buffer);
    const snap = new Map<string, Float32Array>();
    for (const e of manifest) {
      const size = e.shape.reduce((a, b) => a * b, 1);
      if (e.offset + size > all.length) throw new Error(`The weights file is shorter than its manifest says (parameter "${e.name}"); save the model again.`);
      snap.set(e.name, all.subarray(e.offset, e.offset + size));
    }
    this.restore(snap);
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

let counter = 0;
function uniqueSuffix(): string {
  counter += 1;
  return String(counter);
}
