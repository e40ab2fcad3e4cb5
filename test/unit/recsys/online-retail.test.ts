import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadInteractions } from '../../../src/core/data/interactions-load';
import { prepareProtocol } from '../../../src/core/recsys/protocol';
import { evaluateModel, summarise } from '../../../src/core/recsys/evaluate';
import { PopularityRecommender } from '../../../src/core/recsys/popularity';
import { ItemKnnRecommender } from '../../../src/core/recsys/itemknn';
import { BprRecommender } from '../../../src/core/recsys/bpr';
import { wilcoxonSignedRank } from '../../../src/core/recsys/stats';
import type { Recommender } from '../../../src/core/recsys/recommender';

const DATA = '../shared/data/online-retail/online_retail_2010-12_to_2011-08.csv';

// The correctness check: under the chronological split, with full ranking and seen items
// excluded, BPR and item-kNN must beat popularity on NDCG@10. BPR runs a fixed 12 epochs here
// (no early stopping) to keep the test short; the bench runs the default, early-stopped fit.
test('Online Retail, global time cut: item-kNN and BPR beat popularity on NDCG@10, significantly', async () => {
  const x = (await loadInteractions(DATA)).interactions;
  const p = prepareProtocol(x, { kind: 'time-cut', quantile: 0.8 });
  assert.ok(p.users.length > 500, `only ${p.users.length} test users`);
  const score = async (m: Recommender): Promise<{ mean: number; perUser: Float64Array }> => {
    await m.fit(p.split.train);
    const r = await evaluateModel(m, { test: p.test, history: p.trainMatrix, users: p.users, seed: 1 });
    return { mean: summarise(r, { resamples: 100 }).metrics['ndcg@10']!.value, perUser: r.values['ndcg@10'] };
  };
  const pop = await score(new PopularityRecommender());
  const knn = await score(new ItemKnnRecommender());
  const bpr = await score(new BprRecommender({ epochs: 12, earlyStopping: false, seed: 1 }));
  assert.ok(knn.mean > pop.mean, `item-kNN ${knn.mean} vs popularity ${pop.mean}`);
  assert.ok(bpr.mean > pop.mean, `BPR ${bpr.mean} vs popularity ${pop.mean}`);
  assert.ok(wilcoxonSignedRank(knn.perUser, pop.perUser).pValue < 0.05);
  assert.ok(wilcoxonSignedRank(bpr.perUser, pop.perUser).pValue < 0.05, `BPR p = ${wilcoxonSignedRank(bpr.perUser, pop.perUser).pValue}`);
});
