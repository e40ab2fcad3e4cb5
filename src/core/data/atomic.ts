/**
 * Atomic file writes: the data goes to a temporary name in the destination folder and is then
 * renamed over the target, so a crash, a cancel or a full disk never leaves a half-written file.
 * The rename is atomic because source and target are on the same file system (same folder).
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export function writeTextAtomic(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, text);
}
