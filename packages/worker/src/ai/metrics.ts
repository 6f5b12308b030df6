/**
 * The area under the ROC curve: the chance that a random converted contact scores above a random
 * non-converted one, ties counting half (the Mann–Whitney statistic, from ranks with ties averaged).
 */
export function auc(scores: readonly number[], converted: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  converted.forEach((yes, i) => {
    if (!yes) return;
    positives++;
    rankSum += ranks[i]!;
  });
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface LabelRate {
  label: string;
  records: number;
  converted: number;
  /** converted / records; null for an empty label. */
  rate: number | null;
}

/** Conversion rate per threshold label (scoring.md §10.3): how well the labels separate the sides. */
export function ratesByLabel(labels: readonly (string | null)[], converted: readonly boolean[], order: readonly string[]): LabelRate[] {
  return order.map((label) => {
    let records = 0;
    let yes = 0;
    labels.forEach((other, i) => {
      if (other !== label) return;
      records++;
      if (converted[i]) yes++;
    });
    return { label, records, converted: yes, rate: records === 0 ? null : yes / records };
  });
}
