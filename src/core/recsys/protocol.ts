/**
 * The evaluation protocol in one place: chronological split, test targets (future items the user
 * did not already have, since seen items are excluded from rankings), and the users evaluated.
 */
import type { Interactions } from '../data/interactions';
import { type UserItemMatrix, contains, matrixFromInteractions, matrixFromPairs } from './matrix';
import { type Split, type SplitSpec, chronologicalSplit } from './split';
import { usersWithTestItems } from './evaluate';

export interface Protocol {
  readonly split: Split;
  readonly trainMatrix: UserItemMatrix;
  /** Future items per user, minus those already in the user's training history. */
  readonly test: UserItemMatrix;
  /** Users with at least one training and one test item. */
  readonly users: Int32Array;
}

/** Test pairs that are new to the user (not already in training). */
export function newItemTargets(train: UserItemMatrix, test: Interactions): UserItemMatrix {
  const us: number[] = [];
  const its: number[] = [];
  for (let i = 0; i < test.user.length; i++) {
    const u = test.user[i]!;
    const it = test.item[i]!;
    if (!contains(train, u, it)) {
      us.push(u);
      its.push(it);
    }
  }
  return matrixFromPairs(train.nUsers, train.nItems, us, its);
}

export function prepareProtocol(x: Interactions, spec: SplitSpec): Protocol {
  const split = chronologicalSplit(x, spec);
  const trainMatrix = matrixFromInteractions(split.train);
  const test = newItemTargets(trainMatrix, split.test);
  const users = usersWithTestItems(test).filter((u) => trainMatrix.indptr[u + 1]! > trainMatrix.indptr[u]!);
  return { split, trainMatrix, test, users };
}
