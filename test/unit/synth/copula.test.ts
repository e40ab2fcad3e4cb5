import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NumericColumn, StringColumn, Table } from '../../../src/core/data/table';
import { getColumn } from '../../../src/core/data/table';
import { GaussianCopula } from '../../../src/core/synth/copula';
import { createSynthesizer, loadSynthesizer } from '../../../src/core/synth/registry';
import { frequencies, ksStatistic, spearman } from '../../../src/core/synth/eval/fidelity';
import { copulaTable, ksCritical } from './fixtures';

const N_TRAIN = 4000;
const N_SAMPLE = 10_000;
const train = copulaTable(N_TRAIN);

function num(t: Table, name: string): Float64Array {
  return (getColumn(t, name) as NumericColumn).values;
}
function str(t: Table, name: string): readonly (string | null)[] {
  return (getColumn(t, name) as StringColumn).values;
}

async function fitted(seed = 11): Promise<GaussianCopula> {
  const c = new GaussianCopula({ seed });
  await c.fit(train);
  return c;
}

test('10,000 samples: numeric marginals pass the two-sample KS test (alpha 0.05)', async () => {
  const s = await (await fitted()).sample(N_SAMPLE);
  for (const name of ['price', 'count', 'when']) {
    const a = num(train, name);
    const b = num(s, name);
    const nA = a.filter((v) => !Number.isNaN(v)).length;
    const nB = b.filter((v) => !Number.isNaN(v)).length;
    const d = ksStatistic(a, b);
    assert.ok(d < ksCritical(nA, nB), `${name}: KS ${d.toFixed(4)} >= ${ksCritical(nA, nB).toFixed(4)}`);
  }
});

test('category shares and missing rates match within 4 standard errors', async () => {
  const s = await (await fitted()).sample(N_SAMPLE);
  const se = (p: number): number => Math.sqrt(p * (1 - p) * (1 / N_TRAIN + 1 / N_SAMPLE));
  const real = frequencies(str(train, 'category'));
  const synth = frequencies(str(s, 'category'));
  for (const [k, p] of real) {
    const q = synth.get(k) ?? 0;
    assert.ok(Math.abs(p - q) < 4 * se(p), `category ${k}: real ${p}, synthetic ${q}`);
  }
  const missing = (v: Float64Array): number => v.filter((x) => Number.isNaN(x)).length / v.length;
  const p = missing(num(train, 'price'));
  assert.ok(Math.abs(p - missing(num(s, 'price'))) < 4 * se(p));
});

test('Spearman rank correlations match the training data (tolerance 4 standard errors)', async () => {
  const s = await (await fitted()).sample(N_SAMPLE);
  const tol = 4 * Math.sqrt(1 / N_TRAIN + 1 / N_SAMPLE);
  const pairs: [string, string][] = [
    ['price', 'count'],
    ['price', 'when'],
    ['count', 'when'],
  ];
  for (const [a, b] of pairs) {
    const real = spearman(num(train, a), num(train, b));
    const syn = spearman(num(s, a), num(s, b));
    assert.ok(Math.abs(real - syn) < tol, `${a}|${b}: real ${real.toFixed(3)}, synthetic ${syn.toFixed(3)}, tol ${tol.toFixed(3)}`);
  }
  assert.ok(spearman(num(train, 'price'), num(train, 'count')) > 0.5, 'the fixture has a strong dependence to recover');
});

test('integer and datetime columns stay whole, values stay within the observed range', async () => {
  const s = await (await fitted()).sample(N_SAMPLE);
  for (const name of ['count', 'when', 'price']) {
    const real = num(train, name).filter((v) => !Number.isNaN(v));
    const lo = Math.min(...real);
    const hi = Math.max(...real);
    for (const v of num(s, name)) {
      if (Number.isNaN(v)) continue;
      assert.ok(v >= lo && v <= hi, `${name}: ${v} outside [${lo}, ${hi}]`);
      if (name !== 'price') assert.ok(Number.isInteger(v), `${name}: ${v} is not whole`);
    }
  }
  assert.equal(getColumn(s, 'when').type, 'datetime');
  assert.equal((getColumn(s, 'count') as NumericColumn).integer, true);
});

test('text and id columns are resampled from observed values', async () => {
  const s = await (await fitted()).sample(2000);
  const seen = new Set(str(train, 'desc'));
  for (const v of str(s, 'desc')) assert.ok(seen.has(v), `unseen text ${v}`);
  const ids = new Set(str(train, 'id'));
  for (const v of str(s, 'id')) assert.ok(v !== null && ids.has(v));
  const nullShare = str(s, 'desc').filter((v) => v === null).length / 2000;
  assert.ok(Math.abs(nullShare - 0.1) < 0.04, `text missing share ${nullShare}`);
});

test('same seed gives the same samples; another seed gives others', async () => {
  const a = await (await fitted(5)).sample(500);
  const b = await (await fitted(5)).sample(500);
  const c = await (await fitted(5)).sample(500, { seed: 6 });
  assert.deepEqual(num(a, 'price'), num(b, 'price'));
  assert.deepEqual(str(a, 'category'), str(b, 'category'));
  assert.notDeepEqual(num(a, 'price'), num(c, 'price'));
});

test('save then loadSynthesizer gives identical samples', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'copula-'));
  try {
    const model = createSynthesizer('copula', { seed: 9 });
    await model.fit(train);
    await model.save(dir);
    const loaded = await loadSynthesizer(dir);
    assert.equal(loaded.kind, 'copula');
    for (const opts of [{}, { seed: 77 }, { seed: 77, conditions: { category: 'garden' } }]) {
      const x = await model.sample(300, opts);
      const y = await loaded.sample(300, opts);
      assert.deepEqual(y, x);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('conditioning on a category gives only that category and the right conditional distribution', async () => {
  const model = await fitted();
  const s = await model.sample(4000, { conditions: { category: 'garden' } });
  assert.ok(str(s, 'category').every((v) => v === 'garden'));
  // The copula attenuates how strongly a category depends on a numeric column (a category's score is
  // a uniform draw inside its interval, independent of the other columns), so the conditional price
  // distribution is close to the real one but not exact: KS below 0.1 here, and far from the marginal.
  const cat = str(train, 'category');
  const realPrice = num(train, 'price').filter((v, i) => cat[i] === 'garden' && !Number.isNaN(v));
  const synthPrice = num(s, 'price').filter((v) => !Number.isNaN(v));
  const d = ksStatistic(Float64Array.from(realPrice), synthPrice);
  assert.ok(d < 0.1, `KS ${d} for price | garden`);
  const marginal = ksStatistic(num(train, 'price'), synthPrice);
  assert.ok(marginal > 3 * d, `conditional KS ${d} should be well below the marginal's ${marginal}`);
});

test('conditioning on a numeric value and on two columns at once', async () => {
  const model = await fitted();
  const s = await model.sample(1000, { conditions: { count: 3, category: 'home' } });
  assert.ok(num(s, 'count').every((v) => v === 3));
  assert.ok(str(s, 'category').every((v) => v === 'home'));
  const realRows = num(train, 'price').filter((v, i) => num(train, 'count')[i] === 3 && str(train, 'category')[i] === 'home' && !Number.isNaN(v));
  const synthPrice = num(s, 'price').filter((v) => !Number.isNaN(v));
  const d = ksStatistic(Float64Array.from(realRows), synthPrice);
  // Same attenuation as above, plus a small real group: KS critical value at alpha 0.01 plus 0.1.
  const crit = 1.63 * Math.sqrt((realRows.length + synthPrice.length) / (realRows.length * synthPrice.length));
  assert.ok(d < crit + 0.1, `KS ${d} (n=${realRows.length})`);
});

test('errors name the column and what to do', async () => {
  const model = await fitted();
  await assert.rejects(model.sample(10, { conditions: { category: 'toys' } }), /never occurs in column "category".*Known values include: gift/);
  await assert.rejects(model.sample(10, { conditions: { colour: 'red' } }), /no such column \(it has price, count/);
  await assert.rejects(model.sample(10, { conditions: { count: 'many' } }), /column "count" is numeric/);
  await assert.rejects(new GaussianCopula().sample(5), /not fitted yet/);
  await assert.rejects(loadSynthesizer('/nonexistent-dir'), /Cannot read .*synthesizer.json/);
});

test('fit stops when the signal is aborted and reports progress', async () => {
  const ctrl = new AbortController();
  ctrl.abort();
  await assert.rejects(new GaussianCopula().fit(train, { signal: ctrl.signal }), /cancelled/);
  const fractions: number[] = [];
  await new GaussianCopula().fit(train, { onProgress: (e) => fractions.push(e.fraction ?? -1) });
  assert.equal(fractions.at(-1), 1);
});
