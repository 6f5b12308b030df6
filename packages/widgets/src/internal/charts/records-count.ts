import { formatNumber } from '../format.ts';
import { translate } from '../locale.ts';

/** "1 record", "3 records" (Danish "1 post", "3 poster"): the plural form by the locale's own rules. */
export function recordsCount(locale: string, count: number): string {
  const key = new Intl.PluralRules(locale).select(count) === 'one' ? 'recordsCountOne' : 'recordsCount';
  return translate(locale, key, { count: formatNumber(locale, count) });
}
