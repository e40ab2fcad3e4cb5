import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ItemKnnRecommender } from '../../../src/core/recsys/itemknn';
import { BprRecommender } from '../../../src/core/recsys/bpr';
import { PopularityRecommender } from '../../../src/core/recsys/popularity';
import { loadRecommender } from '../../../src/core/recsys/registry';
import { matrixFromInteractions, matrixFromPairs } from '../../../src/core/recsys/matrix';
import { prepareProtocol } from '../../../src/core/recsys/protocol';
import { evaluateModel, summarise } from '../../../src/core/recsys/evaluate';
import type { Recommender } from '../../../src/core/recsys/recommender';
import { logFromRows, plantedLog } from './fixtures';

const close = (a: number, b: number, tol = 1e-6): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

// Users: u0 {i0,i1}, u1 {i0,i2}, u2 {i1,i2}, u3 {i3}
const small = logFromRows([
  ['u0', 'i0', 1], ['u0', 'i1', 2], ['u1', 'i0', 1], ['u1', 'i2', 2], ['u2', 'i1', 1], ['u2', 'i2', 3], ['u3', 'i3', 1],
]);

function scores(model: Recommender, user: number, history = matrixFromInteractions(small)): number[] {
  const out = new Float32Array(model.nItems);
  model.scoreUsers(Int32Array.of(user), history, out);
  return [...out];
}

test('item-kNN: cosine similarity with shrinkage, summed over the history (by hand)', async () => {
  // Each pair among i0, i1, i2 shares one buyer; each has 2 buyers: cosine 1 / sqrt(2 * 2) = 0.5.
  const plain = new ItemKnnRecommender({ shrink: 0 });
  await plain.fit(small);
  const s0 = scores(plain, 0);
  close(s0[2]!, 1); // sim(i0,i2) + sim(i1,i2)
  close(s0[0]!, 0.5); // from i1 only (an item is not its own neighbour)
  assert.equal(s0[3], 0);
  // Shrinkage: 1 / (2 + 1) per pair.
  const shrunk = new ItemKnnRecommender({ shrink: 1 });
  await shrunk.fit(small);
  close(scores(shrunk, 0)[2]!, 2 / 3);
  // u3's only item has no co-buyers: nothing to recommend but ties.
  assert.deepEqual(scores(shrunk, 3), [0, 0, 0, 0]);
  // One neighbour per item keeps the strongest (ties by index).
  const one = new ItemKnnRecommender({ shrink: 0, neighbours: 1 });
  await one.fit(small);
  assert.deepEqual(scores(one, 3, matrixFromPairs(4, 4, [3], [0])).map((v) => +v.toFixed(6)), [0, 0.5, 0, 0]);
  assert.throws(() => new ItemKnnRecommender({ neighbours: 0 }), /at least 1/);
});

test('recommend excludes seen items by default and can include them', async () => {
  const m = new PopularityRecommender();
  await m.fit(small);
  const recs = m.recommend(0, 4);
  assert.deepEqual(recs.map((r) => r.itemId), ['i2', 'i3']);
  assert.equal(m.recommend(0, 2, { excludeSeen: false }).length, 2);
  assert.throws(() => m.recommend(9, 2), /outside the 4 users/);
  assert.throws(() => new PopularityRecommender().recommend(0, 1), /not fitted/);
});

test('BPR finds the planted tastes and beats popularity on held-out visits', async () => {
  const log = plantedLog(120, 30, 5);
  const p = prepareProtocol(log, { kind: 'leave-last', n: 1 });
  const ndcg = async (m: Recommender): Promise<number> => {
    await m.fit(p.split.train);
    const r = await evaluateModel(m, { test: p.test, history: p.trainMatrix, users: p.users, seed: 1 });
    return summarise(r, { resamples: 50 }).metrics['ndcg@10']!.value;
  };
  const bpr = new BprRecommender({ seed: 3 });
  const pop = await ndcg(new PopularityRecommender());
  const b = await ndcg(bpr);
  const knn = await ndcg(new ItemKnnRecommender());
  assert.ok(b > pop * 1.2, `BPR ${b} vs popularity ${pop}`);
  assert.ok(knn > pop * 1.2, `item-kNN ${knn} vs popularity ${pop}`);
  // Taste check: a red-group user (even index) gets mostly red items (the first half).
  const user = log.userIds.indexOf('u0');
  const top = bpr.recommend(user, 5);
  assert.ok(top.filter((r) => Number(r.itemId.slice(1)) < 15).length >= 4, JSON.stringify(top));
});

test('BPR is reproducible with a seed and folds in users it never trained on', async () => {
  const log = plantedLog(40, 20, 9);
  const a = new BprRecommender({ factors: 4, epochs: 5, earlyStopping: false, seed: 2 });
  const b = new BprRecommender({ factors: 4, epochs: 5, earlyStopping: false, seed: 2 });
  await a.fit(log);
  await b.fit(log);
  const h = matrixFromInteractions(log);
  assert.deepEqual(scores(a, 3, h), scores(b, 3, h));
  // A user with no training events, scored from a given history: the mean of its items' factors.
  const empty = { ...log, user: log.user.subarray(0, 0), item: log.item.subarray(0, 0), time: log.time.subarray(0, 0) };
  const c = new BprRecommender({ factors: 4, epochs: 1, earlyStopping: false });
  await c.fit({ ...log, userIds: [...log.userIds, 'new'] });
  const history = matrixFromPairs(log.userIds.length + 1, log.itemIds.length, [log.userIds.length], [0]);
  const out = new Float32Array(log.itemIds.length);
  c.scoreUsers(Int32Array.of(log.userIds.length), history, out);
  assert.ok(out.every((v) => Number.isFinite(v)));
  assert.ok(empty.user.length === 0);
});

test('save and load give the same scores for every model kind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'recsys-'));
  try {
    const log = plantedLog(30, 12, 4);
    const h = matrixFromInteractions(log);
    for (const m of [new PopularityRecommender(), new ItemKnnRecommender({ neighbours: 5 }), new BprRecommender({ factors: 4, epochs: 3, earlyStopping: false })]) {
      await m.fit(log);
      const sub = join(dir, m.kind);
      await m.save(sub);
      const back = await loadRecommender(sub);
      assert.equal(back.kind, m.kind);
      assert.deepEqual(scores(back, 2, h), scores(m, 2, h));
      assert.deepEqual(back.recommend(2, 5), m.recommend(2, 5));
    }
    await assert.rejects(loadRecommender(join(dir, 'missing')), /Save the model again/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('BPR without refit keeps the validation snapshot and still ranks held-out items well', async () => {
  const log = plantedLog(120, 30, 5);
  const p = prepareProtocol(log, { kind: 'leave-last', n: 1 });
  const pop = new PopularityRecommender();
  await pop.fit(p.split.train);
  const snap = new BprRecommender({ seed: 3, refit: false });
  const report = await snap.fit(p.split.train);
  assert.ok(report.bestEpoch && report.notes?.some((n) => /snapshot/.test(n)));
  const ndcg = async (m: Recommender): Promise<number> =>
    summarise(await evaluateModel(m, { test: p.test, history: p.trainMatrix, users: p.users, seed: 1 }), { resamples: 50 }).metrics['ndcg@10']!.value;
  const s = await ndcg(snap);
  const base = await ndcg(pop);
  assert.ok(s > base * 1.2, `BPR snapshot ${s} vs popularity ${base}`);
  // recommend() still excludes every training item, including the held-out last visit.
  const u = p.users[0]!;
  const seen = new Set(Array.from(matrixFromInteractions(p.split.train).indices.subarray(p.trainMatrix.indptr[u]!, p.trainMatrix.indptr[u + 1]!)));
  assert.ok(snap.recommend(u, 10).every((r) => !seen.has(r.item)));
});
