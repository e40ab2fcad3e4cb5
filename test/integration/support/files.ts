// File-system checks the integration tests share.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Entries of a folder, sorted; [] when it does not exist. */
export function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/**
 * The run folders RecSynth may have made for `inputFile`: the entries of every sibling folder
 * whose name is the input's name (with or without extension) plus `.recsynth`.
 */
export function runFoldersFor(workspace: string, inputBaseName: string): string[] {
  const stem = inputBaseName.replace(/\.[^.]+$/, '');
  const candidates = [`${stem}.recsynth`, `${inputBaseName}.recsynth`];
  return candidates.flatMap((name) => listDir(join(workspace, name)).map((entry) => `${name}/${entry}`));
}
