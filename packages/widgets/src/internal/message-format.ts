// ICU MessageFormat, the part the catalogs use: `{name}`, `{n, number}`, `{n, plural, =0 {…} one
// {# item} other {# items}}` (with `offset:` left out) and `{x, select, a {…} other {…}}`, nested;
// `'{'` quotes a special character and `''` is an apostrophe.
// Hand-written because the reference implementation (intl-messageformat) would add about a third to
// the widgets' bundle; test/message-format.test.ts checks every shipped message against it.
// Values stay text: nothing here builds markup.

type Part =
  | string
  | { kind: 'argument'; name: string; style: 'number' | null }
  | { kind: 'pound' }
  | { kind: 'plural' | 'select'; name: string; options: Map<string, Part[]> };

export type MessageValues = Record<string, string | number>;

const parsed = new Map<string, Part[]>();

/** `pattern` with `values` put in, plural categories chosen by `locale` (numbers formatted in it). */
export function formatMessage(locale: string, pattern: string, values: MessageValues = {}): string {
  let parts = parsed.get(pattern);
  if (!parts) {
    parts = new Parser(pattern).message(false);
    parsed.set(pattern, parts);
  }
  return render(parts, locale, values, null);
}

function render(parts: Part[], locale: string, values: MessageValues, pound: number | null): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if (part.kind === 'pound') out += pound === null ? '#' : numberText(locale, pound);
    else if (part.kind === 'argument') {
      const value = values[part.name];
      if (value === undefined) out += `{${part.name}}`;
      else out += typeof value === 'number' || part.style === 'number' ? numberText(locale, Number(value)) : value;
    } else if (part.kind === 'plural') {
      const count = Number(values[part.name]);
      const branch = part.options.get(`=${count}`) ?? part.options.get(new Intl.PluralRules(locale).select(count)) ?? part.options.get('other') ?? [];
      out += render(branch, locale, values, count);
    } else {
      const branch = part.options.get(String(values[part.name])) ?? part.options.get('other') ?? [];
      out += render(branch, locale, values, pound);
    }
  }
  return out;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberText(locale: string, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numberFormats.set(locale, format);
  }
  return Number.isFinite(value) ? format.format(value) : String(value);
}

class Parser {
  private at = 0;
  constructor(private readonly pattern: string) {}

  /** Text and arguments up to the end, or (nested) up to the `}` closing an option. */
  message(nested: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    while (this.at < this.pattern.length) {
      const char = this.pattern[this.at]!;
      if (char === '}' && nested) break;
      if (char === '{') {
        if (text) parts.push(text);
        text = '';
        parts.push(this.argument());
      } else if (char === '#' && nested) {
        if (text) parts.push(text);
        text = '';
        parts.push({ kind: 'pound' });
        this.at += 1;
      } else if (char === "'" && this.pattern[this.at + 1] === "'") {
        text += "'";
        this.at += 2;
      } else if (char === "'" && /[{}#|]/.test(this.pattern[this.at + 1] ?? '')) {
        text += this.quoted();
      } else {
        text += char;
        this.at += 1;
      }
    }
    if (text) parts.push(text);
    return parts;
  }

  /** ICU quoting: from an apostrophe before a special character to the next lone apostrophe, literally. */
  private quoted(): string {
    let text = '';
    this.at += 1;
    while (this.at < this.pattern.length) {
      const char = this.pattern[this.at]!;
      if (char === "'") {
        if (this.pattern[this.at + 1] !== "'") {
          this.at += 1;
          return text;
        }
        this.at += 1;
      }
      text += char;
      this.at += 1;
    }
    return text;
  }

  private argument(): Part {
    this.at += 1;
    const name = this.word();
    this.space();
    if (this.eat('}')) return { kind: 'argument', name, style: null };
    this.expect(',');
    this.space();
    const type = this.word();
    this.space();
    if (type === 'number' && this.eat('}')) return { kind: 'argument', name, style: 'number' };
    if (type !== 'plural' && type !== 'select') this.fail(`an argument type of number, plural or select, not "${type}"`);
    this.expect(',');
    const options = new Map<string, Part[]>();
    for (;;) {
      this.space();
      if (this.eat('}')) break;
      const key = this.word();
      this.space();
      this.expect('{');
      options.set(key, this.message(true));
      this.expect('}');
    }
    if (!options.has('other')) this.fail(`an "other" option in {${name}, ${type}}`);
    return { kind: type, name, options };
  }

  private word(): string {
    const match = /^[=\w.-]+/.exec(this.pattern.slice(this.at));
    if (!match) this.fail('a name');
    this.at += match![0].length;
    return match![0];
  }

  private space(): void {
    while (/\s/.test(this.pattern[this.at] ?? '')) this.at += 1;
  }

  private eat(char: string): boolean {
    if (this.pattern[this.at] !== char) return false;
    this.at += 1;
    return true;
  }

  private expect(char: string): void {
    if (!this.eat(char)) this.fail(`"${char}"`);
  }

  private fail(wanted: string): never {
    throw new SyntaxError(`Message ${JSON.stringify(this.pattern)}: expected ${wanted} at character ${this.at}`);
  }
}
