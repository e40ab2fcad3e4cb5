import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WEBVIEW_PROTOCOL_VERSION as v,
  parseHostMessage,
  parseWebviewMessage,
  parsePersistedState,
  isPreviewTable,
} from '../../../src/protocol/webview';
import { DEFAULT_STRINGS, formatString, resolveStrings } from '../../../src/protocol/webview-strings';

const goodProfile = {
  v,
  type: 'profile',
  columns: [
    { name: 'Quantity', role: 'quantity', type: 'numerical', reason: 'name', missingPct: 0, distinct: 3, histogram: { edges: [0, 1, 2], counts: [4, 5] } },
    { name: 'Country', role: 'categorical', type: 'categorical', reason: 'few values', missingPct: 12.5, distinct: 2, topValues: [{ value: 'UK', count: 7 }] },
  ],
  roles: ['quantity', 'categorical'],
  realPreview: { columns: ['Quantity', 'Country'], rows: [[1, 'UK'], [null, '<img src=x onerror=alert(1)>']] },
  preprocess: { rowsIn: 10, rowsOut: 8, rules: [{ id: 'dup', title: 'Exact duplicates', rowsRemoved: 2, valuesChanged: 0, columns: [], examples: [3, 'row 7', { InvoiceNo: 'C1' }] }] },
};

test('good host messages are accepted, each kind', () => {
  const msgs: unknown[] = [
    { v, type: 'init', dataset: { path: '/d/a.csv', name: 'a.csv' }, strings: { 'tab.data': 'Données' }, backend: 'wasm' },
    goodProfile,
    { v, type: 'runStarted', runId: 'r1', config: { rows: 100 }, model: 'copula' },
    { v, type: 'progress', runId: 'r1', stage: 'fitting', fraction: 0.5, step: 10, losses: { generator: 1.5, discriminator: -0.2 }, elapsedMs: 1200, etaMs: 1200 },
    { v, type: 'runFinished', runId: 'r1', outputDir: '/d/a.recsynth/1', files: ['synthetic.csv'], timings: { fitting: 10 }, syntheticPreview: { columns: ['a'], rows: [[1], [2]] }, backend: 'wasm',
      quality: { quality: { overall: 0.9, columns: [{ name: 'a', score: null, reason: 'constant', extra: 1 }] }, privacy: { verdict: 'fine', newRowSynthesis: 1 } } },
    { v, type: 'runFailed', runId: 'r1', message: 'Row 3: bad' },
    { v, type: 'runCancelled', runId: 'r1' },
    { v, type: 'runs', runs: [{ runId: 'r1', startedAt: '2026-01-01T00:00:00Z', model: 'copula', status: 'finished', config: { seed: 1 } }] },
    { v, type: 'labResult', results: [{ model: 'bpr', training: 'augmented', keep: 0.25, metrics: { 'ndcg@10': { value: 0.1, low: 0.08, high: 0.12, pValue: 0.01 } } }] },
    { v, type: 'notice', level: 'info', message: 'saved' },
  ];
  for (const m of msgs) {
    const r = parseHostMessage(m);
    assert.equal(r.ok, true, r.ok ? '' : r.reason);
  }
  const q = parseHostMessage(msgs[4]);
  assert.ok(q.ok && q.value.type === 'runFinished');
  // Loose report: unknown keys survive validation.
  assert.equal((q.value.quality?.quality.columns?.[0] as Record<string, unknown> | undefined)?.['extra'], 1);
});

test('bad host messages are rejected with a reason naming the field', () => {
  const cases: [unknown, RegExp][] = [
    [null, /object/],
    [{ v, type: 'nope' }, /type|discriminator/i],
    [{ v: 2, type: 'runCancelled', runId: 'r' }, /v/],
    [{ v, type: 'runCancelled' }, /runId/],
    [{ ...goodProfile, realPreview: { columns: ['a', 'b'], rows: [[1]] } }, /realPreview/],
    [{ ...goodProfile, realPreview: { columns: ['a'], rows: [[{}]] } }, /realPreview/],
    [{ ...goodProfile, realPreview: { columns: ['a'], rows: [[NaN]] } }, /realPreview/],
    [{ ...goodProfile, columns: [{ ...goodProfile.columns[0], histogram: { edges: [0, 1], counts: [1, 2] } }] }, /histogram/],
    [{ ...goodProfile, columns: [{ ...goodProfile.columns[0], missingPct: 101 }] }, /missingPct/],
    [{ v, type: 'progress', runId: 'r', stage: 'dancing', elapsedMs: 0 }, /stage/],
    [{ v, type: 'progress', runId: 'r', stage: 'fitting', elapsedMs: 0, losses: { g: 'high' } }, /losses/],
    [{ v, type: 'labResult', results: [{ model: 'bpr', training: 'both', keep: 1, metrics: {} }] }, /training/],
  ];
  for (const [msg, re] of cases) {
    const r = parseHostMessage(msg);
    assert.equal(r.ok, false, JSON.stringify(msg));
    if (!r.ok) assert.match(r.reason, re);
  }
});

test('webview messages: good accepted, bad rejected', () => {
  for (const m of [
    { v, type: 'ready' },
    { v, type: 'synthesize', model: 'copula', rows: 1000, seed: 0 },
    { v, type: 'synthesize', model: 'auto', rows: 5 },
    { v, type: 'cancel' },
    { v, type: 'setRole', column: 'Quantity', role: 'quantity' },
    { v, type: 'runLab' },
    { v, type: 'openOutput', path: '/d/a.recsynth/1' },
    { v, type: 'copy', text: 'x' },
  ]) {
    const r = parseWebviewMessage(m);
    assert.equal(r.ok, true, r.ok ? '' : r.reason);
  }
  for (const m of [
    { type: 'ready' },
    { v, type: 'synthesize', model: 'copula', rows: 0 },
    { v, type: 'synthesize', model: 'copula', rows: 1.5 },
    { v, type: 'synthesize', model: '', rows: 10 },
    { v, type: 'synthesize', model: 'copula', rows: 10, seed: -1 },
    { v, type: 'setRole', column: 'Quantity' },
    { v, type: 'openOutput', path: '' },
    { v, type: 'eval', code: 'alert(1)' },
    'ready',
  ]) {
    assert.equal(parseWebviewMessage(m).ok, false, JSON.stringify(m));
  }
});

test('persisted state needs a dataset path', () => {
  assert.equal(parsePersistedState({ dataset: '/d/a.csv', tab: 'data' }).ok, true);
  assert.equal(parsePersistedState({ tab: 'data' }).ok, false);
  assert.equal(parsePersistedState(undefined).ok, false);
});

test('preview table check is exact about width and cell kinds', () => {
  assert.equal(isPreviewTable({ columns: [], rows: [] }), true);
  assert.equal(isPreviewTable({ columns: ['a'], rows: [['x'], [null], [3.5]] }), true);
  assert.equal(isPreviewTable({ columns: ['a'], rows: [[Infinity]] }), false);
  assert.equal(isPreviewTable({ columns: [1], rows: [] }), false);
  assert.equal(isPreviewTable({ columns: ['a'], rows: 'x' }), false);
});

test('strings: placeholders filled, host strings override English, missing keys fall back', () => {
  assert.equal(formatString('{0} of {1} rows', 3, '10'), '3 of 10 rows');
  assert.equal(formatString('{0} and {2}', 'a'), 'a and {2}');
  const s = resolveStrings({ 'tab.data': '数据', 'tab.training': '', unknown: 'x' });
  assert.equal(s['tab.data'], '数据');
  assert.equal(s['tab.training'], DEFAULT_STRINGS['tab.training']);
  assert.equal((s as Record<string, string>)['unknown'], undefined);
});
