/**
 * UnsortedSegmentSum as a plain typed-array loop. The wasm backend has no such kernel, yet the
 * gradient of tf.gather (every embedding lookup) needs it; the cpu backend has one that is
 * pathological (1,000 segments: 48 s and 1.1 GB per call, DESIGN.md section 3). This one is O(size).
 * Semantics as TensorFlow: out[s, ...] = sum of x[i, ...] over i with segmentIds[i] == s; ids outside
 * [0, numSegments) are dropped.
 */
import * as tf from '@tensorflow/tfjs';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelBackendLike } from './types';
import { makeOutputTensor, readValues } from './types';

const segmentSum: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs.x as TensorInfo;
  const ids = inputs.segmentIds as TensorInfo;
  const numSegments = Number((attrs as { numSegments?: number } | undefined)?.numSegments);
  if (!Number.isInteger(numSegments) || numSegments < 0) throw new Error(`UnsortedSegmentSum: numSegments must be a whole number, got ${numSegments}.`);
  const be = backend as unknown as KernelBackendLike;
  const xv = readValues(be, x);
  const iv = readValues(be, ids);
  const nIds = iv.length;
  const inner = nIds === 0 ? 0 : xv.length / nIds;
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  for (let i = 0; i < nIds; i++) {
    const s = iv[i]!;
    if (s < 0 || s >= numSegments) continue;
    const src = i * inner;
    const dst = s * inner;
    for (let k = 0; k < inner; k++) out[dst + k] = out[dst + k]! + xv[src + k]!;
  }
  return makeOutputTensor(be, [numSegments, ...x.shape.slice(ids.shape.length)], x.dtype, out);
};

/** Registers (or replaces) UnsortedSegmentSum on a backend. Returns a note for BackendInfo. */
export function installSegmentSum(backendName: string): string {
  const existing = tf.getKernel(tf.UnsortedSegmentSum, backendName);
  if (existing?.kernelFunc === segmentSum) return 'UnsortedSegmentSum: typed-array loop';
  if (existing) tf.unregisterKernel(tf.UnsortedSegmentSum, backendName);
  const config: KernelConfig = { kernelName: tf.UnsortedSegmentSum, backendName, kernelFunc: segmentSum };
  tf.registerKernel(config);
  return existing ? 'UnsortedSegmentSum: replaced by a typed-array loop' : 'UnsortedSegmentSum: added (typed-array loop)';
}
