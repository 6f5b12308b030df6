/**
 * Where a JSON text first goes wrong, and what was expected there. JSON.parse's messages differ
 * between Node versions and do not always carry a position, so when it fails this small scanner
 * walks the text again (RFC 8259) to name the line and column.
 */

export interface JsonSyntaxError {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** What is wrong there, e.g. `expected "," or "}" after a property value, found "]"`. */
  readonly message: string;
}

/** The first syntax error of a text JSON.parse rejected; undefined when the scanner finds none. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (error) {
    // Nesting deeper than the call stack: JSON.parse's own message will have to do.
    if (error instanceof RangeError) return undefined;
    if (!(error instanceof SyntaxAt)) throw error;
    return { ...lineAndColumn(text, error.offset), message: error.message };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class SyntaxAt extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

class Scanner {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.space();
    this.value();
    this.space();
    if (this.at < this.text.length) this.fail('expected the end of the file after the JSON value');
  }

  private value(): void {
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string();
    if (char === '-' || isDigit(char)) return this.number();
    for (const literal of ['true', 'false', 'null']) {
      if (this.text.startsWith(literal, this.at)) {
        this.at += literal.length;
        return;
      }
    }
    this.fail('expected a value (an object, list, text in double quotes, number, true, false or null)');
  }

  private object(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      if (this.text[this.at] !== '"') this.fail('expected a property name in double quotes');
      this.string();
      this.space();
      if (this.text[this.at] !== ':') this.fail('expected ":" after the property name');
      this.at += 1;
      this.space();
      this.value();
      this.space();
      const char = this.text[this.at];
      if (char === '}') {
        this.at += 1;
        return;
      }
      if (char !== ',') this.fail('expected "," or "}" after a property value');
      this.at += 1;
      this.space();
      if (this.text[this.at] === '}') this.fail('expected another property after "," (JSON allows no trailing comma)');
    }
  }

  private array(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const char = this.text[this.at];
      if (char === ']') {
        this.at += 1;
        return;
      }
      if (char !== ',') this.fail('expected "," or "]" after a list item');
      this.at += 1;
      this.space();
      if (this.text[this.at] === ']') this.fail('expected another item after "," (JSON allows no trailing comma)');
    }
  }

  private string(): void {
    const start = this.at;
    this.at += 1;
    for (;;) {
      if (this.at >= this.text.length) throw new SyntaxAt(start, 'the text that starts here has no closing double quote');
      const code = this.text.charCodeAt(this.at);
      if (code === 34) {
        this.at += 1;
        return;
      }
      if (code < 0x20) this.fail('expected a closing double quote before the end of the line (write a line break in text as \\n)');
      if (code === 92) {
        const escape = this.text[this.at + 1];
        if (escape === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) this.fail('expected four hex digits after \\u');
          this.at += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX) after the backslash');
        this.at += 2;
        continue;
      }
      this.at += 1;
    }
  }

  private number(): void {
    if (this.text[this.at] === '-') this.at += 1;
    if (this.text[this.at] === '0') {
      this.at += 1;
    } else if (isDigit(this.text[this.at])) {
      this.digits();
    } else {
      this.fail('expected a digit after "-"');
    }
    if (this.text[this.at] === '.') {
      this.at += 1;
      if (!isDigit(this.text[this.at])) this.fail('expected a digit after the decimal point');
      this.digits();
    }
    if (this.text[this.at] === 'e' || this.text[this.at] === 'E') {
      this.at += 1;
      if (this.text[this.at] === '+' || this.text[this.at] === '-') this.at += 1;
      if (!isDigit(this.text[this.at])) this.fail('expected a digit in the exponent');
      this.digits();
    }
  }

  private digits(): void {
    while (isDigit(this.text[this.at])) this.at += 1;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at += 1;
  }

  private fail(expected: string): never {
    throw new SyntaxAt(this.at, `${expected}, found ${this.found()}`);
  }

  private found(): string {
    if (this.at >= this.text.length) return 'the end of the file';
    const char = String.fromCodePoint(this.text.codePointAt(this.at)!);
    if (char === '\n' || char === '\r') return 'the end of the line';
    if (char === '"') return 'a double quote';
    return JSON.stringify(char);
  }
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
