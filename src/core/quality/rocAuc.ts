/** Area under the ROC curve via the rank statistic (ties count one half), as sklearn's roc_auc_score. */
import { averageRanks } from './stats';

export function rocAuc(labels: Uint8Array, scores: Float64Array): number {
  const ranks = averageRanks(scores);
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]) {
      nPos++;
      rankSum += ranks[i]!;
    }
  }
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
