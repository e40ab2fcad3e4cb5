/** Most-popular baseline: every user gets the items bought by the most distinct users. */
import type { Interactions } from '../data/interactions';
import { type TaskOptions, throwIfAborted } from '../runtime/progress';
import { matrixArrays, matrixFromStored, recommendFromScores, requireFitted } from './base';
import { type UserItemMatrix, itemDegrees, matrixFromInteractions } from './matrix';
import { readModel, writeModel } from './persist';
import type { FitReport, Recommendation, RecommendOptions, Recommender } from './recommender';

interface PopularityState {
  readonly itemIds: readonly string[];
  readonly train: UserItemMatrix;
  readonly counts: Float32Array;
}

export class PopularityRecommender implements Recommender {
  readonly kind = 'popularity' as const;
  private state: PopularityState | null = null;

  get nItems(): number {
    return requireFitted(this.state, this.kind).itemIds.length;
  }

  async fit(train: Interactions, opts: TaskOptions = {}): Promise<FitReport> {
    const t0 = performance.now();
    throwIfAborted(opts.signal);
    const m = matrixFromInteractions(train);
    this.state = { itemIds: train.itemIds, train: m, counts: Float32Array.from(itemDegrees(m)) };
    opts.onProgress?.({ stage: 'fitting', fraction: 1, model: this.kind });
    return { seconds: (performance.now() - t0) / 1000 };
  }

  scoreUsers(users: Int32Array, _history: UserItemMatrix, out: Float32Array): void {
    const { counts } = requireFitted(this.state, this.kind);
    for (let b = 0; b < users.length; b++) out.set(counts, b * counts.length);
  }

  recommend(user: number, k: number, opts?: RecommendOptions): Recommendation[] {
    const s = requireFitted(this.state, this.kind);
    return recommendFromScores(this, s.train, s.itemIds, user, k, opts);
  }

  async save(dir: string): Promise<void> {
    const s = requireFitted(this.state, this.kind);
    await writeModel(dir, { kind: this.kind, version: 1, itemIds: s.itemIds, nUsers: s.train.nUsers }, { counts: s.counts, ...matrixArrays(s.train) });
  }

  static async load(dir: string): Promise<PopularityRecommender> {
    const f = await readModel(dir);
    const itemIds = f.meta.itemIds as string[];
    const r = new PopularityRecommender();
    r.state = { itemIds, counts: f.float32('counts'), train: matrixFromStored(f, f.meta.nUsers as number, itemIds.length) };
    return r;
  }
}
