/**
 * The one interface every recommender implements. Users and items are the indices of the
 * Interactions the model was fitted on; a model's hyperparameters go to its constructor.
 */
import type { Interactions } from '../data/interactions';
import type { TaskOptions } from '../runtime/progress';
import type { UserItemMatrix } from './matrix';

export type RecommenderKind = 'popularity' | 'itemknn' | 'bpr' | 'sasrec';

export interface FitReport {
  readonly seconds: number;
  /** Epochs run and the one kept by early stopping, for models that train by epochs. */
  readonly epochs?: number;
  readonly bestEpoch?: number;
  /** Validation NDCG@10 of the kept model, when a validation split was used. */
  readonly validationNdcg10?: number;
  readonly notes?: readonly string[];
}

export interface Recommendation {
  readonly item: number;
  readonly itemId: string;
  readonly score: number;
}

export interface RecommendOptions {
  /** Leave out items the user already has in the training data (default true). */
  readonly excludeSeen?: boolean;
  /** The user's known items, when they differ from the training data (e.g. a model fitted on synthetic data). */
  readonly history?: UserItemMatrix;
}

export interface Recommender {
  readonly kind: RecommenderKind;
  fit(train: Interactions, opts?: TaskOptions): Promise<FitReport>;
  /**
   * Scores of every item for each user, row-major into out (users.length x nItems): the batched
   * path full-ranking evaluation uses. history gives each user's known items; models that
   * recommend from a history (item-kNN, sequential) read it, models with user factors use it only
   * for users they never saw in training.
   */
  scoreUsers(users: Int32Array, history: UserItemMatrix, out: Float32Array): void;
  recommend(user: number, k: number, opts?: RecommendOptions): Recommendation[];
  /** Writes everything needed to recommend again into dir (created when missing). */
  save(dir: string): Promise<void>;
  readonly nItems: number;
}
