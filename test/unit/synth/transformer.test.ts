import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column, NumericColumn, StringColumn } from '../../../src/core/data/table';
import { getColumn, makeTable } from '../../../src/core/data/table';
import { Rng } from '../../../src/core/runtime/rng';
import { DataTransformer } from '../../../src/core/synth/transformer';
import { fitMixture } from '../../../src/core/synth/math/gmm';
import { copulaTable } from './fixtures';

test('the mixture finds two modes in a bimodal column and drops unneeded ones', () => {
  const rng = new Rng(1);
  const x = Float64Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 5 : -2) + 0.3 * rng.normal());
  const m = fitMixture(x, new Rng(2));
  const heavy = m.weights.filter((w) => w > 0.05).length;
  assert.equal(heavy, 2, `weights ${m.weights.map((w) => w.toFixed(3)).join(' ')}`);
  assert.ok(m.weights.length <= 10 && m.weights.every((w) => w >= 0.005));
  assert.ok(Math.abs(m.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  const near5 = m.means.findIndex((mu) => Math.abs(mu - 5) < 0.1);
  assert.ok(near5 >= 0 && Math.abs(m.weights[near5]! - 1 / 3) < 0.05);
});

test('layout: spans tile the row, activations by role, categorical spans form the condition vector', () => {
  const t = copulaTable(800);
  const tr = DataTransformer.fit(t, new Rng(1));
  const { spans, dim, conditionSpans, condDim } = tr.layout;
  let at = 0;
  for (const s of spans) {
    assert.equal(s.start, at);
    at += s.size;
    assert.equal(s.activation, s.role === 'value' ? 'tanh' : 'softmax');
  }
  assert.equal(at, dim);
  assert.deepEqual(conditionSpans.map((s) => s.name), ['category']);
  assert.equal(condDim, 4); // home, gift, garden and null
  // price has missing values: it gets an indicator; count does not.
  assert.ok(spans.some((s) => s.name === 'price' && s.role === 'missing'));
  assert.ok(!spans.some((s) => s.name === 'count' && s.role === 'missing'));
  assert.ok(!spans.some((s) => s.name === 'desc' || s.name === 'id'), 'text and id columns are not modelled');
});

test('inverse(transform(x)) returns x (float tolerance for continuous, exact otherwise)', () => {
  const rng = new Rng(4);
  const base = copulaTable(1500);
  const bimodal = Float64Array.from({ length: 1500 }, (_, i) => (i % 4 === 0 ? 1000 : 10) + rng.normal());
  const t = makeTable([...base.columns, { name: 'bimodal', type: 'numerical', values: bimodal }]);
  const tr = DataTransformer.fit(t, new Rng(1));
  const x = tr.transform(t, new Rng(2));
  for (let i = 0; i < x.n; i++) {
    for (const s of tr.layout.spans) {
      if (s.activation !== 'softmax') continue;
      let sum = 0;
      for (let k = 0; k < s.size; k++) sum += x.data[i * x.dim + s.start + k]!;
      assert.equal(sum, 1, `row ${i} span ${s.name}/${s.role} is not one-hot`);
    }
  }
  const back = tr.inverse(x.data, x.n, new Rng(3));
  for (const name of ['price', 'count', 'when', 'bimodal']) {
    const a = (getColumn(t, name) as NumericColumn).values;
    const b = (getColumn(back, name) as NumericColumn).values;
    const present = a.filter((v) => !Number.isNaN(v));
    const range = Math.max(...present) - Math.min(...present);
    for (let i = 0; i < a.length; i++) {
      if (Number.isNaN(a[i]!)) {
        assert.ok(Number.isNaN(b[i]!), `${name} row ${i}: missing value not kept`);
        continue;
      }
      // float32 keeps ~7 digits of the normalised value; whole-number columns round back exactly
      // unless their range is in the millions (the datetime, in ms).
      const tol = name === 'count' ? 0 : 1e-5 * range;
      assert.ok(Math.abs(a[i]! - b[i]!) <= tol, `${name} row ${i}: ${a[i]} -> ${b[i]}`);
    }
  }
  assert.deepEqual((getColumn(back, 'category') as StringColumn).values, (getColumn(t, 'category') as StringColumn).values);
  assert.ok(tr.layout.spans.find((s) => s.name === 'bimodal' && s.role === 'mode')!.size >= 2);
});

test('transformer state survives JSON and rejects unseen categories with the row and column', () => {
  const t = copulaTable(300);
  const tr = DataTransformer.fit(t, new Rng(1));
  const copy = new DataTransformer(JSON.parse(JSON.stringify(tr.state)));
  assert.deepEqual(copy.layout, tr.layout);
  const a = tr.transform(t, new Rng(5));
  const b = copy.transform(t, new Rng(5));
  assert.deepEqual(a.data, b.data);
  const bad = makeTable(
    t.columns.map((c): Column => (c.name === 'category' ? { name: c.name, type: 'categorical', values: ['toys', ...(c as StringColumn).values.slice(1)] } : c)),
  );
  assert.throws(() => tr.transform(bad, new Rng(1)), /Row 1, column "category": value "toys" was not seen/);
});
