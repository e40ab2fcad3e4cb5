// Cancel during training: the command's promise rejects as cancelled and no run folder is
// left. While the model trains (in the worker process) the host's event-loop lag is sampled.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { runFoldersFor } from './support/files';
import { startLagSampler } from './support/lag';
import { recordMetric } from './support/metrics';
import { COMMANDS, isCancellation, synthesize, workspaceRoot } from './support/recsynth';

const INPUT = 'retail-400.csv';
// Long enough that training is surely still running when the cancel comes; the time is a
// wait, not an assertion.
const TRAIN_BEFORE_CANCEL_MS = 5000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recsynth.cancelRun', () => {
  it('cancels a training run: the promise rejects as cancelled and no run folder remains', async () => {
    const workspace = workspaceRoot();
    const runsBefore = runFoldersFor(workspace, INPUT);
    const lag = startLagSampler();
    const outcome = Promise.resolve(
      synthesize(join(workspace, INPUT), { rows: 300, openDashboard: false, seed: 1, model: 'ctgan', epochs: 1000 }),
    ).then(
      (value) => ({ settled: 'resolved' as const, value }),
      (error: unknown) => ({ settled: 'rejected' as const, error }),
    );
    const early = await Promise.race([outcome, sleep(TRAIN_BEFORE_CANCEL_MS).then(() => undefined)]);
    const trainLag = lag.stop();
    recordMetric('hostLagMaxMsWhileCtganTrains', trainLag.maxMs);
    recordMetric('hostLagMeanMsWhileCtganTrains', trainLag.meanMs);
    if (early) {
      const detail = early.settled === 'rejected' && early.error instanceof Error ? early.error.message : JSON.stringify(early);
      assert.fail(`the CTGAN run ended before it could be cancelled: ${detail}`);
    }

    await vscode.commands.executeCommand(COMMANDS.cancelRun);
    const result = await outcome;
    assert.equal(result.settled, 'rejected', 'synthesize resolved although it was cancelled');
    assert.ok(isCancellation(result.error), `rejected, but not as a cancellation: ${String(result.error)}`);
    assert.deepEqual(runFoldersFor(workspace, INPUT), runsBefore, 'a cancelled run left a run folder behind');
    // Nothing should appear late either (a worker finishing a write after the cancel).
    await sleep(1000);
    assert.deepEqual(runFoldersFor(workspace, INPUT), runsBefore, 'a run folder appeared after the cancel');
  });
});
