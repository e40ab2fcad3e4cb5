/** The slice of a tfjs backend that the replacement kernels use (both cpu and wasm provide it). */
import type { DataType, TensorInfo } from '@tensorflow/tfjs';

export type BackendValues = Float32Array | Int32Array | Uint8Array;

export interface KernelBackendLike {
  readSync(dataId: object): unknown;
  disposeData(dataId: object): boolean;
}

interface WasmLike extends KernelBackendLike {
  makeOutput(shape: number[], dtype: DataType, memoryOffset?: number, values?: BackendValues): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): BackendValues;
}

interface CpuLike extends KernelBackendLike {
  makeTensorInfo(shape: number[], dtype: DataType, values?: BackendValues): TensorInfo;
}

/** Creates an output tensor holding `values` on either kind of backend. */
export function makeOutputTensor(backend: KernelBackendLike, shape: number[], dtype: DataType, values: BackendValues): TensorInfo {
  // The cpu backend also has a makeOutput, with another signature: tell wasm by its heap accessor.
  if (typeof (backend as Partial<WasmLike>).typedArrayFromHeap === 'function') {
    return (backend as WasmLike).makeOutput(shape, dtype, undefined, values);
  }
  if (typeof (backend as Partial<CpuLike>).makeTensorInfo === 'function') {
    return (backend as CpuLike).makeTensorInfo(shape, dtype, values);
  }
  throw new Error('Internal error: this TensorFlow.js backend can create neither outputs nor tensor infos.');
}

export function readValues(backend: KernelBackendLike, t: TensorInfo): BackendValues {
  const v = backend.readSync(t.dataId);
  if (v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array) return v;
  throw new Error(`Internal error: expected numeric tensor data, got ${Object.prototype.toString.call(v)}.`);
}
