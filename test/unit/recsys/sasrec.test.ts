import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { SasRecRecommender } from '../../../src/core/recsys/sasrec';
import { PopularityRecommender } from '../../../src/core/recsys/popularity';
import { loadRecommender } from '../../../src/core/recsys/registry';
import { prepareProtocol } from '../../../src/core/recsys/protocol';
import { evaluateModel, summarise } from '../../../src/core/recsys/evaluate';
import { matrixFromInteractions } from '../../../src/core/recsys/matrix';
import { initTf } from '../../../src/core/runtime/backend';
import type { Recommender } from '../../../src/core/recsys/recommender';
import { plantedLog } from './fixtures';

test('SASRec learns the planted tastes, leaks no tensors, and saves/loads to the same scores', async () => {
  await initTf();
  const log = plantedLog(120, 30, 5);
  const p = prepareProtocol(log, { kind: 'leave-last', n: 1 });
  const ndcg = async (m: Recommender): Promise<number> => {
    const r = await evaluateModel(m, { test: p.test, history: p.trainMatrix, users: p.users, seed: 1 });
    return summarise(r, { resamples: 50 }).metrics['ndcg@10']!.value;
  };
  const pop = new PopularityRecommender();
  await pop.fit(p.split.train);
  const model = new SasRecRecommender({ dModel: 16, nLayers: 1, maxLen: 12, epochs: 12, earlyStopping: false, learningRate: 0.01, seed: 2 });
  const before = tf.memory().numTensors;
  await model.fit(p.split.train);
  const variables = tf.memory().numTensors - before;
  // Only the model's variables stay alive after training (item table + Transformer weights).
  assert.ok(variables > 0 && variables < 40, `tensors kept after fit: ${variables}`);
  const popNdcg = await ndcg(pop);
  const seqNdcg = await ndcg(model);
  assert.ok(seqNdcg > popNdcg * 1.2, `SASRec ${seqNdcg} vs popularity ${popNdcg}`);
  const afterEval = tf.memory().numTensors;
  assert.equal(afterEval, before + variables, 'scoring leaks no tensors');

  const dir = await mkdtemp(join(tmpdir(), 'sasrec-'));
  try {
    await model.save(dir);
    const back = await loadRecommender(dir);
    const h = matrixFromInteractions(p.split.train);
    const a = new Float32Array(log.itemIds.length * 2);
    const b = new Float32Array(log.itemIds.length * 2);
    model.scoreUsers(Int32Array.of(3, 7), h, a);
    back.scoreUsers(Int32Array.of(3, 7), h, b);
    assert.deepEqual([...b].map((v) => +v.toFixed(5)), [...a].map((v) => +v.toFixed(5)));
    (back as SasRecRecommender).dispose();
  } finally {
    await rm(dir, { recursive: true, force: true });
    model.dispose();
  }
});
