// A CSV whose line 13 has one field too many (test/fixtures/retail-bad-row.csv): the command
// must fail with an error a user can act on, and leave no run folder behind.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runFoldersFor, sha256Of } from './support/files';
import { synthesize, workspaceRoot } from './support/recsynth';

const INPUT = 'retail-bad-row.csv';
const BAD_LINE = 13; // 1-based line number in the file; line 1 is the header

describe('a CSV with a malformed row', () => {
  it(`rejects with an error naming the file and line ${BAD_LINE}`, async () => {
    const workspace = workspaceRoot();
    const input = join(workspace, INPUT);
    const hashBefore = sha256Of(input);
    await assert.rejects(
      Promise.resolve(synthesize(input, { rows: 50, openDashboard: false, seed: 1 })),
      (error: unknown) => {
        assert.ok(error instanceof Error, `rejected with a non-Error: ${String(error)}`);
        assert.match(error.message, /retail-bad-row\.csv/, `error does not name the file: ${error.message}`);
        assert.match(error.message, new RegExp(`\\bline ${BAD_LINE}\\b`, 'i'), `error does not name line ${BAD_LINE}: ${error.message}`);
        return true;
      },
    );
    assert.deepEqual(runFoldersFor(workspace, INPUT), [], 'a failed run left a run folder behind');
    assert.equal(sha256Of(input), hashBefore, `${INPUT} was modified`);
  });
});
