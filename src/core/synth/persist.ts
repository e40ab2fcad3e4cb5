/**
 * Files a saved synthesizer is made of. Every model writes `synthesizer.json` holding at least its
 * `kind` (what loadSynthesizer dispatches on) and a format version. Writes go to a temporary name
 * first and are renamed, so a crash never leaves a half-written model.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MODEL_FILE = 'synthesizer.json';

export interface SavedHeader {
  readonly kind: string;
  readonly version: number;
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value));
}

export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read ${path}: ${(e as Error).message}. Point at a folder a synthesizer was saved to.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${path} is not valid JSON (${(e as Error).message}); the saved model is damaged: fit it again.`);
  }
}

export async function readHeader(dir: string): Promise<{ header: SavedHeader; body: Record<string, unknown> }> {
  const path = join(dir, MODEL_FILE);
  const body = await readJson(path);
  if (typeof body !== 'object' || body === null) throw new Error(`${path} does not hold a saved synthesizer.`);
  const rec = body as Record<string, unknown>;
  if (typeof rec.kind !== 'string' || typeof rec.version !== 'number') {
    throw new Error(`${path} has no "kind"/"version" fields; it was not written by a RecSynth synthesizer.`);
  }
  return { header: { kind: rec.kind, version: rec.version }, body: rec };
}
