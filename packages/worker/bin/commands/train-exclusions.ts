import type { Exclusion } from '../../src/ai/exclusions.ts';

const WHY: Record<Exclusion['reason'], string> = {
  outcome: 'the outcome',
  requested: 'excluded by --exclude-properties',
  identifier: 'an identifier',
  name: 'a name',
  email: 'an email address',
  phone: 'a phone number',
  free_text: 'free text',
  leakage: 'likely leakage',
};

/**
 * One line of `leadscore train`'s stderr: `left out "Tags": likely leakage (AUC 0.922; "Will revert
 * after reading the email": 2006 of 2071 converted); --keep "Tags" to use it`.
 */
export function describeExclusion(entry: Exclusion): string {
  const by = entry.by === undefined ? '' : ` (by its ${entry.by === 'name' ? 'name' : 'values'})`;
  if (entry.reason !== 'leakage' || !entry.leakage) return `left out "${entry.property}": ${WHY[entry.reason]}${by}`;
  const { auc, value, contacts, converted } = entry.leakage;
  const evidence = contacts === undefined ? '' : `; ${value === null ? 'no value' : `"${value}"`}: ${converted} of ${contacts} converted`;
  const figures = `likely leakage (AUC ${auc.toFixed(3)}${evidence})`;
  return entry.kept ? `kept "${entry.property}" (--keep): ${figures}` : `left out "${entry.property}": ${figures}; --keep "${entry.property}" to use it`;
}
