import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTable } from '../../../src/core/data/table';
import { histogramOf } from '../../../src/core/profile/histogram';
import { topValuesOf } from '../../../src/core/profile/topValues';
import { profileTable } from '../../../src/core/profile/profile';
import { columnProfile } from '../../../src/protocol/webview';

test('equal-width histogram: hand-worked bins, max lands in the last bin, NaN ignored', () => {
  // min 0, max 10, 5 bins of width 2: [0,2) [2,4) [4,6) [6,8) [8,10]
  const h = histogramOf(new Float64Array([0, 1, 2, 3.9, 4, 9.99, 10, NaN]), 5, false);
  assert.deepEqual(h, { edges: [0, 2, 4, 6, 8, 10], counts: [2, 2, 1, 0, 2] });
});

test('integer column with few steps gets one bin per integer, centred on it', () => {
  const h = histogramOf(new Float64Array([1, 1, 2, 4, NaN, 4, 4]), 20, true);
  assert.deepEqual(h, { edges: [0.5, 1.5, 2.5, 3.5, 4.5], counts: [2, 1, 0, 3] });
});

test('integer column with a wide range falls back to equal-width bins', () => {
  const h = histogramOf(new Float64Array([0, 100]), 4, true);
  assert.deepEqual(h, { edges: [0, 25, 50, 75, 100], counts: [1, 0, 0, 1] });
});

test('constant and empty numeric columns', () => {
  assert.deepEqual(histogramOf(new Float64Array([2.5, 2.5, 2.5]), 10, false), { edges: [2.5, 2.5], counts: [3] });
  assert.equal(histogramOf(new Float64Array([NaN, NaN]), 10, false), null);
  assert.throws(() => histogramOf(new Float64Array([1]), 0, false), /whole number of bins/);
});

test('top values: most frequent first, ties by value, other and distinct counted', () => {
  const t = topValuesOf(['b', 'a', 'c', 'a', null, 'b', 'd', 'a'], 2);
  // a:3, b:2, c:1, d:1 -> top a, b; other = 7 present - 5 = 2
  assert.deepEqual(t.top, [
    { value: 'a', count: 3 },
    { value: 'b', count: 2 },
  ]);
  assert.equal(t.otherCount, 2);
  assert.equal(t.distinct, 4);
  const tie = topValuesOf(['z', 'y', 'x'], 2);
  assert.deepEqual(tie.top.map((x) => x.value), ['x', 'y']);
});

test('profileTable on a hand-worked table: missing %, distinct, stats, roles', () => {
  const table = makeTable([
    { name: 'Quantity', type: 'numerical', values: new Float64Array([1, 2, 2, NaN]), integer: true },
    { name: 'Country', type: 'categorical', values: ['UK', null, 'UK', 'France'] },
    { name: 'Description', type: 'text', values: [null, null, null, null] },
  ]);
  const roles = new Map([['Quantity', { role: 'quantity', reason: 'name matches quantity' }]]);
  const [q, c, d] = profileTable(table, { roles, topK: 5 });
  assert.ok(q && c && d);
  assert.equal(q.role, 'quantity');
  assert.equal(q.reason, 'name matches quantity');
  assert.equal(q.missingPct, 25);
  assert.equal(q.distinct, 2);
  assert.equal(q.min, 1);
  assert.equal(q.max, 2);
  assert.equal(q.mean, 5 / 3);
  assert.deepEqual(q.histogram, { edges: [0.5, 1.5, 2.5], counts: [1, 2] });
  assert.equal(q.topValues, undefined);

  assert.equal(c.role, 'categorical'); // from the type, no role given
  assert.equal(c.missingPct, 25);
  assert.equal(c.distinct, 2);
  assert.deepEqual(c.topValues, [
    { value: 'UK', count: 2 },
    { value: 'France', count: 1 },
  ]);
  assert.equal(c.otherCount, 0);

  assert.equal(d.missingPct, 100);
  assert.equal(d.distinct, 0);
  assert.deepEqual(d.topValues, []);
});

test('datetime columns get a histogram over epoch milliseconds; profiles satisfy the webview protocol', () => {
  const day = 86_400_000;
  const table = makeTable([{ name: 'InvoiceDate', type: 'datetime', values: new Float64Array([0, day, 2 * day, 4 * day]) }]);
  const profiles = profileTable(table, { bins: 2 });
  const p = profiles[0]!;
  assert.equal(p.role, 'timestamp');
  assert.deepEqual(p.histogram, { edges: [0, 2 * day, 4 * day], counts: [2, 2] });
  for (const prof of profiles) assert.equal(columnProfile.safeParse(prof).success, true);
});

test('profiles of an empty table: no division by zero', () => {
  const table = makeTable([{ name: 'x', type: 'numerical', values: new Float64Array(0) }]);
  const [p] = profileTable(table);
  assert.equal(p?.missingPct, 0);
  assert.equal(p?.histogram, undefined);
  assert.equal(p?.mean, undefined);
});

test('previewOf: first rows as plain cells, datetimes as UTC text, missing as null', async () => {
  const { previewOf } = await import('../../../src/core/profile/preview');
  const { isPreviewTable } = await import('../../../src/protocol/webview');
  const table = makeTable([
    { name: 'When', type: 'datetime', values: new Float64Array([Date.UTC(2011, 4, 17, 10, 34), Date.UTC(2011, 0, 2), NaN]) },
    { name: 'Qty', type: 'numerical', values: new Float64Array([3, NaN, 1.5]) },
    { name: 'Country', type: 'categorical', values: ['UK', null, 'FR'] },
  ]);
  const p = previewOf(table, 2);
  assert.deepEqual(p, {
    columns: ['When', 'Qty', 'Country'],
    rows: [
      ['2011-05-17 10:34:00', 3, 'UK'],
      ['2011-01-02', null, null],
    ],
  });
  assert.equal(isPreviewTable(p), true);
  assert.equal(previewOf(table, 100).rows.length, 3);
  assert.equal(previewOf(table, 0).rows.length, 0);
});
