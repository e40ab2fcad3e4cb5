/**
 * TensorFlow.js backend selection. Every process that trains (worker, CLI, tests) calls initTf()
 * once before building any model. Order when 'auto': tfjs-node-gpu (if it loads and sees a GPU),
 * tfjs-node, wasm, cpu. The native packages are optional dependencies that often fail to install
 * (they download libtensorflow at install time), so their absence is a note, not an error.
 * The wasm and cpu backends get the kernel fixes of ./kernels.
 */
import * as tf from '@tensorflow/tfjs';
import { applyKernelFixes } from './kernels';

export type BackendChoice = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendInfo {
  /** tfjs backend name: 'tensorflow', 'wasm' or 'cpu'. */
  readonly name: string;
  readonly requested: BackendChoice;
  /** Human-readable label for the dashboard, e.g. 'tfjs-node-gpu (GPU)' or 'wasm (SIMD, 1 thread)'. */
  readonly label: string;
  /** Why earlier choices were passed over, and which kernel fixes are active. */
  readonly notes: readonly string[];
}

let current: BackendInfo | null = null;

/** Loads a package that may be missing without the bundler or the type checker resolving it. */
async function importOptional(name: string): Promise<unknown> {
  return (await import(/* webpackIgnore: true */ name)) as unknown;
}

function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0]!.slice(0, 200);
}

async function tryNative(pkg: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node', notes: string[]): Promise<{ gpu: boolean } | null> {
  try {
    await importOptional(pkg);
  } catch (e) {
    notes.push(`${pkg} not available: ${errorText(e)}`);
    return null;
  }
  try {
    if (!(await tf.setBackend('tensorflow'))) {
      notes.push(`${pkg} loaded but its backend did not initialise`);
      return null;
    }
  } catch (e) {
    notes.push(`${pkg} loaded but failed to initialise: ${errorText(e)}`);
    return null;
  }
  const be = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
  return { gpu: be.isUsingGpuDevice === true };
}

async function tryWasm(notes: string[]): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    // Fixes first, so that setBackend's kernel set-up also covers the wrapped kernels.
    notes.push(...applyKernelFixes('wasm'));
    return await tf.setBackend('wasm');
  } catch (e) {
    notes.push(`wasm backend unavailable: ${errorText(e)}`);
    return false;
  }
}

async function useCpu(notes: string[]): Promise<boolean> {
  notes.push(...applyKernelFixes('cpu'));
  return tf.setBackend('cpu');
}

export async function initTf(requested: BackendChoice = 'auto'): Promise<BackendInfo> {
  if (current && (requested === 'auto' || requested === current.requested)) return current;
  const notes: string[] = [];
  let label: string | null = null;
  if (requested === 'auto' || requested === 'tensorflow-gpu') {
    const r = await tryNative('@tensorflow/tfjs-node-gpu', notes);
    if (r?.gpu) label = 'tfjs-node-gpu (GPU)';
    else if (r) {
      // Same libtensorflow on the CPU: still native and faster than wasm, so keep it.
      notes.push('@tensorflow/tfjs-node-gpu loaded but sees no GPU: running TensorFlow on the CPU');
      label = 'tfjs-node-gpu (CPU)';
    }
  }
  if (!label && (requested === 'auto' || requested === 'tensorflow' || requested === 'tensorflow-gpu')) {
    if (await tryNative('@tensorflow/tfjs-node', notes)) label = 'tfjs-node (CPU)';
  }
  if (!label && requested !== 'cpu') {
    if (await tryWasm(notes)) label = 'wasm (SIMD, 1 thread)';
  }
  if (!label) {
    if (requested !== 'auto' && requested !== 'cpu') notes.push(`requested backend "${requested}" is not available: using cpu`);
    if (await useCpu(notes)) label = 'cpu (pure JavaScript)';
  }
  if (!label) throw new Error('No TensorFlow.js backend could be initialised (tried native, wasm and cpu); reinstall the extension.');
  // The cpu backend also serves tensors moved off another backend: give it the fast segment sum too.
  if (tf.getBackend() !== 'cpu') applyKernelFixes('cpu');
  await tf.ready();
  current = { name: tf.getBackend(), requested, label, notes };
  return current;
}

/** The backend initTf chose, or null before the first call. */
export function currentBackend(): BackendInfo | null {
  return current;
}
