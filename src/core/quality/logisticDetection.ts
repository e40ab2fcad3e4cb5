/**
 * LogisticDetection: can a logistic regression tell real rows from synthetic ones?
 * Features: one-hot categoricals, mean imputation (sklearn SimpleImputer's default), RobustScaler
 * (median / IQR); 3-fold stratified cross-validation shuffled by a seeded Rng;
 * score = 1 - mean(max(0.5, AUC) * 2 - 1), as SDMetrics. 1 = indistinguishable.
 */
import { Rng } from '../runtime/rng';
import { encodeFeatures, fitOneHot, unknownCategories } from './detectionFeatures';
import { fitLogistic, predictProbability } from './logisticRegression';
import type { PreparedTable } from './prepared';
import { rocAuc } from './rocAuc';
import { medianOfSorted, percentileOfSorted } from './stats';
import { stratifiedFolds } from './stratifiedFolds';
import { notApplicable, type MetricDefinition } from './types';

export interface LogisticDetectionOptions {
  readonly seed?: number;
  readonly folds?: number;
  /** 'error' (SDMetrics): synthetic categories unseen in real make the metric inapplicable; 'ignore': they encode as all zeros. */
  readonly unknownCategories?: 'error' | 'ignore';
  /** Cap on one-hot indicators per column (the rarest categories share the all-zero code). */
  readonly maxCategoriesPerColumn?: number;
}

export interface LogisticDetectionBreakdown {
  readonly score: number;
  readonly aucPerFold: readonly number[];
  /** Columns with synthetic categories unknown to real data (encoded as all zeros). */
  readonly unknownCategories: Readonly<Record<string, readonly string[]>>;
}

/** Column means of the finite training values, then (x - median) / IQR, all fitted on `train` rows. */
function imputeAndScale(x: Float64Array, width: number, train: readonly number[], rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let j = 0; j < width; j++) {
    let sum = 0;
    let count = 0;
    for (const r of train) {
      const v = x[r * width + j]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    const fill = count > 0 ? sum / count : 0;
    const column = Float64Array.from(train, (r) => {
      const v = x[r * width + j]!;
      return Number.isNaN(v) ? fill : v;
    }).sort();
    const center = medianOfSorted(column);
    const iqr = percentileOfSorted(column, 75) - percentileOfSorted(column, 25);
    const scale = iqr === 0 ? 1 : iqr;
    rows.forEach((r, i) => {
      const v = x[r * width + j]!;
      out[i * width + j] = ((Number.isNaN(v) ? fill : v) - center) / scale;
    });
  }
  return out;
}

export const LogisticDetection: MetricDefinition<[PreparedTable, PreparedTable, LogisticDetectionOptions?], LogisticDetectionBreakdown> = {
  id: 'LogisticDetection',
  goal: 'maximize',
  min: 0,
  max: 1,
  computeBreakdown(real, synthetic, options = {}) {
    const k = options.folds ?? 3;
    if (real.nRows < k || synthetic.nRows < k) return notApplicable(`LogisticDetection needs at least ${k} rows in each table.`);
    const layout = fitOneHot(real, options.maxCategoriesPerColumn);
    if (layout.width === 0) return notApplicable('LogisticDetection needs at least one numerical or categorical column.');
    const unknown = unknownCategories(layout, synthetic);
    if ((options.unknownCategories ?? 'error') === 'error' && unknown.size > 0) {
      const [column, values] = [...unknown.entries()][0]!;
      return notApplicable(
        `Found unknown categories [${values.map((v) => `'${v}'`).join(', ')}] in column ${column}: the synthetic data has categories the real data lacks (SDMetrics raises here).`,
      );
    }
    const r = encodeFeatures(layout, real);
    const s = encodeFeatures(layout, synthetic);
    const width = layout.width;
    const x = new Float64Array((r.nRows + s.nRows) * width);
    x.set(r.values, 0);
    x.set(s.values, r.values.length);
    const labels = new Uint8Array(r.nRows + s.nRows);
    labels.fill(1, 0, r.nRows); // real = 1, as SDMetrics
    const fold = stratifiedFolds(labels, k, new Rng(options.seed ?? 0));
    const aucPerFold: number[] = [];
    for (let f = 0; f < k; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < labels.length; i++) (fold[i] === f ? test : train).push(i);
      const xTrain = imputeAndScale(x, width, train, train);
      const xTest = imputeAndScale(x, width, train, test);
      const yTrain = Uint8Array.from(train, (i) => labels[i]!);
      const yTest = Uint8Array.from(test, (i) => labels[i]!);
      const model = fitLogistic(xTrain, yTrain, width);
      aucPerFold.push(rocAuc(yTest, predictProbability(model, xTest, width)));
    }
    const mean = aucPerFold.reduce((acc, auc) => acc + (Math.max(0.5, auc) * 2 - 1), 0) / k;
    return { score: 1 - mean, aucPerFold, unknownCategories: Object.fromEntries(unknown) };
  },
};
