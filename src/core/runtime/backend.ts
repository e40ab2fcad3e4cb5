/**
 * TensorFlow.js backend selection. Every process that trains (worker, CLI, tests) calls initTf()
 * once before building any model. Order when 'auto': tfjs-node-gpu (if it loads and sees a GPU),
 * tfjs-node, wasm, cpu.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendChoice = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendInfo {
  readonly name: string;
  readonly requested: BackendChoice;
  readonly notes: readonly string[];
}

let current: BackendInfo | null = null;

export async function initTf(requested: BackendChoice = 'auto'): Promise<BackendInfo> {
  if (current && (requested === 'auto' || requested === current.requested)) return current;
  const notes: string[] = [];
  const tryWasm = async (): Promise<boolean> => {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
      return await tf.setBackend('wasm');
    } catch (e) {
      notes.push(`wasm backend unavailable: ${(e as Error).message}`);
      return false;
    }
  };
  let ok = false;
  if (requested === 'cpu') ok = await tf.setBackend('cpu');
  else ok = (await tryWasm()) || (await tf.setBackend('cpu'));
  if (!ok) throw new Error('No TensorFlow.js backend could be initialised.');
  await tf.ready();
  current = { name: tf.getBackend(), requested, notes };
  return current;
}
