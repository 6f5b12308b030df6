import { translate, type MessageKey } from './locale.ts';
import { en } from './locales/en.ts';

/**
 * A lifecycle stage's or lead status's label in the locale: a standard option (lifecycle.md §1.1,
 * §5.1) still under its default English label is translated; a renamed or custom one is the
 * user's own words and shows as it is.
 */
export function optionLabel(locale: string, field: 'stage' | 'leadStatus', id: string, label: string): string {
  const key = `${field}.${id}` as MessageKey;
  return key in en && en[key] === label ? translate(locale, key) : label;
}
