import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleRows } from '../../../webview/src/table/range';
import { cellText, columnWidths, filterRows } from '../../../webview/src/table/filter';
import { overlayDistribution } from '../../../webview/src/charts/overlay';
import { formatMetric, labCell, labTsv, metricNames, significanceMark, sortLabRows } from '../../../webview/src/tabs/labTable';
import { differingKeys, parseRows, parseSeed } from '../../../webview/src/tabs/formValues';
import { formatDuration, formatNumber, formatScore } from '../../../webview/src/format';
import type { LabRow } from '../../../src/protocol/webview';

test('visible rows: top of the table, hand-worked', () => {
  // 24 px rows, 24 px header, 240 px viewport: body shows 216 px = 9 rows (0..8), overscan 2 -> 0..11.
  const w = visibleRows({ scrollTop: 0, viewportHeight: 240, rowHeight: 24, rowCount: 100_000, headerHeight: 24, overscan: 2 });
  assert.deepEqual(w, { start: 0, end: 11, padTop: 0, padBottom: (100_000 - 11) * 24 });
});

test('visible rows: middle, partial rows at both edges', () => {
  // scrollTop 1000: first visible row floor(1000/24) = 41; body bottom at 1000+216 = 1216 -> ceil(1216/24) = 51 (exclusive).
  const w = visibleRows({ scrollTop: 1000, viewportHeight: 240, rowHeight: 24, rowCount: 100_000, headerHeight: 24, overscan: 3 });
  assert.equal(w.start, 38);
  assert.equal(w.end, 54);
  assert.equal(w.padTop, 38 * 24);
  assert.equal(w.padTop + (w.end - w.start) * 24 + w.padBottom, 100_000 * 24, 'padding + rows span the whole table');
});

test('visible rows: bottom, over-scrolled, empty and tiny tables', () => {
  const n = 100_000;
  const bottom = visibleRows({ scrollTop: 1e12, viewportHeight: 240, rowHeight: 24, rowCount: n, headerHeight: 24, overscan: 2 });
  assert.equal(bottom.end, n);
  assert.equal(bottom.padBottom, 0);
  // max scroll = 24 + n*24 - 240; first row = floor(maxScroll/24) = n - 9, minus overscan 2.
  assert.equal(bottom.start, n - 9 - 2);
  assert.deepEqual(visibleRows({ scrollTop: 50, viewportHeight: 240, rowHeight: 24, rowCount: 0 }), { start: 0, end: 0, padTop: 0, padBottom: 0 });
  assert.deepEqual(visibleRows({ scrollTop: -5, viewportHeight: 240, rowHeight: 24, rowCount: 3 }), { start: 0, end: 3, padTop: 0, padBottom: 0 });
  assert.throws(() => visibleRows({ scrollTop: 0, viewportHeight: 10, rowHeight: 0, rowCount: 3 }), /Row height/);
});

test('visible rows never renders more than the viewport plus overscan, anywhere in 100,000 rows', () => {
  for (let top = 0; top < 2_400_000; top += 7919) {
    const w = visibleRows({ scrollTop: top, viewportHeight: 480, rowHeight: 24, rowCount: 100_000, headerHeight: 24, overscan: 8 });
    assert.ok(w.end - w.start <= Math.ceil(456 / 24) + 1 + 16, `${top}: ${w.end - w.start}`);
    assert.ok(w.start <= Math.floor(top / 24) && w.end >= Math.min(100_000, Math.ceil((top + 456) / 24)));
  }
});

test('cell text: values as text, missing as empty; nothing is interpreted', () => {
  assert.equal(cellText(null), '');
  assert.equal(cellText(undefined), '');
  assert.equal(cellText(3.5), '3.5');
  assert.equal(cellText(-0), '0');
  const xss = '<img src=x onerror=alert(1)>';
  assert.equal(cellText(xss), xss);
});

test('filterRows: one column or all, case-insensitive, empty query keeps all', () => {
  const rows = [
    ['France', 3],
    ['United Kingdom', 12],
    [null, 30],
    ['france', 1],
  ];
  assert.deepEqual([...filterRows(rows, 0, 'FRANCE')], [0, 3]);
  assert.deepEqual([...filterRows(rows, 1, '3')], [0, 2]);
  assert.deepEqual([...filterRows(rows, -1, '1')], [1, 3]);
  assert.deepEqual([...filterRows(rows, 0, '  ')], [0, 1, 2, 3]);
  assert.deepEqual([...filterRows(rows, 0, 'null')], [], 'a missing cell does not match the word null');
});

test('column widths from header and data, clamped', () => {
  assert.deepEqual(columnWidths(['a', 'Description'], [['x', 'y'.repeat(100)]]), [6, 40]);
});

test('overlay: numeric values share edges, both sides are frequencies', () => {
  const d = overlayDistribution([0, 1, 2, 3, null], [3, 3, 3, 3], 3);
  assert.ok(d && d.kind === 'histogram');
  assert.deepEqual(d.edges, [0, 1, 2, 3]);
  assert.deepEqual(d.real, [0.25, 0.25, 0.5]);
  assert.deepEqual(d.synthetic, [0, 0, 1]);
});

test('overlay: categories ranked by the larger share on either side', () => {
  const d = overlayDistribution(['UK', 'UK', 'UK', 'FR'], ['DE', 'DE', 'DE', 'DE', 'UK'], 20, 2);
  assert.ok(d && d.kind === 'categories');
  assert.deepEqual(d.categories, ['DE', 'UK']); // DE 0.8 synthetic beats UK 0.75 real; FR drops out
  assert.deepEqual(d.real, [0, 0.75]);
  assert.deepEqual(d.synthetic, [0.8, 0.2]);
  assert.equal(overlayDistribution([null], [null]), null);
  const mixed = overlayDistribution([1, 'a'], [2]);
  assert.equal(mixed?.kind, 'categories');
});

test('lab table: intervals, significance marks, direction against the real-only baseline', () => {
  const rows: LabRow[] = [
    { model: 'bpr', training: 'augmented', keep: 0.25, metrics: { 'ndcg@10': { value: 0.05, low: 0.04, high: 0.06, pValue: 0.004 } } },
    { model: 'bpr', training: 'real', keep: 0.25, metrics: { 'ndcg@10': { value: 0.04, low: 0.035, high: 0.045 } } },
    { model: 'bpr', training: 'synthetic', keep: 0.25, metrics: { 'ndcg@10': { value: 0.03, pValue: 0.03 }, 'recall@20': { value: 0.1 } } },
    { model: 'bpr', training: 'real', keep: 1, metrics: { 'ndcg@10': { value: 0.06 } } },
  ];
  assert.deepEqual(metricNames(rows), ['ndcg@10', 'recall@20']);
  assert.deepEqual(metricNames(rows, ['recall@20']), ['recall@20']);
  assert.deepEqual(labCell(rows[0]!, 'ndcg@10', rows), { text: '0.0500 [0.0400, 0.0600]', mark: '**', direction: 'up' });
  assert.deepEqual(labCell(rows[2]!, 'ndcg@10', rows), { text: '0.0300', mark: '*', direction: 'down' });
  assert.deepEqual(labCell(rows[1]!, 'ndcg@10', rows), { text: '0.0400 [0.0350, 0.0450]', mark: '', direction: '' });
  assert.deepEqual(labCell(rows[2]!, 'recall@20', rows), { text: '0.1000', mark: '', direction: '' }, 'no baseline value: no direction');
  assert.equal(significanceMark(0.05), '');
  assert.equal(significanceMark(undefined), '');
  assert.equal(formatMetric(undefined), '');
  assert.deepEqual(sortLabRows(rows).map((r) => `${r.keep}:${r.training}`), ['1:real', '0.25:real', '0.25:augmented', '0.25:synthetic']);
});

test('form values: rows and seed parsing', () => {
  assert.equal(parseRows('5000'), 5000);
  assert.equal(parseRows(' 100,000 '), 100_000);
  assert.equal(parseRows('0'), null);
  assert.equal(parseRows('1.5'), null);
  assert.equal(parseRows('-3'), null);
  assert.equal(parseRows('10000001'), null);
  assert.equal(parseRows('1e3'), null);
  assert.equal(parseSeed(''), undefined);
  assert.equal(parseSeed('42'), 42);
  assert.equal(parseSeed('-1'), null);
  assert.equal(parseSeed('4294967296'), null);
});

test('differing config keys between runs', () => {
  assert.deepEqual([...differingKeys([{ model: 'a', rows: 5, seed: 1 }, { model: 'b', rows: 5, epochs: 3, seed: 1 }])].sort(), ['epochs', 'model']);
  assert.deepEqual([...differingKeys([{ x: [1, 2] }, { x: [1, 2] }])], []);
});

test('formatting: durations, scores, numbers', () => {
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(12_340), '12.3s');
  assert.equal(formatDuration(185_000), '3m 05s');
  assert.equal(formatDuration(3_720_000), '1h 02m');
  assert.equal(formatDuration(-1), '');
  assert.equal(formatScore(0.8734, 'n/a'), '87.3%');
  assert.equal(formatScore(null, 'n/a'), 'n/a');
  assert.equal(formatNumber(320705, 'en-US'), '320,705');
  assert.equal(formatNumber(0.123456, 'en-US'), '0.1235');
  assert.equal(formatNumber(0.00001234, 'en-US'), '1.23e-5');
});

test('lab table as TSV: one line per experiment, tabs in names flattened, empty where unknown', () => {
  const rows: LabRow[] = [
    { model: 'bpr', training: 'augmented', keep: 0.25, ratio: 1, metrics: { 'ndcg@10': { value: 0.05, low: 0.04, high: 0.06, pValue: 0.004 } } },
    { model: 'item\tknn', training: 'real', keep: 1, group: 'cold', metrics: {} },
  ];
  assert.equal(
    labTsv(rows, ['ndcg@10']),
    [
      'model\ttraining\tratio\tkeep\tgroup\tndcg@10\tndcg@10 low\tndcg@10 high\tndcg@10 p',
      'bpr\taugmented\t1\t0.25\t\t0.05\t0.04\t0.06\t0.004',
      'item knn\treal\t\t1\tcold\t\t\t\t',
    ].join('\n'),
  );
});
