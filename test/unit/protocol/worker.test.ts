import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostToWorker, parseMessage, workerToHost } from '../../../src/protocol/worker';

const job = { kind: 'synthesize', input: '/d/x.csv', rows: 10, seed: 1, model: 'copula', backend: 'wasm', table: 'auto', privacyGate: true };

test('a well-formed run message is accepted', () => {
  const r = parseMessage(hostToWorker, { v: 1, type: 'run', jobId: 'a', job });
  assert.equal(r.ok, true);
});

test('bad host messages are rejected with the offending path', () => {
  const cases: [unknown, RegExp][] = [
    [{ v: 2, type: 'run', jobId: 'a', job }, /v/],
    [{ v: 1, type: 'run', jobId: 'a', job: { ...job, rows: -5 } }, /job\.rows/],
    [{ v: 1, type: 'run', jobId: 'a', job: { ...job, model: 'gpt' } }, /job\.model/],
    [{ v: 1, type: 'run', jobId: 'a', job: { ...job, kind: 'format-disk' } }, /job\.kind/],
    [{ v: 1, type: 'explode' }, /type/],
    ['run', /root/],
    [null, /root/],
  ];
  for (const [raw, why] of cases) {
    const r = parseMessage(hostToWorker, raw);
    assert.equal(r.ok, false, JSON.stringify(raw));
    if (!r.ok) assert.match(r.reason, why);
  }
});

test('worker messages: progress with a non-numeric loss and errors of unknown kind are rejected', () => {
  assert.equal(parseMessage(workerToHost, { v: 1, type: 'progress', jobId: 'a', elapsedMs: 5, event: { stage: 'fitting', losses: { g: 0.5 } } }).ok, true);
  assert.equal(parseMessage(workerToHost, { v: 1, type: 'progress', jobId: 'a', elapsedMs: 5, event: { stage: 'fitting', losses: { g: 'x' } } }).ok, false);
  assert.equal(parseMessage(workerToHost, { v: 1, type: 'progress', jobId: 'a', elapsedMs: 5, event: { stage: 'dreaming' } }).ok, false);
  assert.equal(parseMessage(workerToHost, { v: 1, type: 'error', jobId: 'a', kind: 'oops', message: 'm' }).ok, false);
  assert.equal(parseMessage(workerToHost, { v: 1, type: 'error', jobId: 'a', kind: 'input', message: 'data.csv, line 3: ...' }).ok, true);
});
