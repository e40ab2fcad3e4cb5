/**
 * The output folder of one run: `<root>/<dataset name>.recsynth/<timestamp>/`.
 * Everything is written under a hidden temporary folder first and renamed into place by commit(),
 * so a crash or a cancel never leaves a half-written run behind (abort() removes the temporary folder).
 */
import { mkdir, rename, rm, writeFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { engineVersions } from './versions';
import { throwIfAborted } from '../runtime/progress';

export function runStamp(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

export class RunFolder {
  private committed = false;

  private constructor(
    readonly parent: string,
    readonly tempDir: string,
    private readonly stamp: string,
  ) {}

  static async create(inputPath: string, outputRoot: string, now = new Date()): Promise<RunFolder> {
    const parent = join(outputRoot, `${basename(inputPath)}.recsynth`);
    await mkdir(parent, { recursive: true });
    const stamp = runStamp(now);
    const tempDir = join(parent, `.tmp-${stamp}-${randomBytes(4).toString('hex')}`);
    await mkdir(tempDir);
    return new RunFolder(parent, tempDir, stamp);
  }

  path(file: string): string {
    return join(this.tempDir, file);
  }

  async writeText(file: string, text: string): Promise<void> {
    const final = this.path(file);
    const tmp = `${final}.partial`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, final);
  }

  /** A sub-folder of the run (e.g. the saved model), created on demand. */
  async subdir(name: string): Promise<string> {
    const p = this.path(name);
    await mkdir(p, { recursive: true });
    return p;
  }

  async writeJson(file: string, value: unknown): Promise<void> {
    await this.writeText(file, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** Moves the finished run into place and returns its final path. Adds -2, -3... if the stamp is taken. */
  async commit(): Promise<string> {
    let final = join(this.parent, this.stamp);
    for (let i = 2; await exists(final); i++) final = join(this.parent, `${this.stamp}-${i}`);
    await rename(this.tempDir, final);
    this.committed = true;
    return final;
  }

  /** Removes everything written so far; the `.recsynth` parent goes too when this run was its only content. */
  async abort(): Promise<void> {
    if (this.committed) return;
    await rm(this.tempDir, { recursive: true, force: true });
    try {
      const { readdir, rmdir } = await import('node:fs/promises');
      if ((await readdir(this.parent)).length === 0) await rmdir(this.parent);
    } catch {
      // another run may be writing beside us: leave the parent alone
    }
  }
}

/**
 * Writes one run: `write` puts the job's files in a fresh RunFolder, then run.json records the
 * job (`record`: config, backend, ...), the versions and the timings (writeMs and totalMs added
 * here), and the folder is committed. Any failure or cancel removes the folder.
 */
export async function writeRun(opts: {
  readonly input: string;
  readonly outputRoot: string;
  readonly started: number;
  readonly record: Readonly<Record<string, unknown>>;
  readonly timings: Record<string, number>;
  readonly signal?: AbortSignal | undefined;
  readonly write: (folder: RunFolder) => Promise<readonly string[]>;
}): Promise<{ outputDir: string; files: string[] }> {
  const t = Date.now();
  const folder = await RunFolder.create(opts.input, opts.outputRoot);
  try {
    const files = await opts.write(folder);
    opts.timings['writeMs'] = Date.now() - t;
    opts.timings['totalMs'] = Date.now() - opts.started;
    await folder.writeJson('run.json', {
      createdAt: new Date(opts.started).toISOString(),
      input: opts.input,
      ...opts.record,
      versions: engineVersions(),
      timings: opts.timings,
    });
    throwIfAborted(opts.signal);
    return { outputDir: await folder.commit(), files: [...files, 'run.json'] };
  } catch (e) {
    await folder.abort();
    throw e;
  }
}
