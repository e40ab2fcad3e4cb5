/**
 * On the wasm backend, BatchMatMul (and _FusedMatMul) with a transpose flag ran 12-20x slower than
 * transposing the operand first and multiplying plainly (DESIGN.md section 3), and every backward
 * pass of a dense layer uses the flags. This wraps the backend's own kernels: explicit Transpose of
 * the flagged operand(s), then the original kernel without flags.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import type { KernelBackendLike } from './types';

const wrapped = new WeakSet<KernelFunc>();

function wrap(original: KernelFunc, transpose: KernelFunc): KernelFunc {
  const f: KernelFunc = (args) => {
    const attrs = args.attrs as (NamedAttrMap & { transposeA?: boolean; transposeB?: boolean }) | undefined;
    const ta = attrs?.transposeA === true;
    const tb = attrs?.transposeB === true;
    if (!ta && !tb) return original(args);
    const be = args.backend as unknown as KernelBackendLike;
    const flip = (t: TensorInfo): TensorInfo => {
      const r = t.shape.length;
      const perm = Array.from({ length: r }, (_, i) => i);
      perm[r - 1] = r - 2;
      perm[r - 2] = r - 1;
      return transpose({ inputs: { x: t }, backend: args.backend, attrs: { perm } }) as TensorInfo;
    };
    const a = args.inputs.a as TensorInfo;
    const b = args.inputs.b as TensorInfo;
    const a2 = ta ? flip(a) : a;
    const b2 = tb ? flip(b) : b;
    try {
      return original({ ...args, inputs: { ...args.inputs, a: a2, b: b2 }, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      if (ta) be.disposeData(a2.dataId);
      if (tb) be.disposeData(b2.dataId);
    }
  };
  wrapped.add(f);
  return f;
}

/** Wraps BatchMatMul and _FusedMatMul of one backend. Returns notes for BackendInfo. */
export function installTransposeFirstMatMul(backendName: string): string[] {
  const notes: string[] = [];
  const transpose = tf.getKernel(tf.Transpose, backendName);
  if (!transpose) return [`${backendName} has no Transpose kernel: matmul left as is`];
  for (const name of [tf.BatchMatMul, tf._FusedMatMul]) {
    const original = tf.getKernel(name, backendName);
    if (!original) continue;
    if (!wrapped.has(original.kernelFunc)) {
      tf.unregisterKernel(name, backendName);
      const config: KernelConfig = { ...original, kernelFunc: wrap(original.kernelFunc, transpose.kernelFunc) };
      tf.registerKernel(config);
    }
    notes.push(`${name}: transpose first`);
  }
  return notes;
}
