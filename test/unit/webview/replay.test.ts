import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PROGRESS_KEPT, ReplayState } from '../../../src/extension/dashboard/replayState';
import type { HostMessage } from '../../../src/protocol/webview';

const v = 1 as const;
const profile: HostMessage = { v, type: 'profile', columns: [], roles: [], realPreview: { columns: [], rows: [] } };
const started = (runId: string): HostMessage => ({ v, type: 'runStarted', runId, config: {}, model: 'copula' });
const progress = (runId: string, step: number): HostMessage => ({ v, type: 'progress', runId, stage: 'fitting', step, elapsedMs: step });
const finished = (runId: string): HostMessage => ({
  v, type: 'runFinished', runId, outputDir: '/o', files: [], timings: {}, syntheticPreview: { columns: [], rows: [] }, backend: 'cpu',
});

test('replay rebuilds profile, run start, its progress and outcome in order; notices are not replayed', () => {
  const s = new ReplayState();
  assert.equal(s.hasProfile, false);
  s.record({ v, type: 'notice', level: 'info', message: 'x' });
  s.record(profile);
  s.record(started('r1'));
  s.record(progress('r1', 1));
  s.record(progress('other', 9)); // a stray event from another run is ignored
  s.record(progress('r1', 2));
  s.record(finished('r1'));
  assert.equal(s.hasProfile, true);
  assert.deepEqual(
    s.replay().map((m) => (m.type === 'progress' ? `progress:${m.step}` : m.type)),
    ['profile', 'runStarted', 'progress:1', 'progress:2', 'runFinished'],
  );
});

test('a new run clears the old progress but keeps the last finished result on show', () => {
  const s = new ReplayState();
  s.record(started('r1'));
  s.record(progress('r1', 1));
  s.record(finished('r1'));
  s.record(started('r2'));
  s.record(progress('r2', 5));
  s.record({ v, type: 'runFailed', runId: 'r2', message: 'boom' });
  const types = s.replay().map((m) => `${m.type}:${'runId' in m ? m.runId : ''}`);
  assert.deepEqual(types, ['runFinished:r1', 'runStarted:r2', 'progress:r2', 'runFailed:r2']);
});

test('a failed lab run does not hide the previous lab result', () => {
  const s = new ReplayState();
  s.record({ v, type: 'labResult', results: [] });
  s.record({ v, type: 'labStarted' });
  s.record({ v, type: 'labFailed', message: 'no events' });
  assert.deepEqual(s.replay().map((m) => m.type), ['labResult', 'labFailed']);
});

test('progress history is thinned, newest kept, never above the cap', () => {
  const s = new ReplayState();
  s.record(started('r'));
  const n = MAX_PROGRESS_KEPT * 3;
  for (let i = 0; i < n; i++) s.record(progress('r', i));
  const steps = s.replay().flatMap((m) => (m.type === 'progress' ? [m.step ?? -1] : []));
  assert.ok(steps.length <= MAX_PROGRESS_KEPT, `${steps.length}`);
  assert.ok(steps.length > MAX_PROGRESS_KEPT / 2);
  assert.equal(steps[steps.length - 1], n - 1);
  assert.equal(steps[0], 0, 'the start of the curve survives thinning');
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i]! > steps[i - 1]!);
});
