import { translate } from '../locale.ts';

/** "1 record", "3 records" (Danish "1 post", "3 poster"): the plural form by the locale's own rules. */
export function recordsCount(locale: string, count: number): string {
  return translate(locale, 'recordsCount', { count });
}
