/**
 * The colour tier of a threshold label: high/medium/low as they are; A1..C3 by the better of fit
 * (letter) and engagement (digit) — A1, A2, B1 are high; A3, B2, C1 medium; B3, C2, C3 low.
 */
export function tierOf(label: string): 'high' | 'medium' | 'low' {
  if (label === 'high' || label === 'medium' || label === 'low') return label;
  const match = /^([ABC])([123])$/.exec(label);
  if (!match) return 'low';
  const rank = 'ABC'.indexOf(match[1]!) + Number(match[2]) - 1;
  return rank <= 1 ? 'high' : rank === 2 ? 'medium' : 'low';
}
