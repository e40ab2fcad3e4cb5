/** Stratified k-fold split with shuffling from an explicit Rng (sklearn's StratifiedKFold(shuffle=True) idea). */
import type { Rng } from '../runtime/rng';

/** Fold number per row: each class is shuffled and dealt into k near-equal parts. */
export function stratifiedFolds(labels: Uint8Array, k: number, rng: Rng): Int32Array {
  const fold = new Int32Array(labels.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) rows.push(i);
    rng.shuffle(rows);
    const base = Math.floor(rows.length / k);
    const extra = rows.length % k;
    let at = 0;
    for (let f = 0; f < k; f++) {
      const size = base + (f < extra ? 1 : 0);
      for (let j = 0; j < size; j++) fold[rows[at++]!] = f;
    }
  }
  return fold;
}
