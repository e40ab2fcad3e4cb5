/**
 * Named trainable parameters created explicitly with tf.variable, initialised from the engine's
 * seeded Rng (not tf's global random state), so the same seed gives the same weights on every
 * backend, and save/load is a flat list of (name, shape, Float32Array).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../runtime/rng';

export interface SerializedParam {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

export class ParamStore {
  private readonly params = new Map<string, tf.Variable>();

  /** Normal(0, std) initialisation; std defaults to a Glorot-like 1/sqrt(fanIn) for matrices. */
  normal(name: string, shape: readonly number[], rng: Rng, std?: number): tf.Variable {
    const n = shape.reduce((a, b) => a * b, 1);
    const s = std ?? 1 / Math.sqrt(shape[0] ?? 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = rng.normal() * s;
    return this.add(name, tf.tensor(data, [...shape]));
  }

  constant(name: string, shape: readonly number[], value: number): tf.Variable {
    return this.add(name, tf.fill([...shape], value));
  }

  fromArray(name: string, shape: readonly number[], values: Float32Array): tf.Variable {
    const n = shape.reduce((a, b) => a * b, 1);
    if (values.length !== n) throw new Error(`Parameter "${name}": ${values.length} initial values for shape [${shape.join(', ')}].`);
    return this.add(name, tf.tensor(values, [...shape]));
  }

  private add(name: string, init: tf.Tensor): tf.Variable {
    if (this.params.has(name)) throw new Error(`Parameter "${name}" is defined twice.`);
    // tf.variable names must be unique engine-wide; let tfjs name it and keep our name here.
    const v = tf.variable(init, true);
    init.dispose();
    this.params.set(name, v);
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.params.get(name);
    if (!v) throw new Error(`No parameter "${name}".`);
    return v;
  }

  variables(): tf.Variable[] {
    return [...this.params.values()];
  }

  /** Every parameter's current values, in definition order. */
  async serialize(): Promise<SerializedParam[]> {
    const out: SerializedParam[] = [];
    for (const [name, v] of this.params) {
      out.push({ name, shape: v.shape, values: (await v.data()) as Float32Array });
    }
    return out;
  }

  /** Overwrites parameters by name; every stored parameter must be present with the same shape. */
  restore(saved: readonly SerializedParam[]): void {
    const byName = new Map(saved.map((s) => [s.name, s]));
    for (const [name, v] of this.params) {
      const s = byName.get(name);
      if (!s) throw new Error(`Saved weights lack parameter "${name}"; the model file does not match this configuration.`);
      if (s.shape.length !== v.shape.length || s.shape.some((d, i) => d !== v.shape[i])) {
        throw new Error(`Parameter "${name}" was saved with shape [${s.shape.join(', ')}] but the model needs [${v.shape.join(', ')}].`);
      }
      tf.tidy(() => v.assign(tf.tensor(s.values, [...s.shape])));
    }
  }

  dispose(): void {
    for (const v of this.params.values()) v.dispose();
    this.params.clear();
  }
}

/** Packs parameters into one binary blob plus a JSON manifest (name, shape, offset in floats). */
export function packParams(params: readonly SerializedParam[]): {
  manifest: { name: string; shape: number[]; offset: number }[];
  data: Float32Array;
} {
  let total = 0;
  for (const p of params) total += p.values.length;
  const data = new Float32Array(total);
  const manifest: { name: string; shape: number[]; offset: number }[] = [];
  let offset = 0;
  for (const p of params) {
    data.set(p.values, offset);
    manifest.push({ name: p.name, shape: [...p.shape], offset });
    offset += p.values.length;
  }
  return { manifest, data };
}

export function unpackParams(
  manifest: readonly { name: string; shape: readonly number[]; offset: number }[],
  data: Float32Array,
): SerializedParam[] {
  return manifest.map((m) => {
    const n = m.shape.reduce((a, b) => a * b, 1);
    if (m.offset + n > data.length) {
      throw new Error(`Weights file is too short for parameter "${m.name}" (needs ${m.offset + n} floats, has ${data.length}).`);
    }
    return { name: m.name, shape: m.shape, values: data.slice(m.offset, m.offset + n) };
  });
}
