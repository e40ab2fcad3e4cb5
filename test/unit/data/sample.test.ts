// The shipped sample is small and keeps the dirt the preprocessing report is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { loadInteractions } from '../../../src/core/data/interactions-load';

test('samples/online-retail-sample.csv is under 5 MB and every kind of dirt in it is counted', async () => {
  const path = 'samples/online-retail-sample.csv';
  assert.ok(statSync(path).size < 5 * 1024 * 1024);
  const { report, interactions } = await loadInteractions(path, { useOverrides: false });
  assert.equal(report.rowsIn, 26_069);
  for (const id of ['cancellations', 'non_positive_quantity', 'non_product', 'non_positive_price', 'missing_key', 'duplicates'] as const) {
    assert.ok((report.rules.find((r) => r.id === id)?.rowsRemoved ?? 0) > 0, `${id} should remove rows from the sample`);
  }
  assert.equal(report.rowsIn - report.rules.reduce((s, r) => s + r.rowsRemoved, 0), report.rowsOut);
  assert.equal(interactions.userIds.length, 270);
});
