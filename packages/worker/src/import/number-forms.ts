/**
 * Numbers as CRM exports and spreadsheets write them (docs/import.md, "Numbers"): plain decimal
 * notation (`12.5`, `3e2`), thousands grouped with `,`, `.`, a space or `'` (`12,400.00`,
 * `12.400,00`, `1 000`), with a currency before or after (`$12,400.00`, `12.400,00 kr.`,
 * `EUR 99`), a percentage (`45%` is 45), and negative amounts as `-5`, `−5` or `(5)`.
 */

/** The character between a number's whole part and its fraction. */
export type DecimalMark = '.' | ',';

/** A number and what was written around it: a currency (`$`, `kr.`, `EUR`), `%`, or nothing. */
export interface ReadNumber {
  value: number;
  unit: string | null;
}

// A currency symbol may touch the digits; a code (`EUR`) or the Nordic `kr.` stands apart from them,
// so that `SKU123` stays text.
const PREFIX = String.raw`(?:([$€£¥₹]|US\$)\s?|([A-Z]{3}|[Kk]r\.?)\s)`;
const SUFFIX = String.raw`(?:\s?([$€£¥₹%]|,-)|\s([A-Z]{3}|[Kk]r\.?))`;
const AROUND = new RegExp(String.raw`^(\(?)([-−]?)\s*${PREFIX}?([-−]?)([\d.,\s' \u202F]*\d)${SUFFIX}?(\)?)$`);
// Plain decimal notation, as before the import knew grouping: no "+", no leading zero before a digit.
const PLAIN = /^(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DIGITS = /^\d+$/;
// A double keeps 15 significant digits; more (an external id, a long phone number) would change the value.
const MAX_SIGNIFICANT_DIGITS = 15;

/**
 * The decimal mark a cell (taken apart by `numberCore`) shows, if it shows one: the last of two different marks (`1.234,5`),
 * a mark used once that is not followed by exactly three digits (`12,5`), or the other mark than
 * one repeated as grouping (`1,000,000`). `1,000` shows nothing: it is a thousand or one.
 */
export function decimalMarkShownBy(core: NumberCore): DecimalMark | undefined {
  const marks = core.digits.replace(/[\d\s' \u202F]/g, '');
  if (marks.includes('.') && marks.includes(',')) return marks.at(-1) as DecimalMark;
  const [mark] = marks;
  if (mark !== '.' && mark !== ',') return undefined;
  if (marks.length > 1) return mark === '.' ? ',' : '.';
  const after = core.digits.length - core.digits.indexOf(mark) - 1;
  const before = core.digits.indexOf(mark);
  return after !== 3 || before > 3 || core.digits.startsWith('0') ? mark : undefined;
}

/** A cell as a number with `decimal` as the decimal mark, or undefined when it is none. */
export function readNumberCell(cell: string, decimal: DecimalMark): ReadNumber | undefined {
  const core = numberCore(cell);
  return core && readNumberCore(core, decimal);
}

/** `readNumberCell` of a cell already taken apart by `numberCore`. */
export function readNumberCore(core: NumberCore, decimal: DecimalMark): ReadNumber | undefined {
  const value = valueOf(core.digits, decimal);
  if (value === undefined) return undefined;
  return { value: core.negative && value !== 0 ? -value : value, unit: core.unit };
}

/**
 * Whether a cell is a code written in digits rather than a quantity: a leading zero (`02134`, a
 * postal code), a leading `+` (a phone number) or more digits than a number keeps (an external id).
 * One such cell keeps a column text: decision D7 never equates `02134` with 2134.
 */
export function isDigitCode(cell: string): boolean {
  const text = cell.trim();
  return /^0\d+$/.test(text) || /^\+\d/.test(text) || (/^\d+$/.test(text) && significantDigits(text) > MAX_SIGNIFICANT_DIGITS);
}

/** A cell that may be a number whatever its decimal mark: its sign, its digits with their marks, its unit. */
export interface NumberCore {
  negative: boolean;
  digits: string;
  unit: string | null;
}

/**
 * The parts of a cell written as a number, or undefined when it is no number under either decimal
 * mark: a column's cells are taken apart once, before its mark is known (column-type.ts).
 */
export function numberCore(cell: string): NumberCore | undefined {
  const text = cell.trim();
  if (PLAIN.test(text) || (text.startsWith('-') && PLAIN.test(text.slice(1)))) {
    return { negative: text.startsWith('-'), digits: text.replace(/^-/, ''), unit: null };
  }
  const match = AROUND.exec(text);
  if (!match) return undefined;
  const [, open, signBefore, symbolBefore, codeBefore, signAfter, digits, symbolAfter, codeAfter, close] = match;
  const unitBefore = symbolBefore ?? codeBefore;
  const unitAfter = symbolAfter ?? codeAfter;
  if ((open === '') !== (close === '')) return undefined;
  if (unitBefore !== undefined && unitAfter !== undefined) return undefined;
  const signs = [open, signBefore, signAfter].filter((part) => part !== '').length;
  if (signs > 1) return undefined;
  const unit = unitBefore ?? (unitAfter === ',-' ? null : unitAfter) ?? null;
  // Without a unit or a sign in parentheses, only grouped numbers get here: "1,000" but not "1x".
  return { negative: signs === 1, digits: digits!, unit: unit === null ? null : normalizeUnit(unit) };
}

/** The value of digits with marks, or undefined when the grouping is not in threes. */
function valueOf(digits: string, decimal: DecimalMark): number | undefined {
  if (PLAIN.test(digits) && (decimal === '.' || !digits.includes('.'))) return checked(digits);
  const group = decimal === '.' ? ',' : '.';
  const [whole = '', fraction, extra] = digits.split(decimal);
  if (extra !== undefined) return undefined;
  if (fraction !== undefined && !DIGITS.test(fraction)) return undefined;
  const groups = whole.split(new RegExp(`[${group === '.' ? '.' : ','}\\s' \\u202F]`));
  const [lead = '', ...rest] = groups;
  if (!/^\d{1,3}$/.test(lead) && rest.length > 0) return undefined;
  if (rest.some((part) => !/^\d{3}$/.test(part))) return undefined;
  const joined = groups.join('');
  if (!DIGITS.test(joined) || (joined.length > 1 && joined.startsWith('0'))) return undefined;
  return checked(fraction === undefined ? joined : `${joined}.${fraction}`);
}

function checked(text: string): number | undefined {
  const e = text.search(exponent);
  if (significantDigits(e < 0 ? text : text.slice(0, e)) > MAX_SIGNIFICANT_DIGITS) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const exponent = /[eE]/;

/**
 * The digits of `text` without its first `.` and its leading and trailing zeros, counted where they
 * lie: inference asks it of every cell of a number column, and three replaces made three copies.
 */
function significantDigits(text: string): number {
  const dot = text.indexOf('.');
  let first = -1;
  let last = -1;
  let position = 0;
  for (let k = 0; k < text.length; k++) {
    if (k === dot) continue;
    if (text.charCodeAt(k) !== 48) {
      if (first < 0) first = position;
      last = position;
    }
    position++;
  }
  return first < 0 ? 0 : last - first + 1;
}

/** `kr`, `Kr.` and `kr.` are one currency; codes and symbols stay as written. */
function normalizeUnit(unit: string): string {
  return /^kr\.?$/i.test(unit) ? 'kr.' : unit;
}
