/**
 * Model files: one JSON document (kind, hyperparameters, ids, array layout) plus one binary file of
 * little-endian typed arrays. Both are written to a temporary name and renamed, so a crash never
 * leaves a half-written model.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type StoredArray = Float32Array | Int32Array | Float64Array;
type ArrayKind = 'float32' | 'int32' | 'float64';

interface ArrayEntry {
  readonly name: string;
  readonly kind: ArrayKind;
  readonly offset: number;
  readonly length: number;
}

export const MODEL_JSON = 'model.json';
export const MODEL_BIN = 'model.bin';

function kindOf(a: StoredArray): ArrayKind {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  return 'float64';
}

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function writeModel(dir: string, meta: Record<string, unknown>, arrays: Record<string, StoredArray>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries: ArrayEntry[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    entries.push({ name, kind: kindOf(a), offset, length: a.length });
    offset += a.byteLength;
    offset = Math.ceil(offset / 8) * 8;
  }
  const bin = new Uint8Array(offset);
  for (const e of entries) {
    const a = arrays[e.name]!;
    bin.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), e.offset);
  }
  await writeAtomic(join(dir, MODEL_BIN), bin);
  await writeAtomic(join(dir, MODEL_JSON), JSON.stringify({ ...meta, arrays: entries }, null, 1));
}

export interface LoadedModel {
  readonly meta: Record<string, unknown>;
  float32(name: string): Float32Array;
  int32(name: string): Int32Array;
  float64(name: string): Float64Array;
}

export async function readModel(dir: string): Promise<LoadedModel> {
  const jsonPath = join(dir, MODEL_JSON);
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(await readFile(jsonPath, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`Cannot read the recommender in ${jsonPath}: ${(e as Error).message}. Save the model again with save(dir).`);
  }
  const buf = await readFile(join(dir, MODEL_BIN));
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  const entries = (meta.arrays ?? []) as ArrayEntry[];
  const get = (name: string, kind: ArrayKind): ArrayEntry => {
    const e = entries.find((x) => x.name === name);
    if (!e || e.kind !== kind) throw new Error(`${jsonPath} has no ${kind} array "${name}"; the model files are incomplete or from another version.`);
    return e;
  };
  return {
    meta,
    float32: (n) => {
      const e = get(n, 'float32');
      return new Float32Array(bytes.buffer, e.offset, e.length);
    },
    int32: (n) => {
      const e = get(n, 'int32');
      return new Int32Array(bytes.buffer, e.offset, e.length);
    },
    float64: (n) => {
      const e = get(n, 'float64');
      return new Float64Array(bytes.buffer, e.offset, e.length);
    },
  };
}
