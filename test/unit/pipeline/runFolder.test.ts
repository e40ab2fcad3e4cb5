import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunFolder, runStamp } from '../../../src/core/pipeline/runFolder';

test('runStamp has no characters that Windows forbids in file names', () => {
  const s = runStamp(new Date(2026, 11, 4, 9, 5, 3));
  assert.equal(s, '2026-12-04T09-05-03');
  assert.doesNotMatch(s, /[:<>"|?*]/);
});

test('a committed run appears complete under <name>.recsynth/<stamp>; nothing partial is left', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rs-run-'));
  const input = join(root, 'data.csv');
  await writeFile(input, 'a\n1\n');
  const when = new Date(2026, 0, 2, 3, 4, 5);
  const f = await RunFolder.create(input, root, when);
  await f.writeText('synthetic.csv', 'a\n2\n');
  await f.writeJson('run.json', { seed: 1 });
  // Before commit only the hidden temporary folder exists.
  assert.deepEqual((await readdir(join(root, 'data.csv.recsynth'))).filter((n) => !n.startsWith('.tmp-')), []);
  const out = await f.commit();
  assert.equal(out, join(root, 'data.csv.recsynth', '2026-01-02T03-04-05'));
  assert.deepEqual((await readdir(out)).sort(), ['run.json', 'synthetic.csv']);
  assert.deepEqual(JSON.parse(await readFile(join(out, 'run.json'), 'utf8')), { seed: 1 });
  assert.deepEqual(await readdir(join(root, 'data.csv.recsynth')), ['2026-01-02T03-04-05']);
  // A second run in the same second gets its own folder rather than overwriting the first.
  const g = await RunFolder.create(input, root, when);
  await g.writeText('x', 'y');
  assert.equal(await g.commit(), join(root, 'data.csv.recsynth', '2026-01-02T03-04-05-2'));
  assert.equal(await readFile(input, 'utf8'), 'a\n1\n');
});

test('abort removes the run and the .recsynth folder it created', async () => {
  const root = await mkdtemp(join(tmpdir(), 'rs-run-'));
  const input = join(root, 'data.csv');
  const f = await RunFolder.create(input, root);
  await f.writeText('synthetic.csv', 'half');
  await f.abort();
  assert.deepEqual(await readdir(root), []);
});
