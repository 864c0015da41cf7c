/**
 * Discrimination measures of a score against a good/bad outcome, as used in credit-model validation:
 * AUC (area under the ROC curve), Gini = 2 * AUC - 1 (accuracy ratio) and the Kolmogorov-Smirnov statistic
 * (largest gap between the cumulative score distributions of goods and bads).
 *
 * Convention: a higher score means a better (less risky) customer; `bad[i]` is true for a defaulter.
 */

export interface Discrimination {
  auc: number;
  gini: number;
  ks: number;
}

/** Mann-Whitney AUC with ties counted as half: P(score of a random good > score of a random bad). */
export function areaUnderRoc(scores: ArrayLike<number>, bad: ArrayLike<boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let goods = 0;
  let bads = 0;
  let goodRankSum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based; tied scores share their average rank
    for (let k = i; k <= j; k++) {
      if (bad[order[k]]) bads++;
      else {
        goods++;
        goodRankSum += averageRank;
      }
    }
    i = j + 1;
  }
  if (goods === 0 || bads === 0) return NaN;
  return (goodRankSum - (goods * (goods + 1)) / 2) / (goods * bads);
}

export function kolmogorovSmirnov(scores: ArrayLike<number>, bad: ArrayLike<boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let totalBad = 0;
  for (let i = 0; i < bad.length; i++) if (bad[i]) totalBad++;
  const totalGood = scores.length - totalBad;
  if (totalGood === 0 || totalBad === 0) return NaN;
  let cumBad = 0;
  let cumGood = 0;
  let ks = 0;
  for (let i = 0; i < order.length; i++) {
    if (bad[order[i]]) cumBad++;
    else cumGood++;
    // Only compare at the end of a run of tied scores: a threshold cannot split equal scores.
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[order[i]]) ks = Math.max(ks, Math.abs(cumBad / totalBad - cumGood / totalGood));
  }
  return ks;
}

export function discrimination(scores: ArrayLike<number>, bad: ArrayLike<boolean>): Discrimination {
  const auc = areaUnderRoc(scores, bad);
  return { auc, gini: 2 * auc - 1, ks: kolmogorovSmirnov(scores, bad) };
}
