import { da } from './locales/da.ts';
import { en, type MessageKey, type Messages } from './locales/en.ts';
import { formatMessage, type MessageValues } from './message-format.ts';

export type { MessageKey, Messages };

/** The shipped locales; a host adds its own with `registerLocale`. */
const table = new Map<string, Messages>([['en', en], ['da', da]]);

/**
 * Adds (or replaces) a locale: every key of English, in another language. The tag must be one Intl
 * accepts (BCP 47, e.g. `de`, `pt-BR`, `qaa` for a private one): the elements format numbers and
 * dates with it, so an element of a tag Intl refuses could not render.
 */
export function registerLocale(tag: string, messages: Messages): void {
  try {
    Intl.getCanonicalLocales(tag);
  } catch {
    throw new RangeError(`registerLocale needs a language tag Intl accepts (BCP 47, such as "de" or "pt-BR"), not ${JSON.stringify(tag)}`);
  }
  table.set(tag.toLowerCase(), messages);
}

/**
 * The element's `lang`, or the nearest ancestor's (the host page's `<html lang>` included), matched
 * to a shipped locale by its language ("da-DK" → da); English otherwise.
 */
export function localeOf(element: Element): string {
  const lang = element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang ?? '';
  const tag = lang.toLowerCase();
  if (table.has(tag)) return tag;
  const language = tag.split('-')[0] ?? '';
  return table.has(language) ? language : 'en';
}

/** A message (ICU MessageFormat: plurals, selects) with its values put in; record data stays text. */
export function translate(locale: string, key: MessageKey, values: MessageValues = {}): string {
  const messages = table.get(locale) ?? en;
  return formatted(locale, messages[key] ?? en[key], values);
}

/**
 * A registered locale's message that is not well-formed ICU (a host's stray `{`) must not break
 * the element: it shows as text, with `{name}` values put in. The shipped catalogs are all
 * well-formed (test/message-format.test.ts).
 */
function formatted(locale: string, pattern: string, values: MessageValues): string {
  try {
    return formatMessage(locale, pattern, values);
  } catch {
    return pattern.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  }
}

/**
 * Another part's messages (the dashboard's screens) under the same mechanism as the elements':
 * the language from `localeOf`, ICU MessageFormat, English where a locale lacks the catalog.
 * Returns, for an element, its text function.
 */
export function defineMessages<Key extends string>(english: Record<Key, string>, translations: Record<string, Record<Key, string>>) {
  return (element: Element) => {
    const locale = localeOf(element);
    const messages = translations[locale] ?? english;
    return (key: Key, values: MessageValues = {}): string => formatted(locale, messages[key] ?? english[key], values);
  };
}

/** Threshold labels the table knows (high/medium/low) are translated; A1..C3 and custom labels are shown as they are. */
export function labelText(locale: string, label: string): string {
  const key = `label.${label}` as MessageKey;
  return key in en ? translate(locale, key) : label;
}
