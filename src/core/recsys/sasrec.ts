/** Placeholder replaced by the sequential model below once the Transformer blocks are wired. */
import type { Interactions } from '../data/interactions';
import type { UserItemMatrix } from './matrix';
import type { FitReport, Recommendation, Recommender } from './recommender';

export class SasRecRecommender implements Recommender {
  readonly kind = 'sasrec' as const;
  constructor(_opts: Record<string, unknown> = {}) {}
  get nItems(): number {
    throw new Error('not ready');
  }
  async fit(_train: Interactions): Promise<FitReport> {
    throw new Error('The sequential recommender is not available yet.');
  }
  scoreUsers(_u: Int32Array, _h: UserItemMatrix, _o: Float32Array): void {
    throw new Error('not ready');
  }
  recommend(): Recommendation[] {
    throw new Error('not ready');
  }
  async save(): Promise<void> {
    throw new Error('not ready');
  }
  static async load(_dir: string): Promise<SasRecRecommender> {
    throw new Error('not ready');
  }
}
