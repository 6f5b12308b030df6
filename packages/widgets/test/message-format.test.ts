// The hand-written ICU MessageFormat against the reference implementation (intl-messageformat):
// every message the widgets ship, in both languages, with counts that pick each plural category.
// The dashboard's catalogs are checked the same way in demo/test/catalogs.test.ts.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { da } from '../src/internal/locales/da.ts';
import { en } from '../src/internal/locales/en.ts';
import { registerLocale, translate } from '../src/internal/locale.ts';
import { formatMessage } from '../src/internal/message-format.ts';

interface AstElement {
  type: number;
  value?: string;
  options?: Record<string, { value: AstElement[] }>;
}

/** The argument names of a pattern (from the reference parser's tree), with whether each is counted (plural or number). */
export function argumentsOf(pattern: string): Map<string, boolean> {
  const names = new Map<string, boolean>();
  const walk = (elements: AstElement[]) => {
    for (const element of elements) {
      // 1 argument, 2 number, 5 select, 6 plural (the parser's TYPE enumeration).
      if ([1, 2, 5, 6].includes(element.type)) names.set(element.value!, (names.get(element.value!) ?? false) || element.type === 2 || element.type === 6);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(pattern, 'en', undefined, { ignoreTag: true }).getAst() as AstElement[]);
  return names;
}

/** Formats `pattern` both ways for counts 0, 1, 2, 5, 21 and 1234.5, and text values with markup. */
export function expectSameAsReference(locale: string, pattern: string): void {
  for (const count of [0, 1, 2, 5, 21, 1234.5]) {
    const values: Record<string, string | number> = {};
    for (const [name, counted] of argumentsOf(pattern)) values[name] = counted ? count : `<b>${name}</b> & '${count}'`;
    const reference = new IntlMessageFormat(pattern, locale, undefined, { ignoreTag: true }).format(values);
    expect(formatMessage(locale, pattern, values), `${locale}: ${pattern}`).toBe(reference);
  }
}

describe('formatMessage', () => {
  it('picks the plural form by the locale, with exact matches first and # as the formatted count', () => {
    const pattern = '{count, plural, =0 {no changes} one {# change} other {# changes}}';
    expect(formatMessage('en', pattern, { count: 0 })).toBe('no changes');
    expect(formatMessage('en', pattern, { count: 1 })).toBe('1 change');
    expect(formatMessage('en', pattern, { count: 1234 })).toBe('1,234 changes');
    expect(formatMessage('da', '{count, plural, one {# ændring} other {# ændringer}}', { count: 1234.5 })).toBe('1.234,5 ændringer');
  });

  it('selects by text, nests, and leaves values as text', () => {
    const pattern = '{stage, select, lead {{name} became a lead} other {{name} moved}}';
    expect(formatMessage('en', pattern, { stage: 'lead', name: '<img src=x>' })).toBe('<img src=x> became a lead');
    expect(formatMessage('en', pattern, { stage: 'customer', name: 'Ann' })).toBe('Ann moved');
  });

  it('quotes special characters between apostrophes, as ICU does; a lone apostrophe is text', () => {
    expect(formatMessage('en', "one object, '{ … }', isn''t it? {n, plural, other {'#' #}}", { n: 3 })).toBe("one object, { … }, isn't it? # 3");
    expect(formatMessage('en', "Ann's score")).toBe("Ann's score");
    expectSameAsReference('en', "one object, '{ … }', isn''t it? {n, plural, other {'#' #}}");
  });

  it('refuses a malformed pattern with where it broke', () => {
    expect(() => formatMessage('en', '{count, plural, one {# x}}')).toThrow(/"other" option/);
    expect(() => formatMessage('en', '{count, date}')).toThrow(/number, plural or select/);
  });

  it('shows a registered locale\'s malformed message as text with its values, instead of breaking the element', () => {
    registerLocale('qaa', { ...en, 'scoreCard.changes': "{{7*7}} ${x} ' {count} changes {count, plural, one {" });
    expect(translate('qaa', 'scoreCard.changes', { count: 2 })).toBe("{{7*7}} ${x} ' 2 changes {count, plural, one {");
    expect(translate('qaa', 'scoreCard.events', { count: 2 })).toBe('2 events');
  });

  it('formats every shipped widget message as intl-messageformat does', () => {
    for (const pattern of Object.values(en)) expectSameAsReference('en', pattern);
    for (const pattern of Object.values(da)) expectSameAsReference('da', pattern);
  });
});
