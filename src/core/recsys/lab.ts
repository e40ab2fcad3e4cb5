/**
 * The recommender lab: does synthetic data make recommendations better? Every experiment is scored
 * on the same held-out real future with full ranking:
 *   real       - trained on the real training split
 *   synthetic  - trained on synthetic data only (train on synthetic, test on real)
 *   augmented  - real plus synthetic, at several synthetic-to-real ratios
 * each at several sparsity levels (a random share of the real training events kept), with results
 * for cold and active users and a paired Wilcoxon test against real-only per model and level.
 * A synthesizer given as a function receives only the kept training events: it never sees the test
 * period.
 */
import type { Interactions } from '../data/interactions';
import { type TaskOptions, throwIfAborted } from '../runtime/progress';
import { Rng } from '../runtime/rng';
import { alignSynthetic, combine, sampleEvents } from './augment';
import { type MetricName, type MetricSummary, LIST_METRICS, USER_METRICS, evaluateModel, randomTieOrder, summarise } from './evaluate';
import { itemTokens } from './item-distance';
import { itemDegrees, matrixFromInteractions, rowLength } from './matrix';
import { type PreviewUser, previewUser } from './preview';
import { prepareProtocol } from './protocol';
import type { Recommender, RecommenderKind } from './recommender';
import { type ModelOptions, createRecommender } from './registry';
import { type SplitSpec, keepFraction } from './split';
import { type Interval, wilcoxonSignedRank } from './stats';

export type TrainingKind = 'real' | 'synthetic' | 'augmented';
export type SyntheticSource = Interactions | ((train: Interactions) => Promise<Interactions>);
export type UserGroup = 'cold' | 'active';

export interface LabOptions extends TaskOptions {
  readonly synthetic?: SyntheticSource;
  readonly models?: readonly RecommenderKind[];
  /** Shares of the real training events kept (default 0.1, 0.25, 0.5, 1). */
  readonly keeps?: readonly number[];
  /** Synthetic events per kept real event in the augmented experiments (default 0.5, 1). */
  readonly ratios?: readonly number[];
  /** Default: a global time cut at the 80% quantile of event times, so no training event is in the test period. */
  readonly split?: SplitSpec;
  readonly seed?: number;
  /** Bootstrap resamples per interval (default 500). */
  readonly resamples?: number;
  /** Users with at most this many distinct training items form the cold group (default 5). */
  readonly coldThreshold?: number;
  /** Significance level of the paired tests (default 0.05). */
  readonly alpha?: number;
  readonly modelOptions?: ModelOptions;
  /** Users in the recommendation preview (default 10). */
  readonly previewUsers?: number;
}

type MetricFields = { [K in MetricName]?: number } & { [K in MetricName as `${K}_ci`]?: Interval };

export type GroupResult = { readonly users: number } & MetricFields;

export type LabRow = {
  readonly model: RecommenderKind;
  readonly training: TrainingKind;
  readonly keep: number;
  /** Synthetic events per real event actually used (augmented only). */
  readonly ratio?: number;
  readonly users: number;
  readonly trainEvents: number;
  readonly syntheticEvents?: number;
  readonly fitSeconds: number;
  readonly byGroup: Readonly<Record<UserGroup, GroupResult>>;
  /** Two-sided Wilcoxon signed-rank p-value of per-user NDCG@10 against real-only (same model, same keep). */
  readonly pValueVsReal?: number;
  readonly significant?: boolean;
  /** Mean per-user NDCG@10 difference against real-only. */
  readonly deltaNdcg10VsReal?: number;
} & MetricFields;

export interface LabResult {
  readonly version: 1;
  readonly split: SplitSpec;
  readonly protocol: {
    readonly users: number;
    readonly items: number;
    readonly trainEvents: number;
    readonly testEvents: number;
    readonly testPairs: number;
    readonly testStart: string;
    readonly coldUsers: number;
    readonly activeUsers: number;
    readonly coldThreshold: number;
  };
  readonly models: readonly RecommenderKind[];
  readonly keeps: readonly number[];
  readonly ratios: readonly number[];
  readonly results: readonly LabRow[];
  readonly preview: { readonly model: RecommenderKind; readonly keep: number; readonly ratio: number | null; readonly users: readonly PreviewUser[] } | null;
  readonly notes: readonly string[];
  readonly seconds: number;
}

function metricFields(s: MetricSummary): MetricFields {
  const out: Record<string, number | Interval> = {};
  for (const m of [...USER_METRICS, ...LIST_METRICS]) {
    const v = s.metrics[m];
    if (!v) continue;
    out[m] = v.value;
    out[`${m}_ci`] = v.ci;
  }
  return out as MetricFields;
}

interface Experiment {
  readonly training: TrainingKind;
  readonly data: Interactions;
  readonly ratio?: number;
  readonly syntheticEvents?: number;
}

export async function runLab(interactions: Interactions, opts: LabOptions = {}): Promise<LabResult> {
  const t0 = performance.now();
  const seed = opts.seed ?? 42;
  const models = opts.models ?? (['popularity', 'itemknn', 'bpr'] as const);
  const keeps = opts.keeps ?? [0.1, 0.25, 0.5, 1];
  const ratios = opts.synthetic ? (opts.ratios ?? [0.5, 1]) : [];
  const split = opts.split ?? { kind: 'time-cut', quantile: 0.8 };
  const resamples = opts.resamples ?? 500;
  const coldThreshold = opts.coldThreshold ?? 5;
  const alpha = opts.alpha ?? 0.05;
  const notes: string[] = [];
  for (const k of keeps) if (!(k > 0 && k <= 1)) throw new Error(`Each keep level must be in (0, 1] (got ${k}).`);
  for (const r of ratios) if (!(r > 0)) throw new Error(`Each augmentation ratio must be positive (got ${r}).`);

  const protocol = prepareProtocol(interactions, split);
  if (protocol.users.length === 0) {
    throw new Error('No user has both training and test interactions under this split: use a later time cut or leave-last.');
  }
  const fullTrain = protocol.split.train;
  const users = protocol.users;
  const groupOf = Array.from(users, (u) => (rowLength(protocol.trainMatrix, u) <= coldThreshold ? 'cold' : 'active') as UserGroup);
  const positions = (g: UserGroup): Int32Array => Int32Array.from(users.keys()).filter((p) => groupOf[p] === g);
  const groupPositions: Record<UserGroup, Int32Array> = { cold: positions('cold'), active: positions('active') };
  const tokens = interactions.itemFeatures ? itemTokens(interactions.itemFeatures, interactions.itemIds.length) : undefined;
  if (!tokens) notes.push('No item features: intra-list diversity (ild@10) is not computed.');
  const tieOrder = randomTieOrder(interactions.itemIds.length, seed);
  const popularity = itemDegrees(protocol.trainMatrix);
  const staticSynthetic = opts.synthetic && typeof opts.synthetic !== 'function' ? alignSynthetic(interactions, opts.synthetic) : null;
  if (staticSynthetic) {
    notes.push('Synthetic data was supplied as a file: the lab cannot check that its generator saw only the training period.');
    if (staticSynthetic.droppedUnknownItems > 0) notes.push(`${staticSynthetic.droppedUnknownItems} synthetic events name items absent from the real catalog and were dropped.`);
  }

  const experimentsPerKeep = 1 + (opts.synthetic ? 1 + ratios.length : 0);
  const total = keeps.length * models.length * experimentsPerKeep;
  let done = 0;
  const results: LabRow[] = [];
  const maxKeep = Math.max(...keeps);
  const previewKind = models.includes('bpr') ? 'bpr' : models[models.length - 1]!;
  const previewModels: { real: Recommender | null; augmented: Recommender | null; train: Interactions | null; ratio: number | null } = {
    real: null,
    augmented: null,
    train: null,
    ratio: null,
  };

  for (const [keepIndex, keep] of keeps.entries()) {
    throwIfAborted(opts.signal);
    const train = keepFraction(fullTrain, keep, new Rng(seed * 1009 + keepIndex));
    const history = matrixFromInteractions(train);
    const experiments: Experiment[] = [{ training: 'real', data: train }];
    let synthetic = staticSynthetic?.interactions ?? null;
    if (typeof opts.synthetic === 'function') {
      opts.onProgress?.({ stage: 'sampling', message: `Synthesizing from ${Math.round(keep * 100)}% of the training data` });
      const generated = await opts.synthetic(train);
      const aligned = alignSynthetic(interactions, generated);
      if (aligned.droppedUnknownItems > 0) notes.push(`keep ${keep}: ${aligned.droppedUnknownItems} synthetic events name unknown items and were dropped.`);
      synthetic = aligned.interactions;
    }
    if (synthetic) {
      if (synthetic.user.length === 0) notes.push(`keep ${keep}: the synthetic data has no usable events; synthetic and augmented experiments skipped.`);
      else {
        experiments.push({ training: 'synthetic', data: synthetic, syntheticEvents: synthetic.user.length });
        for (const [ri, ratio] of ratios.entries()) {
          const wanted = Math.round(ratio * train.user.length);
          const part = sampleEvents(synthetic, wanted, new Rng(seed * 7919 + keepIndex * 31 + ri));
          if (part.user.length < wanted) notes.push(`keep ${keep}, ratio ${ratio}: only ${part.user.length} synthetic events were available (wanted ${wanted}).`);
          experiments.push({ training: 'augmented', data: combine(train, part), ratio: part.user.length / train.user.length, syntheticEvents: part.user.length });
        }
      }
    }
    for (const kind of models) {
      let realNdcg: Float64Array | null = null;
      for (const ex of experiments) {
        throwIfAborted(opts.signal);
        const label = `${kind} · ${ex.training}${ex.ratio !== undefined ? ` x${ex.ratio.toFixed(2)}` : ''} · keep ${Math.round(keep * 100)}%`;
        opts.onProgress?.({ stage: 'fitting', fraction: done / total, message: label, model: kind });
        const model = await createRecommender(kind, opts.modelOptions, seed);
        const fit = await model.fit(ex.data, { signal: opts.signal });
        opts.onProgress?.({ stage: 'evaluating', fraction: (done + 0.8) / total, message: label, model: kind });
        const perUser = await evaluateModel(
          model,
          { test: protocol.test, history, users, itemPopularity: popularity, populationUsers: protocol.trainMatrix.nUsers, itemTokens: tokens, tieOrder },
          { signal: opts.signal },
        );
        const summaryOpts = { seed: seed + done, resamples };
        const all = summarise(perUser, summaryOpts);
        const byGroup = {
          cold: { users: groupPositions.cold.length, ...metricFields(summarise(perUser, { ...summaryOpts, positions: groupPositions.cold })) },
          active: { users: groupPositions.active.length, ...metricFields(summarise(perUser, { ...summaryOpts, positions: groupPositions.active })) },
        };
        const ndcg = perUser.values['ndcg@10'];
        let significance: Pick<LabRow, 'pValueVsReal' | 'significant' | 'deltaNdcg10VsReal'> = {};
        if (ex.training === 'real') realNdcg = ndcg;
        else if (realNdcg) {
          const w = wilcoxonSignedRank(ndcg, realNdcg);
          significance = { pValueVsReal: w.pValue, significant: w.pValue < alpha, deltaNdcg10VsReal: w.meanDifference };
        }
        results.push({
          model: kind,
          training: ex.training,
          keep,
          ...(ex.ratio !== undefined ? { ratio: ex.ratio } : {}),
          users: users.length,
          trainEvents: ex.data.user.length,
          ...(ex.syntheticEvents !== undefined ? { syntheticEvents: ex.syntheticEvents } : {}),
          fitSeconds: fit.seconds,
          ...metricFields(all),
          byGroup,
          ...significance,
        });
        if (keep === maxKeep && kind === previewKind) {
          if (ex.training === 'real') Object.assign(previewModels, { real: model, train });
          else if (ex.training === 'augmented' && !previewModels.augmented) Object.assign(previewModels, { augmented: model, ratio: ex.ratio ?? null });
        }
        done++;
      }
    }
  }

  let preview: LabResult['preview'] = null;
  const pm = previewModels;
  if (pm.real && pm.train) {
    const { real, train } = pm;
    const picked = Array.from(users);
    new Rng(seed + 99).shuffle(picked);
    const history = matrixFromInteractions(train);
    const chosen = picked.filter((u) => rowLength(history, u) > 0).slice(0, opts.previewUsers ?? 10);
    preview = {
      model: previewKind,
      keep: maxKeep,
      ratio: pm.ratio,
      users: chosen.map((u) => previewUser(u, { interactions: train, history, test: protocol.test, real, augmented: pm.augmented })),
    };
  }
  opts.onProgress?.({ stage: 'evaluating', fraction: 1, message: 'Lab finished' });
  return {
    version: 1,
    split,
    protocol: {
      users: users.length,
      items: interactions.itemIds.length,
      trainEvents: fullTrain.user.length,
      testEvents: protocol.split.test.user.length,
      testPairs: protocol.test.indices.length,
      testStart: new Date(protocol.split.testStart).toISOString(),
      coldUsers: groupPositions.cold.length,
      activeUsers: groupPositions.active.length,
      coldThreshold,
    },
    models,
    keeps,
    ratios,
    results,
    preview,
    notes,
    seconds: (performance.now() - t0) / 1000,
  };
}
