/**
 * Kernel fixes for tfjs 4.22 backends, applied by initTf before a model is built. Each process
 * (worker, CLI, test) applies them itself: kernel registries are per process.
 */
import { installSegmentSum } from './segment-sum';
import { installTransposeFirstMatMul } from './matmul-transpose-first';

/** Applies the fixes that a backend needs; returns one note per fix for run.json. */
export function applyKernelFixes(backendName: string): string[] {
  switch (backendName) {
    case 'wasm':
      return [...installTransposeFirstMatMul('wasm'), installSegmentSum('wasm')];
    case 'cpu':
      return [installSegmentSum('cpu')];
    default:
      return [];
  }
}

export { installSegmentSum } from './segment-sum';
export { installTransposeFirstMatMul } from './matmul-transpose-first';
