// Reproduces every number SDMetrics 0.29.1.dev0 computed in ../shared/golden/sdmetrics/expected.json
// (see that folder's README for the rules). Tolerance 1e-9 everywhere; 1e-12 for per-row DCR values
// and the DCR medians (pandas sums the 5 column terms in another order). LogisticDetection depends
// on sklearn's unseeded CV shuffle, so it is checked against the stored range over 20 seeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundaryAdherence } from '../../../src/core/quality/boundaryAdherence';
import { CategoryAdherence } from '../../../src/core/quality/categoryAdherence';
import { ContingencySimilarity, type PairColumn } from '../../../src/core/quality/contingencySimilarity';
import { CorrelationSimilarity } from '../../../src/core/quality/correlationSimilarity';
import { metricBinEdges, reportBinEdges } from '../../../src/core/quality/binning';
import { dcrValues } from '../../../src/core/quality/dcr';
import { DCRBaselineProtection } from '../../../src/core/quality/dcrBaselineProtection';
import { DCROverfittingProtection } from '../../../src/core/quality/dcrOverfittingProtection';
import { KSComplement } from '../../../src/core/quality/ksComplement';
import { LogisticDetection } from '../../../src/core/quality/logisticDetection';
import { NewRowSynthesis } from '../../../src/core/quality/newRowSynthesis';
import { preparedColumn, type PreparedColumn, type PreparedTable } from '../../../src/core/quality/prepared';
import { computeQualityScores, type QualityScores } from '../../../src/core/quality/qualityReport';
import { TVComplement } from '../../../src/core/quality/tvComplement';
import { CANDIDATES, dcrExpected, expected, loadPrepared, type CandidateName, type Json } from './goldenData';

const TOL = 1e-9;
const DCR_TOL = 1e-12;
const NUMERIC = ['median_price', 'n_lines', 'n_customers'] as const;
const CATEGORICAL = ['top_country', 'first_month'] as const;
const COLUMNS = [...NUMERIC, ...CATEGORICAL];
const PAIRS: [string, string][] = [];
for (let i = 0; i < COLUMNS.length; i++) for (let j = i + 1; j < COLUMNS.length; j++) PAIRS.push([COLUMNS[i]!, COLUMNS[j]!]);

const real = loadPrepared('items_real.csv');
const holdout = loadPrepared('items_holdout.csv');
const randomBaseline = loadPrepared('dcr_random_baseline.csv');

function obj(x: Json | undefined): Record<string, Json> {
  assert.ok(x !== null && typeof x === 'object' && !Array.isArray(x), `expected an object, got ${JSON.stringify(x)}`);
  return x as Record<string, Json>;
}
function num(x: Json | undefined): number {
  assert.equal(typeof x, 'number', `expected a number, got ${JSON.stringify(x)}`);
  return x as number;
}
function close(actual: number | null | undefined, want: Json | undefined, label: string, tol = TOL): void {
  if (want === null) {
    assert.equal(actual ?? null, null, `${label}: SDMetrics has NaN/None, got ${actual}`);
    return;
  }
  assert.ok(typeof actual === 'number', `${label}: got ${actual}, want ${want}`);
  assert.ok(Math.abs(actual - num(want)) <= tol, `${label}: got ${actual}, want ${want} (diff ${Math.abs(actual - num(want))})`);
}
function cont(c: PreparedColumn): Float64Array {
  assert.equal(c.kind, 'continuous');
  return c.values as Float64Array;
}
function disc(c: PreparedColumn): readonly (string | null)[] {
  assert.equal(c.kind, 'discrete');
  return c.values as readonly (string | null)[];
}
function pairColumn(t: PreparedTable, name: string): PairColumn {
  const c = preparedColumn(t, name);
  return c.kind === 'continuous' ? { kind: 'continuous', values: c.values } : { kind: 'discrete', values: c.values };
}

function checkReportBlock(block: Record<string, Json>, actual: QualityScores, label: string): void {
  close(actual.columnPairTrends.realCorrelationThreshold, block.real_correlation_threshold, `${label} corr threshold`);
  close(actual.columnPairTrends.realAssociationThreshold, block.real_association_threshold, `${label} assoc threshold`);
  close(actual.overall, block.overall_score, `${label} overall`);
  const props = obj(block.properties);
  close(actual.columnShapes.score, props['Column Shapes'], `${label} Column Shapes`);
  close(actual.columnPairTrends.score, props['Column Pair Trends'], `${label} Column Pair Trends`);
  const shapes = block.column_shapes_details as Json[];
  assert.equal(actual.columnShapes.details.length, shapes.length);
  shapes.forEach((row, i) => {
    const r = obj(row);
    const a = actual.columnShapes.details[i]!;
    assert.equal(a.column, r.Column);
    assert.equal(a.metric, r.Metric);
    close(a.score, r.Score, `${label} shape ${a.column}`);
  });
  const pairs = block.column_pair_trends_details as Json[];
  assert.equal(actual.columnPairTrends.details.length, pairs.length);
  pairs.forEach((row, i) => {
    const r = obj(row);
    const a = actual.columnPairTrends.details[i]!;
    const l = `${label} pair ${a.column1}|${a.column2}`;
    assert.equal(a.column1, r['Column 1']);
    assert.equal(a.column2, r['Column 2']);
    assert.equal(a.metric, r.Metric);
    close(a.score, r.Score, `${l} score`);
    close(a.realCorrelation, r['Real Correlation'], `${l} real correlation`);
    close(a.syntheticCorrelation, r['Synthetic Correlation'], `${l} synthetic correlation`);
    close(a.realAssociation, r['Real Association'], `${l} real association`);
    assert.equal(a.meetsThreshold, r['Meets Threshold?'], `${l} meets threshold`);
  });
}

for (const [name, file] of Object.entries(CANDIDATES) as [CandidateName, string][]) {
  const want = expected.candidates[name];
  const synth = loadPrepared(file);

  test(`golden ${name}: single-column metrics`, () => {
    for (const c of NUMERIC) {
      const ks = KSComplement.computeBreakdown(cont(preparedColumn(real, c)), cont(preparedColumn(synth, c)));
      close(ks.score, obj(want.KSComplement)[c], `KSComplement ${c}`);
      const ba = BoundaryAdherence.computeBreakdown(cont(preparedColumn(real, c)), cont(preparedColumn(synth, c)));
      close(ba.score, obj(want.BoundaryAdherence)[c], `BoundaryAdherence ${c}`);
    }
    for (const c of CATEGORICAL) {
      const tv = TVComplement.computeBreakdown(disc(preparedColumn(real, c)), disc(preparedColumn(synth, c)));
      close(tv.score, obj(want.TVComplement)[c], `TVComplement ${c}`);
      const ca = CategoryAdherence.computeBreakdown(disc(preparedColumn(real, c)), disc(preparedColumn(synth, c)));
      close(ca.score, obj(want.CategoryAdherence)[c], `CategoryAdherence ${c}`);
    }
    // Integer columns treated as discrete values: exercises the 1e-6 unseen-category quirk.
    for (const c of ['n_lines', 'n_customers']) {
      const tv = TVComplement.computeBreakdown(Array.from(cont(preparedColumn(real, c))), Array.from(cont(preparedColumn(synth, c))));
      close(tv.score, obj(want.TVComplement_integer_columns_extra)[c], `TVComplement (integers) ${c}`);
    }
  });

  test(`golden ${name}: column-pair metrics and bin edges`, () => {
    for (const coefficient of ['Pearson', 'Spearman'] as const) {
      for (const [a, b] of PAIRS.filter(([x, y]) => NUMERIC.includes(x as never) && NUMERIC.includes(y as never))) {
        const r = CorrelationSimilarity.computeBreakdown(
          [cont(preparedColumn(real, a)), cont(preparedColumn(real, b))],
          [cont(preparedColumn(synth, a)), cont(preparedColumn(synth, b))],
          { coefficient },
        );
        const w = obj(obj(obj(want.CorrelationSimilarity)[coefficient])[`${a}|${b}`]);
        assert.ok(r.score !== null && 'synthetic' in r);
        close(r.score, w.score, `${coefficient} ${a}|${b} score`);
        close(r.real, w.real, `${coefficient} ${a}|${b} real`);
        close(r.synthetic, w.synthetic, `${coefficient} ${a}|${b} synthetic`);
      }
    }
    const cs = obj(want.ContingencySimilarity);
    for (const [a, b] of PAIRS) {
      const key = `${a}|${b}`;
      const realPair = [pairColumn(real, a), pairColumn(real, b)] as const;
      const synthPair = [pairColumn(synth, a), pairColumn(synth, b)] as const;
      close(ContingencySimilarity.computeBreakdown(realPair, synthPair, { binning: 'metric' }).score, obj(cs.metric_binning)[key], `Contingency metric ${key}`);
      close(ContingencySimilarity.computeBreakdown(realPair, synthPair, { binning: 'report' }).score, obj(cs.report_binning)[key], `Contingency report ${key}`);
      const v = ContingencySimilarity.computeBreakdown(realPair, realPair, { binning: 'metric', realAssociationThreshold: 1e-12 });
      assert.ok('realAssociation' in v);
      close(v.realAssociation, obj(cs.cramers_v_real_metric_binning)[key], `Cramér's V ${key}`);
    }
    const edges = obj(want.bin_edges);
    for (const c of NUMERIC) {
      const check = (actual: Float64Array, w: Json | undefined, label: string): void => {
        const list = w as Json[];
        assert.equal(actual.length, list.length);
        list.forEach((e, i) => {
          if (e === '-Infinity') assert.equal(actual[i], Number.NEGATIVE_INFINITY);
          else if (e === 'Infinity') assert.equal(actual[i], Number.POSITIVE_INFINITY);
          else close(actual[i], e, `${label} edge ${i}`);
        });
      };
      check(reportBinEdges(cont(preparedColumn(real, c))), obj(edges.report_binning_real)[c], `report edges real ${c}`);
      check(reportBinEdges(cont(preparedColumn(synth, c))), obj(edges.report_binning_synthetic)[c], `report edges synthetic ${c}`);
      check(metricBinEdges(cont(preparedColumn(real, c))), obj(edges['metric_binning (from real)'])[c], `metric edges ${c}`);
    }
  });

  test(`golden ${name}: Quality Report (default filter, no filter, unified, association 0.1)`, () => {
    checkReportBlock(obj(want.QualityReport_single_table), computeQualityScores(real, synth), 'default');
    // The unified report gives identical numbers (its details only add a Table key).
    checkReportBlock(obj(want.QualityReport_unified), computeQualityScores(real, synth), 'unified');
    checkReportBlock(
      obj(want.QualityReport_single_table_no_threshold),
      computeQualityScores(real, synth, { realCorrelationThreshold: 0, realAssociationThreshold: 0 }),
      'no threshold',
    );
    checkReportBlock(
      obj(want['QualityReport_single_table_corr0.5_assoc0.1']),
      computeQualityScores(real, synth, { realCorrelationThreshold: 0.5, realAssociationThreshold: 0.1 }),
      'assoc 0.1',
    );
  });

  test(`golden ${name}: NewRowSynthesis`, () => {
    const r = NewRowSynthesis.computeBreakdown(real, synth, { numericalMatchTolerance: 0.01 });
    const w = obj(want.NewRowSynthesis);
    assert.ok(r.score !== null);
    close(r.score, w.score, 'NewRowSynthesis score');
    assert.equal(r.numNewRows, w.num_new_rows);
    assert.equal(r.numMatchedRows, w.num_matched_rows);
  });

  if (want.DCRBaselineProtection !== undefined) {
    test(`golden ${name}: DCR values, DCRBaselineProtection, DCROverfittingProtection`, () => {
      const perRow = obj(dcrExpected[name]);
      const toReal = dcrValues(real, synth);
      const toHoldout = dcrValues(holdout, synth);
      (perRow.synthetic_to_real as Json[]).forEach((v, i) => close(toReal[i], v, `DCR to real row ${i}`, DCR_TOL));
      (perRow.synthetic_to_holdout as Json[]).forEach((v, i) => close(toHoldout[i], v, `DCR to holdout row ${i}`, DCR_TOL));
      const b = DCRBaselineProtection.computeBreakdown(real, synth, { randomBaseline });
      const wb = obj(want.DCRBaselineProtection);
      assert.ok(b.score !== null);
      close(b.score, wb.score, 'DCRBaselineProtection score');
      const medians = obj(wb.median_DCR_to_real_data);
      close(b.medianDcrToReal.syntheticData, medians.synthetic_data, 'median DCR synthetic', DCR_TOL);
      close(b.medianDcrToReal.randomDataBaseline, medians.random_data_baseline, 'median DCR random', DCR_TOL);
      const o = DCROverfittingProtection.computeBreakdown(real, synth, holdout);
      const wo = obj(want.DCROverfittingProtection);
      assert.ok(o.score !== null);
      close(o.score, wo.score, 'DCROverfittingProtection score');
      const pct = obj(wo.synthetic_data_percentages);
      close(o.syntheticDataPercentages.closerToTraining, pct.closer_to_training, 'closer to training');
      close(o.syntheticDataPercentages.closerToHoldout, pct.closer_to_holdout, 'closer to holdout');
    });
  }

  test(`golden ${name}: LogisticDetection`, () => {
    const w = obj(want.LogisticDetection);
    if ('error' in w) {
      // SDMetrics fits its one-hot encoder on real data only and raises on the unseen 'EIRE'.
      const r = LogisticDetection.computeBreakdown(real, synth, { seed: 0, unknownCategories: 'error' });
      assert.equal(r.score, null);
      assert.match((r as { reason: string }).reason, /EIRE/);
      return;
    }
    // Our CV shuffle cannot replay numpy's, and the score moves with the shuffle: over its 20 seeds
    // SDMetrics itself spans [min, max] (0.846-0.910 for noisy). A single seed of ours can fall
    // just outside that sample range (noisy, seed 0: 0.836; our 20 seeds span 0.836-0.903, mean
    // 0.868 against SDMetrics' 0.871), so the check is on the mean over 5 of our seeds, which
    // must lie inside SDMetrics' range; each seed must be a valid score.
    const scores = [0, 1, 2, 3, 4].map((seed) => {
      const r = LogisticDetection.computeBreakdown(real, synth, { seed });
      assert.ok(r.score !== null && r.score >= 0 && r.score <= 1, `seed ${seed}: ${r.score}`);
      return r.score;
    });
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    assert.ok(mean >= num(w.min) && mean <= num(w.max), `mean ${mean} (${scores.join(', ')}) outside [${w.min}, ${w.max}]`);
  });
}

test('golden: DCR of the random baseline to real (per row)', () => {
  const values = dcrValues(real, randomBaseline);
  (dcrExpected.random_baseline_to_real as Json[]).forEach((v, i) => close(values[i], v, `random DCR row ${i}`, DCR_TOL));
});
