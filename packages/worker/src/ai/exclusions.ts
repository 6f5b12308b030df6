import type { ExcludedProperty } from '../contract/training.ts';
import { leakageOf } from './leakage.ts';
import type { PropertyColumn } from './property-columns.ts';
import { propertyRole, wordsOf } from './property-roles.ts';
import { isYes } from './samples.ts';
import { trainingError } from './training-error.ts';

/** A property left out of the model and why (docs/training.md): declared once, in the contract. */
export type Exclusion = ExcludedProperty;
export type ExclusionReason = ExcludedProperty['reason'];

export interface Screening {
  /** The columns the model may learn from. */
  usable: PropertyColumn[];
  /** Every property left out, and each flagged one that was kept, in the columns' order. */
  excluded: Exclusion[];
}

/**
 * Screens the properties before any criterion is made from them. The outcome (the label, the
 * contact's and its company's lifecycle properties, or a property whose yes/no values are the
 * outcome itself), the ones the request excludes, and identifiers, names, emails, phone numbers
 * and free text are never used;
 * a property that separates the outcome almost perfectly is likely recorded after it and is left
 * out unless the request keeps it. Measured on all the samples, so the figures are the ones the
 * user can count in the data, the same whatever the seed.
 */
export function screenProperties(
  columns: readonly PropertyColumn[],
  converted: readonly boolean[],
  /** `outcome`: the names (a company's as `company.<name>`) that are the outcome, compared without case, spaces or punctuation. */
  options: { outcome: readonly string[]; exclude: readonly string[]; keep: readonly string[]; minSupport: number },
): Screening {
  const outcomeNames = new Set(options.outcome.map((name) => wordsOf(name).join('')));
  const exclude = new Set(options.exclude);
  const keep = new Set(options.keep);
  const usable: PropertyColumn[] = [];
  const excluded: Exclusion[] = [];
  for (const column of columns) {
    const fixed = fixedExclusion(column, converted, outcomeNames, exclude);
    if (fixed) {
      if (keep.has(column.key)) throw trainingError(`"${column.key}" cannot be kept: ${KEEP_REFUSED[fixed.reason as Exclude<ExclusionReason, 'leakage'>]}; only properties flagged as likely leakage can be kept`);
      excluded.push(fixed);
      continue;
    }
    const { flagged, figure } = leakageOf(column, converted, options.minSupport);
    if (flagged) excluded.push({ property: column.key, reason: 'leakage', leakage: figure, ...(keep.has(column.key) ? { kept: true as const } : {}) });
    if (!flagged || keep.has(column.key)) usable.push(column);
  }
  return { usable, excluded };
}

function fixedExclusion(column: PropertyColumn, converted: readonly boolean[], outcomeNames: ReadonlySet<string>, exclude: ReadonlySet<string>): Exclusion | undefined {
  const property = column.key;
  if (outcomeNames.has(wordsOf(property).join(''))) return { property, reason: 'outcome', by: 'name' };
  // A copy of the outcome under another name (a CSV's "Converted" beside the imported "converted").
  if (column.values.every((value, i) => isYes(value) === converted[i])) return { property, reason: 'outcome', by: 'values' };
  if (exclude.has(property)) return { property, reason: 'requested' };
  const role = propertyRole(column);
  return role && { property, reason: role.role, by: role.by };
}

const KEEP_REFUSED: Record<Exclude<ExclusionReason, 'leakage'>, string> = {
  outcome: 'it is the outcome',
  requested: 'it is also excluded',
  identifier: 'it is an identifier',
  name: 'it is a name',
  email: 'it is an email address',
  phone: 'it is a phone number',
  free_text: 'it is free text',
};
