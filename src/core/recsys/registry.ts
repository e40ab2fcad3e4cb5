/** Builds and loads recommenders by kind name. */
import { readModel } from './persist';
import { BprRecommender, type BprOptions } from './bpr';
import { ItemKnnRecommender, type ItemKnnOptions } from './itemknn';
import { PopularityRecommender } from './popularity';
import type { Recommender, RecommenderKind } from './recommender';

export const RECOMMENDER_KINDS: readonly RecommenderKind[] = ['popularity', 'itemknn', 'bpr', 'sasrec'];

export interface ModelOptions {
  readonly itemknn?: ItemKnnOptions;
  readonly bpr?: BprOptions;
  readonly sasrec?: Record<string, unknown>;
}

export async function createRecommender(kind: RecommenderKind, opts: ModelOptions = {}, seed = 1): Promise<Recommender> {
  switch (kind) {
    case 'popularity':
      return new PopularityRecommender();
    case 'itemknn':
      return new ItemKnnRecommender(opts.itemknn);
    case 'bpr':
      return new BprRecommender({ seed, ...opts.bpr });
    case 'sasrec': {
      const { SasRecRecommender } = await import('./sasrec');
      return new SasRecRecommender({ seed, ...opts.sasrec });
    }
  }
}

export function parseRecommenderKind(name: string): RecommenderKind {
  const k = RECOMMENDER_KINDS.find((x) => x === name);
  if (!k) throw new Error(`Unknown recommender "${name}"; choose from ${RECOMMENDER_KINDS.join(', ')}.`);
  return k;
}

/** Loads a recommender saved with save(dir), whatever its kind. */
export async function loadRecommender(dir: string): Promise<Recommender> {
  const kind = parseRecommenderKind(String((await readModel(dir)).meta.kind));
  switch (kind) {
    case 'popularity':
      return PopularityRecommender.load(dir);
    case 'itemknn':
      return ItemKnnRecommender.load(dir);
    case 'bpr':
      return BprRecommender.load(dir);
    case 'sasrec': {
      const { SasRecRecommender } = await import('./sasrec');
      return SasRecRecommender.load(dir);
    }
  }
}
