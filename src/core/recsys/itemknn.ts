/**
 * Item-based k-nearest-neighbours (Deshpande and Karypis 2004; Sarwar et al. 2001): cosine
 * similarity of items' buyer sets, shrunk towards zero for items with few common buyers, keeping
 * each item's top-N neighbours. A user's score for item j sums the similarities of j to the items
 * in the user's history, so it recommends for any history, including users unseen in training.
 */
import type { Interactions } from '../data/interactions';
import { type TaskOptions, throwIfAborted, yieldToLoop } from '../runtime/progress';
import { matrixArrays, matrixFromStored, recommendFromScores, requireFitted } from './base';
import { type UserItemMatrix, itemDegrees, matrixFromInteractions, transpose } from './matrix';
import { readModel, writeModel } from './persist';
import type { FitReport, Recommendation, RecommendOptions, Recommender } from './recommender';
import { topK } from './ranking';

export interface ItemKnnOptions {
  /** Neighbours kept per item (default 100). */
  readonly neighbours?: number;
  /** Shrinkage added to the cosine denominator: damps similarities resting on few co-buyers (default 10). */
  readonly shrink?: number;
}

interface ItemKnnState {
  readonly itemIds: readonly string[];
  readonly train: UserItemMatrix;
  /** Neighbour lists in CSR form: item i's neighbours are nbr[indptr[i] .. indptr[i+1]). */
  readonly indptr: Int32Array;
  readonly nbr: Int32Array;
  readonly sim: Float32Array;
}

export class ItemKnnRecommender implements Recommender {
  readonly kind = 'itemknn' as const;
  readonly neighbours: number;
  readonly shrink: number;
  private state: ItemKnnState | null = null;

  constructor(opts: ItemKnnOptions = {}) {
    this.neighbours = opts.neighbours ?? 100;
    this.shrink = opts.shrink ?? 10;
    if (!(this.neighbours >= 1)) throw new Error(`item-kNN neighbours must be at least 1 (got ${this.neighbours}).`);
    if (!(this.shrink >= 0)) throw new Error(`item-kNN shrink must be zero or more (got ${this.shrink}).`);
  }

  get nItems(): number {
    return requireFitted(this.state, this.kind).itemIds.length;
  }

  async fit(train: Interactions, opts: TaskOptions = {}): Promise<FitReport> {
    const t0 = performance.now();
    const m = matrixFromInteractions(train);
    const byItem = transpose(m);
    const degree = itemDegrees(m);
    const nItems = m.nItems;
    const co = new Float32Array(nItems);
    const touched = new Int32Array(nItems);
    const indptr = new Int32Array(nItems + 1);
    const nbrParts: Int32Array[] = [];
    const simParts: Float32Array[] = [];
    let lastYield = performance.now();
    for (let i = 0; i < nItems; i++) {
      // Co-buyer counts of item i with every other item, through i's buyers.
      let nTouched = 0;
      for (let a = byItem.indptr[i]!; a < byItem.indptr[i + 1]!; a++) {
        const u = byItem.indices[a]!;
        for (let b = m.indptr[u]!; b < m.indptr[u + 1]!; b++) {
          const j = m.indices[b]!;
          if (j === i) continue;
          if (co[j] === 0) touched[nTouched++] = j;
          co[j]!++;
        }
      }
      const di = degree[i]!;
      for (let t = 0; t < nTouched; t++) {
        const j = touched[t]!;
        co[j] = co[j]! / (Math.sqrt(di * degree[j]!) + this.shrink);
      }
      const candidates = touched.subarray(0, nTouched);
      let keep: Int32Array;
      if (nTouched <= this.neighbours) keep = candidates.slice();
      else {
        const sims = new Float32Array(nTouched);
        for (let t = 0; t < nTouched; t++) sims[t] = co[candidates[t]!]!;
        keep = Int32Array.from(topK(sims, this.neighbours), (t) => candidates[t]!);
      }
      const kept = new Float32Array(keep.length);
      for (let t = 0; t < keep.length; t++) kept[t] = co[keep[t]!]!;
      for (let t = 0; t < nTouched; t++) co[touched[t]!] = 0;
      nbrParts.push(keep);
      simParts.push(kept);
      indptr[i + 1] = indptr[i]! + keep.length;
      if (performance.now() - lastYield > 100) {
        throwIfAborted(opts.signal);
        opts.onProgress?.({ stage: 'fitting', fraction: (i + 1) / nItems, model: this.kind });
        await yieldToLoop();
        lastYield = performance.now();
      }
    }
    const nbr = new Int32Array(indptr[nItems]!);
    const sim = new Float32Array(indptr[nItems]!);
    for (let i = 0; i < nItems; i++) {
      nbr.set(nbrParts[i]!, indptr[i]!);
      sim.set(simParts[i]!, indptr[i]!);
    }
    this.state = { itemIds: train.itemIds, train: m, indptr, nbr, sim };
    opts.onProgress?.({ stage: 'fitting', fraction: 1, model: this.kind });
    return { seconds: (performance.now() - t0) / 1000 };
  }

  scoreUsers(users: Int32Array, history: UserItemMatrix, out: Float32Array): void {
    const s = requireFitted(this.state, this.kind);
    const nItems = s.itemIds.length;
    out.fill(0, 0, users.length * nItems);
    for (let b = 0; b < users.length; b++) {
      const u = users[b]!;
      const base = b * nItems;
      for (let a = history.indptr[u]!; a < history.indptr[u + 1]!; a++) {
        const i = history.indices[a]!;
        for (let k = s.indptr[i]!; k < s.indptr[i + 1]!; k++) out[base + s.nbr[k]!]! += s.sim[k]!;
      }
    }
  }

  recommend(user: number, k: number, opts?: RecommendOptions): Recommendation[] {
    const s = requireFitted(this.state, this.kind);
    return recommendFromScores(this, s.train, s.itemIds, user, k, opts);
  }

  async save(dir: string): Promise<void> {
    const s = requireFitted(this.state, this.kind);
    await writeModel(
      dir,
      { kind: this.kind, version: 1, itemIds: s.itemIds, nUsers: s.train.nUsers, neighbours: this.neighbours, shrink: this.shrink },
      { nbrIndptr: s.indptr, nbr: s.nbr, sim: s.sim, ...matrixArrays(s.train) },
    );
  }

  static async load(dir: string): Promise<ItemKnnRecommender> {
    const f = await readModel(dir);
    const itemIds = f.meta.itemIds as string[];
    const r = new ItemKnnRecommender({ neighbours: f.meta.neighbours as number, shrink: f.meta.shrink as number });
    r.state = {
      itemIds,
      train: matrixFromStored(f, f.meta.nUsers as number, itemIds.length),
      indptr: f.int32('nbrIndptr'),
      nbr: f.int32('nbr'),
      sim: f.float32('sim'),
    };
    return r;
  }
}
