// Hand-computed values and invariants for the metrics beyond the golden file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTable, type Table } from '../../../src/core/data/table';
import { Rng } from '../../../src/core/runtime/rng';
import { BoundaryAdherence } from '../../../src/core/quality/boundaryAdherence';
import { CategoryAdherence } from '../../../src/core/quality/categoryAdherence';
import { ContingencySimilarity } from '../../../src/core/quality/contingencySimilarity';
import { CorrelationSimilarity } from '../../../src/core/quality/correlationSimilarity';
import { cramersV, cramersVDense } from '../../../src/core/quality/cramersV';
import { nearestDistances } from '../../../src/core/quality/dcr';
import { computeDiversity } from '../../../src/core/quality/diversity';
import { EventOrderConsistency } from '../../../src/core/quality/eventOrder';
import { KeyUniqueness } from '../../../src/core/quality/keyUniqueness';
import { KSComplement } from '../../../src/core/quality/ksComplement';
import { inferMetadata, parseMetadata } from '../../../src/core/quality/metadata';
import { NewRowSynthesis } from '../../../src/core/quality/newRowSynthesis';
import { NNDR } from '../../../src/core/quality/nndr';
import { prepareTable, type PreparedTable } from '../../../src/core/quality/prepared';
import { privacyGate } from '../../../src/core/quality/privacyGate';
import { ReferentialIntegrity } from '../../../src/core/quality/referentialIntegrity';
import { rocAuc } from '../../../src/core/quality/rocAuc';
import { averageRanks, histogramBinEdges, digitize, rint, roundDecimals } from '../../../src/core/quality/stats';
import { TimeOrderConsistency } from '../../../src/core/quality/timeOrder';
import { TVComplement } from '../../../src/core/quality/tvComplement';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

test('TVComplement: plain frequencies, and the 1e-6 count for an unseen category', () => {
  assert.equal(TVComplement.computeBreakdown(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']).score, 0.75);
  // Real {a:1, b:1} + unseen c at 1e-6: real total 2.000001. Synthetic {a:1, c:1}.
  const r = TVComplement.computeBreakdown(['a', 'b'], ['a', 'c']);
  const total = 2 + 1e-6;
  const expected = 1 - 0.5 * (Math.abs(0.5 - 1 / total) + Math.abs(0 - 1 / total) + Math.abs(0.5 - 1e-6 / total));
  assert.equal(r.score, expected);
  assert.deepEqual(TVComplement.computeBreakdown([null], ['a']).score, null);
});

test('KSComplement: D statistic by hand, missing values dropped, empty -> not applicable', () => {
  // ECDFs of {1,2,3} and {2,3,4}: largest gap 1/3 (at 1 and at 3).
  const r = KSComplement.computeBreakdown(f([1, 2, 3]), f([2, 3, 4, Number.NaN]));
  assert.ok(r.score !== null);
  assert.ok(Math.abs(r.score - 2 / 3) < 1e-15);
  const none = KSComplement.computeBreakdown(f([Number.NaN]), f([1]));
  assert.equal(none.score, null);
  assert.match((none as { reason: string }).reason, /KSComplement/);
});

test('numpy-compatible helpers: rint ties to even, round to decimals, bin edges, digitize', () => {
  assert.deepEqual([rint(0.5), rint(1.5), rint(2.5), rint(-0.5), rint(-1.5)], [0, 2, 2, -0, -2]);
  assert.equal(roundDecimals(0.1 + 0.2, 14), 0.3);
  const e = histogramBinEdges(f([0, 10]), 10);
  assert.equal(e[0], 0);
  assert.equal(e[10], 10);
  assert.equal(digitize(10, e), 11); // the max lands past the last edge (report binning quirk)
  assert.equal(digitize(-1, e), 0);
  assert.equal(digitize(Number.NaN, e), 11);
  assert.deepEqual(Array.from(histogramBinEdges(f([3, 3]), 2)), [2.5, 3, 3.5]);
  assert.deepEqual(Array.from(averageRanks(f([10, 20, 20, 5]))), [2, 3.5, 3.5, 1]);
});

test('Boundary and category adherence', () => {
  const b = BoundaryAdherence.computeBreakdown(f([0, 10]), f([0, 5, 10, 11, Number.NaN]));
  assert.ok(b.score !== null);
  assert.equal(b.score, 0.75);
  assert.equal(b.outOfBounds, 1);
  const c = CategoryAdherence.computeBreakdown(['a', 'b', null], ['a', 'z', null, 'b']);
  assert.ok(c.score !== null);
  assert.equal(c.score, 0.75);
  assert.deepEqual(c.unseen, ['z']);
});

test('CorrelationSimilarity: identical trends score 1, opposite trends 0, threshold filter', () => {
  const x = f([1, 2, 3, 4]);
  const up = f([2, 4, 6, 8]);
  const down = f([8, 6, 4, 2]);
  assert.equal(CorrelationSimilarity.computeBreakdown([x, up], [x, up]).score, 1);
  const opposite = CorrelationSimilarity.computeBreakdown([x, up], [x, down]);
  assert.ok(opposite.score !== null && Math.abs(opposite.score) < 1e-12);
  const flat = CorrelationSimilarity.computeBreakdown([x, f([1, 1, 1, 1])], [x, up]);
  assert.equal(flat.score, null);
  const weak = CorrelationSimilarity.computeBreakdown([x, f([1, 3, 2, 1])], [x, up], { realCorrelationThreshold: 0.5 });
  assert.equal(weak.score, null);
  assert.ok('real' in weak);
});

test("Cramér's V: perfect association is 1, independence 0, dense and sparse forms agree", () => {
  const a = Int32Array.from([0, 0, 1, 1]);
  assert.equal(cramersVDense(a, 2, Int32Array.from([0, 0, 1, 1]), 2), 1);
  assert.equal(cramersVDense(a, 2, Int32Array.from([0, 1, 0, 1]), 2), 0);
  const rng = new Rng(3);
  const x = Int32Array.from({ length: 500 }, () => rng.int(4));
  const y = Int32Array.from(x, (v) => (rng.uniform() < 0.6 ? v : rng.int(5)));
  assert.ok(Math.abs(cramersV(x, y) - cramersVDense(x, 4, y, 5)) < 1e-12);
});

test('ContingencySimilarity: the union of cells counts both sides', () => {
  const real = [
    { kind: 'discrete' as const, values: ['a', 'a', 'b', 'b'] },
    { kind: 'discrete' as const, values: ['x', 'y', 'x', 'y'] },
  ] as const;
  const synth = [
    { kind: 'discrete' as const, values: ['a', 'a', 'a', 'c'] },
    { kind: 'discrete' as const, values: ['x', 'x', 'y', 'y'] },
  ] as const;
  // real cells: ax .25 ay .25 bx .25 by .25; synth: ax .5 ay .25 cy .25 -> TV = (.25+0+.25+.25+.25)/2
  assert.equal(ContingencySimilarity.computeBreakdown(real, synth).score, 0.5);
});

test('KeyUniqueness and ReferentialIntegrity', () => {
  const k = KeyUniqueness.computeBreakdown(['a', 'b', 'a', null]);
  assert.ok(k.score !== null);
  assert.equal(k.score, 0.5);
  const r = ReferentialIntegrity.computeBreakdown(['1', '2', '9', null], [1, 2, 3]);
  assert.ok(r.score !== null);
  assert.equal(r.score, 0.5);
  assert.deepEqual(r.examples, ['9']);
  const lenient = ReferentialIntegrity.computeBreakdown(['1', null], ['1'], { allowMissing: true });
  assert.equal(lenient.score, 1);
});

function events(rows: [string, number, string, string][]): Table {
  return makeTable([
    { name: 'user', type: 'categorical', values: rows.map((r) => r[0]) },
    { name: 'ts', type: 'numerical', values: f(rows.map((r) => r[1])) },
    { name: 'type', type: 'categorical', values: rows.map((r) => r[2]) },
    { name: 'item', type: 'categorical', values: rows.map((r) => r[3]) },
  ]);
}

test('Time order and event order consistency', () => {
  const t = events([
    ['u1', 1, 'clicks', 'i1'],
    ['u1', 2, 'carts', 'i1'],
    ['u1', 3, 'orders', 'i1'],
    ['u2', 5, 'clicks', 'i2'],
    ['u2', 4, 'orders', 'i3'], // listed after a later event, and no cart/click on i3
  ]);
  const time = TimeOrderConsistency.computeBreakdown(t, { user: 'user', time: 'ts', span: { min: 1, max: 4.5 } });
  assert.ok(time.score !== null);
  assert.equal(time.outOfOrder, 1);
  assert.equal(time.outsideSpan, 1);
  assert.equal(time.score, 3 / 5);
  const order = EventOrderConsistency.computeBreakdown(t, { user: 'user', time: 'ts', event: 'type', item: 'item' });
  assert.ok(order.score !== null);
  assert.equal(order.checkedEvents, 3);
  assert.equal(order.violations, 1);
  const noItem = EventOrderConsistency.computeBreakdown(t, { user: 'user', time: 'ts', event: 'type' });
  // Without items, u2's order (t=4) still precedes its click (t=5).
  assert.ok(noItem.score !== null);
  assert.equal(noItem.violations, 1);
});

function randomTable(rng: Rng, n: number, withNaN: boolean): Table {
  return makeTable([
    { name: 'x', type: 'numerical', values: Float64Array.from({ length: n }, () => (withNaN && rng.uniform() < 0.05 ? Number.NaN : Math.round(rng.normal() * 20) / 4)) },
    { name: 'y', type: 'numerical', values: Float64Array.from({ length: n }, () => rng.uniform() * 100) },
    { name: 'c', type: 'categorical', values: Array.from({ length: n }, () => (withNaN && rng.uniform() < 0.05 ? null : `k${rng.int(4)}`)) },
    { name: 'd', type: 'categorical', values: Array.from({ length: n }, () => `m${rng.int(30)}`) },
  ]);
}

/** The definition, pair by pair, over plain objects: what the fast search must equal. */
function bruteForce(ref: PreparedTable, query: PreparedTable): { first: number[]; second: number[] } {
  const ranges = ref.columns.map((c) => {
    if (c.kind !== 'continuous') return 0;
    const v = Array.from(c.values).filter((x) => !Number.isNaN(x));
    return Math.max(...v) - Math.min(...v);
  });
  const first: number[] = [];
  const second: number[] = [];
  for (let q = 0; q < query.nRows; q++) {
    const ds: number[] = [];
    for (let r = 0; r < ref.nRows; r++) {
      let s = 0;
      ref.columns.forEach((c, j) => {
        const qc = query.columns[j]!;
        if (c.kind === 'continuous' && qc.kind === 'continuous') {
          const a = qc.values[q]!;
          const b = c.values[r]!;
          s += Number.isNaN(a) || Number.isNaN(b) ? (Number.isNaN(a) && Number.isNaN(b) ? 0 : 1) : Math.min(Math.abs(a - b) / ranges[j]!, 1);
        } else s += c.values[r] === qc.values[q] ? 0 : 1;
      });
      ds.push(s / ref.columns.length);
    }
    ds.sort((a, b) => a - b);
    first.push(ds[0]!);
    second.push(ds[1]!);
  }
  return { first, second };
}

test('DCR search equals the all-pairs definition (first and second neighbours, with missing values)', () => {
  const rng = new Rng(11);
  for (const withNaN of [false, true]) {
    const refT = randomTable(rng, 300, withNaN);
    const md = inferMetadata(refT);
    const ref = prepareTable(refT, md, 'ref');
    // Near copies (phase 1) and far rows (phase 2) both.
    const query = prepareTable(randomTable(rng, 120, withNaN), md, 'query');
    const fast = nearestDistances(ref, query, 2);
    const slow = bruteForce(ref, query);
    for (let i = 0; i < query.nRows; i++) {
      assert.ok(Math.abs(fast.first[i]! - slow.first[i]!) < 1e-12, `first ${i}`);
      assert.ok(Math.abs(fast.second![i]! - slow.second[i]!) < 1e-12, `second ${i}`);
    }
    assert.ok(fast.evaluated < ref.nRows * query.nRows, 'the search prunes');
  }
});

test('NewRowSynthesis and the privacy gate flag exact and near copies, not new rows', () => {
  const real = makeTable([
    { name: 'price', type: 'numerical', values: f([10, 20, 30]) },
    { name: 'country', type: 'categorical', values: ['UK', 'FR', 'UK'] },
    { name: 'sku', type: 'id', values: ['a', 'b', 'c'] },
  ]);
  const synthetic = makeTable([
    { name: 'price', type: 'numerical', values: f([10, 20.1, 30, 40]) },
    { name: 'country', type: 'categorical', values: ['UK', 'FR', 'FR', 'UK'] },
    { name: 'sku', type: 'id', values: ['new1', 'new2', 'new3', 'new4'] },
  ]);
  const md = inferMetadata(real);
  const r = NewRowSynthesis.computeBreakdown(prepareTable(real, md, 'real'), prepareTable(synthetic, md, 'synthetic'));
  assert.ok(r.score !== null);
  assert.equal(r.numMatchedRows, 2); // row 0 exact, row 1 within 1% (20.1 vs 20: |0.1| <= 0.201)
  const gated = privacyGate(real, synthetic);
  assert.deepEqual(gated.flaggedRows, [0, 1]);
  assert.equal(gated.removed, 2);
  assert.equal(gated.kept.nRows, 2);
  assert.deepEqual(gated.kept.columns[2]!.values, ['new3', 'new4']);
  const exact = privacyGate(real, synthetic, { numericalMatchTolerance: 0 });
  assert.deepEqual(exact.flaggedRows, [0]);
  const flagOnly = privacyGate(real, synthetic, { remove: false });
  assert.equal(flagOnly.kept.nRows, 4);
  assert.equal(flagOnly.removed, 0);
});

test('NNDR: a copy of one real record scores 0, a row between two records 1', () => {
  const real = makeTable([{ name: 'x', type: 'numerical', values: f([0, 10, 20]) }]);
  const md = inferMetadata(real);
  const s = makeTable([{ name: 'x', type: 'numerical', values: f([0, 15]) }]);
  const r = NNDR.computeBreakdown(prepareTable(real, md, 'real'), prepareTable(s, md, 'synthetic'));
  assert.ok(r.score !== null);
  assert.equal(r.score, 0.5); // median of [0, 1]
  assert.equal(r.shareBelowHalf, 0.5);
});

test('Diversity: coverage, entropy and duplicate rows', () => {
  const real = makeTable([{ name: 'c', type: 'categorical', values: ['a', 'b', 'c', 'd'] }]);
  const synthetic = makeTable([{ name: 'c', type: 'categorical', values: ['a', 'a', 'b', 'b'] }]);
  const md = inferMetadata(real);
  const d = computeDiversity(prepareTable(real, md, 'real'), prepareTable(synthetic, md, 'synthetic'));
  assert.equal(d.categories[0]!.coverage, 0.5);
  assert.equal(d.categories[0]!.entropyReal, 2);
  assert.equal(d.categories[0]!.entropySynthetic, 1);
  assert.equal(d.duplicateRowRate.synthetic, 0.5);
  assert.equal(d.duplicateRowRate.real, 0);
});

test('ROC AUC by ranks, ties counted one half', () => {
  assert.equal(rocAuc(Uint8Array.from([1, 1, 0, 0]), f([0.9, 0.8, 0.2, 0.1])), 1);
  assert.equal(rocAuc(Uint8Array.from([1, 0]), f([0.5, 0.5])), 0.5);
});

test('metadata: accepted layouts and errors that name the file and key', () => {
  const single = parseMetadata({ columns: { a: { sdtype: 'numerical' } } }, 'm.json');
  assert.equal(single.columns.a!.sdtype, 'numerical');
  const unified = parseMetadata({ tables: { items: { columns: { b: { sdtype: 'categorical' } } } } }, 'm.json');
  assert.equal(unified.columns.b!.sdtype, 'categorical');
  assert.throws(() => parseMetadata({ columns: { a: { type: 'numerical' } } }, 'meta.json'), /meta\.json.*key "columns\.a\.sdtype"/);
  assert.throws(() => parseMetadata({ tables: { a: { columns: {} }, b: { columns: {} } } }, 'meta.json'), /meta\.json: key "tables" holds 2 tables/);
  assert.throws(() => parseMetadata({ columns: {}, primary_key: 'id' }, 'meta.json'), /primary_key/);
  const t = makeTable([{ name: 'a', type: 'categorical', values: ['x'] }]);
  assert.throws(() => prepareTable(t, { columns: { zz: { sdtype: 'numerical' } } }, 'synthetic'), /synthetic table has no column "zz"/);
  assert.throws(() => prepareTable(t, { columns: { a: { sdtype: 'numerical' } } }, 'real'), /real: column "a", row 1: "x" is not a number/);
});
