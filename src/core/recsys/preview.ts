/**
 * The recommendation preview: a user's history, their actual future items, and the top-10 of two
 * models side by side, each item with its description, so a person can judge the lists by eye.
 */
import type { Interactions } from '../data/interactions';
import { type UserItemMatrix, contains, rowOf } from './matrix';
import type { Recommender } from './recommender';

export interface PreviewItem {
  readonly itemId: string;
  readonly description: string | null;
  /** Model score (recommendation lists). */
  readonly score?: number;
  /** ISO time of the interaction (history and future). */
  readonly time?: string;
  /** True when a recommended item is among the user's future items. */
  readonly hit?: boolean;
}

export interface PreviewUser {
  readonly userId: string;
  readonly history: readonly PreviewItem[];
  readonly future: readonly PreviewItem[];
  readonly real: readonly PreviewItem[];
  readonly augmented: readonly PreviewItem[] | null;
}

/** The item feature that reads best as a description: a name like description/title/name, else the first text feature. */
export function descriptionFeature(x: Interactions): readonly (string | number | null)[] | null {
  const f = x.itemFeatures;
  if (!f) return null;
  const names = Object.keys(f);
  const named = names.find((n) => /desc|title|name|label/i.test(n));
  const textual = names.find((n) => (f[n] ?? []).some((v) => typeof v === 'string'));
  const chosen = named ?? textual;
  return chosen ? f[chosen]! : null;
}

export interface PreviewInput {
  readonly interactions: Interactions;
  readonly history: UserItemMatrix;
  readonly test: UserItemMatrix;
  readonly real: Recommender;
  readonly augmented: Recommender | null;
  /** Most recent history items shown (default 20). */
  readonly historyLength?: number;
  readonly k?: number;
}

export function previewUser(user: number, input: PreviewInput): PreviewUser {
  const x = input.interactions;
  const desc = descriptionFeature(x);
  const item = (i: number, extra: Partial<PreviewItem> = {}): PreviewItem => {
    const d = desc?.[i];
    return { itemId: x.itemIds[i]!, description: d === null || d === undefined ? null : String(d), ...extra };
  };
  const seq = input.history.sequence;
  const history: PreviewItem[] = [];
  if (seq) {
    const start = seq.indptr[user]!;
    const end = seq.indptr[user + 1]!;
    const times = x.time;
    for (let e = Math.max(start, end - (input.historyLength ?? 20)); e < end; e++) {
      history.push(item(seq.items[e]!, times.length === seq.items.length ? { time: new Date(times[e]!).toISOString() } : {}));
    }
  } else for (const i of rowOf(input.history, user)) history.push(item(i));
  const k = input.k ?? 10;
  const list = (m: Recommender): PreviewItem[] =>
    m.recommend(user, k, { history: input.history }).map((r) => item(r.item, { score: r.score, hit: contains(input.test, user, r.item) }));
  return {
    userId: x.userIds[user]!,
    history,
    future: Array.from(rowOf(input.test, user), (i) => item(i)),
    real: list(input.real),
    augmented: input.augmented ? list(input.augmented) : null,
  };
}
