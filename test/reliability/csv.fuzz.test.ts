// Issue 16: every CSV file the importer can be handed (packages/worker/src/import, which the
// worker, the SDK, `leadscore import-csv` and the demo all use) is either refused with issues that
// each name a line (and a column where there is one), storing nothing, or imported exactly: every
// cell's text is the value stored, formula-looking text (`=HYPERLINK(…)`, `+1`, `-2+3`, `@SUM(A1)`)
// kept as that text; no thrown error, no NaN or Infinity in a number, no changed prototype.
// Files are made from their intended table, so the expected values are known by construction.
// LEADSCORE_FUZZ_RUNS sets the cases per property (2,000 in npm test, 10,000 in npm run test:reliability).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCsv, type CsvImportOptions, type CsvImportResult } from '../../packages/worker/src/import/csv.ts';

const RUNS = Number(process.env.LEADSCORE_FUZZ_RUNS ?? 2_000);

type Delimiter = ',' | ';' | '\t';
type Encoding = 'text' | 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Cells as people and spreadsheets write them, hostile ones included; none reads as a number, date or boolean. */
const formulaCells = ['=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '=1+2', '=cmd|\' /C calc\'!A0', '\t=1', '\r=1', '+', '-', '=', '@'];
const textCells = [
  'Alice', 'Bob Smith', 'say "hi"', '""', '"', 'a,b', 'a;b;c', ';', 'tab\there', 'pipe|cell', 'line\nbreak', 'crlf\r\nbreak', 'cr\rbreak',
  '  spaced  ', ' lead', 'Société', 'naïve café', '名前', '🦄 emoji', '\u00a0nbsp', 'x'.repeat(1_000), 'null', 'undefined', 'NaN-ish',
  '__proto__', 'constructor', '{"a":1}', 'a""b', '\'quoted', '\\', '€99 each',
];
/** Cells a Windows-1252 file can hold (every character has a byte there). */
const latinCells = ['Alice', 'Société', 'naïve café', 'Ærø', 'say "hi"', 'a,b', 'a;b', 'line\nbreak', '=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '€ 5 each', 'ß', 'Œuvre — l’été'];
const emptyCells = ['', ' ', '\u00a0', '  \t '];
const longCell = 'L'.repeat(100_000);

/** Header names: no two alike, none an id column's name, none a number. */
const headerNames = ['Name', 'Email', 'Notes', 'Company', '=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Société', '名前', 'say "hi"', 'a,b', 'a;b', 'two\nlines', 'x'.repeat(300)];
const latinHeaders = ['Name', 'Notes', 'Société', 'Ærø', '=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', '__proto__'];

interface Table {
  names: string[];
  /** Without an id column, ids are generated as contact-1, contact-2… for the rows not blank. */
  ids: string[] | undefined;
  rows: string[][];
}

interface FileShape {
  delimiter: Delimiter;
  lineEnd: '\n' | '\r\n' | '\r';
  encoding: Encoding;
  /** Quote every field, or only those that need it. */
  quoteAll: boolean;
  finalLineEnd: boolean;
  /** The delimiter is given, rather than detected. */
  given: boolean;
}

/** Every file shape: 432 of them. */
const shapes: FileShape[] = [];
for (const delimiter of [',', ';', '\t'] as const) {
  for (const lineEnd of ['\n', '\r\n', '\r'] as const) {
    for (const encoding of ['text', 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252'] as const) {
      for (const [quoteAll, finalLineEnd, given] of [false, true].flatMap((a) => [false, true].flatMap((b) => [false, true].map((c) => [a, b, c])))) {
        shapes.push({ delimiter, lineEnd, encoding, quoteAll: quoteAll!, finalLineEnd: finalLineEnd!, given: given! });
      }
    }
  }
}
const shapeArb = fc.constantFrom(...shapes);

function tableArb(latin: boolean): fc.Arbitrary<Table> {
  const names = latin ? latinHeaders : headerNames;
  const cells = latin ? latinCells : [...textCells, ...formulaCells];
  const cell = fc.oneof({ weight: 300, arbitrary: fc.constantFrom(...cells) }, { weight: 100, arbitrary: fc.constantFrom(...emptyCells) }, { weight: latin ? 0 : 1, arbitrary: fc.constant(longCell) });
  return fc.record({
    columns: fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 5 }),
    withIds: fc.boolean(),
    idPrefix: fc.constantFrom('c', '=', '+', '-', '@', 'é'),
    rowCount: fc.nat({ max: 8 }),
  }).chain(({ columns, withIds, idPrefix, rowCount }) => fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), { minLength: rowCount, maxLength: rowCount }).map((rows) => ({
    names: columns,
    ids: withIds ? rows.map((_, i) => `${idPrefix}${i + 1}`) : undefined,
    rows,
  })));
}

/** A field as a spreadsheet writes it: quoted (with `""` for a quote) when it must be, or always. */
function field(text: string, shape: FileShape): string {
  const needs = /["\r\n]/.test(text) || text.includes(shape.delimiter) || text !== text.trim();
  return needs || shape.quoteAll ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The lines of rows, each its fields joined by the delimiter. */
function lines(rows: readonly (readonly string[])[], shape: FileShape): string[] {
  return rows.map((cells) => cells.map((cell) => field(cell, shape)).join(shape.delimiter));
}

function csvText(table: Table, shape: FileShape): string {
  const header = table.ids ? ['id', ...table.names] : table.names;
  const rows = table.rows.map((row, i) => (table.ids ? [table.ids[i]!, ...row] : row));
  return lines([header, ...rows], shape).join(shape.lineEnd) + (shape.finalLineEnd ? shape.lineEnd : '');
}

// Windows-1252 bytes by hand: Latin-1's where they agree, and the four of 0x80-0x9F the cells use.
const cp1252High: Record<string, number> = { '€': 0x80, 'Œ': 0x8c, '’': 0x92, '—': 0x97 };
function cp1252Byte(char: string): number {
  const code = char.charCodeAt(0);
  const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : cp1252High[char];
  if (byte === undefined) throw new Error(`no Windows-1252 byte for ${JSON.stringify(char)}`);
  return byte;
}

function encode(text: string, encoding: Encoding): string | Uint8Array {
  switch (encoding) {
    case 'text':
      return text;
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new TextEncoder().encode(`\uFEFF${text}`);
    case 'utf-16le':
      return Buffer.from(`\uFEFF${text}`, 'utf16le');
    case 'utf-16be':
      return Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    case 'windows-1252':
      return Uint8Array.from(text, cp1252Byte);
  }
}

function isBlank(cell: string): boolean {
  return cell.trim() === '';
}

/** The line each data row starts on: line breaks inside quoted cells push the later rows down. */
function rowLines(table: Table): number[] {
  const breaks = (cells: readonly string[]) => cells.reduce((sum, cell) => sum + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
  const lines: number[] = [];
  let line = 2 + breaks(table.names);
  for (const row of table.rows) {
    lines.push(line);
    line += 1 + breaks(row);
  }
  return lines;
}

// Plain checks, thousands of times a second: vitest's expect, with its message, only on a failure.
function check(holds: boolean, why: string): void {
  if (!holds) throw new Error(why);
}

function same(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual).toEqual(expected);
}

/** Every issue names a line of the file, and reads as a sentence about the file, not the code. */
function expectClearIssues(result: CsvImportResult, lineCount: number): void {
  if (result.ok) throw new Error(`imported ${result.report.rows} rows, expected a refusal`);
  check(!('dataset' in result), 'a refusal holds a dataset');
  check(result.issues.length > 0, 'a refusal without issues');
  for (const issue of result.issues) {
    check(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lineCount, `line ${issue.line} of ${lineCount}: ${issue.message}`);
    check(typeof issue.message === 'string' && !/\bundefined\b|\[object |\bNaN\b|Infinity|TypeError|\n\s+at /.test(issue.message.replace(/"(?:[^"\\]|\\.)*"/g, '""')), `garbled: ${issue.message}`);
  }
}

/** No number property is NaN or ±Infinity; every value is text, a finite number, a boolean or a list of texts. */
function expectSaneValues(result: CsvImportResult): void {
  if (!result.ok) return;
  for (const record of result.dataset.records) {
    for (const value of Object.values(record.properties ?? {})) {
      const sane = typeof value === 'number' ? Number.isFinite(value)
        : Array.isArray(value) ? value.every((item) => typeof item === 'string')
          : typeof value === 'string' || typeof value === 'boolean';
      check(sane, `${record.id}: ${String(value)}`);
    }
  }
}

const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).length;
function expectPrototypeUnchanged(): void {
  check(Object.getOwnPropertyNames(Object.prototype).length === objectPrototypeKeys && !('polluted' in {}), 'Object.prototype changed');
}

const fuzzOptions = { numRuns: RUNS, seed: 16 } as const;
const share = (divisor: number) => ({ ...fuzzOptions, numRuns: Math.max(1, Math.ceil(RUNS / divisor)) });

// Tables drawn once, as drawing one per case costs more than the case's import; every case then
// pairs one with a file shape, so the cases stay distinct.
const anyTables = fc.sample(tableArb(false), { numRuns: 1_500, seed: 16 });
const tables = {
  latin: fc.constantFrom(...fc.sample(tableArb(true), { numRuns: 500, seed: 16 })),
  any: fc.constantFrom(...anyTables),
  withRows: fc.constantFrom(...anyTables.filter((table) => table.rows.length > 0 && table.ids !== undefined)),
};

describe('CSV files: imported exactly or refused at a line', () => {
  it('a well-formed file imports every cell as written, in any delimiter, line end and encoding', () => {
    fc.assert(fc.property(shapeArb, tables.latin, tables.any, fc.boolean(), (shape, latin, any, declared) => {
      const table = shape.encoding === 'windows-1252' ? latin : any;
      const text = csvText(table, shape);
      const options: CsvImportOptions = {
        objectType: 'contact', format: 'generic',
        // Detected from the header: a name holding a delimiter, or a lone column, may read either way.
        ...(shape.given || table.names.length + (table.ids ? 1 : 0) === 1 || table.names.some((name) => /[,;\t]/.test(name)) ? { delimiter: shape.delimiter } : {}),
        // Declared text columns take each cell as written; inferred ones may make enums or multi-valued lists of them.
        ...(declared ? { types: Object.fromEntries(table.names.map((name) => [name, 'string' as const])) } : {}),
      };
      const result = importCsv(encode(text, shape.encoding), options);
      expectPrototypeUnchanged();
      // One column whose unquoted name holds another delimiter may be a file read with the wrong
      // one: refused at the header, asking for the delimiter (docs/import.md).
      const [only] = table.names;
      if (!table.ids && table.names.length === 1 && field(only!, shape) === only && [',', ';', '\t'].some((other) => other !== shape.delimiter && only!.includes(other))) {
        expectClearIssues(result, 1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0));
        expect(!result.ok && result.issues[0]!.message).toMatch(/^the header has a single column, .* but it holds a (comma|semicolon|tab)/);
        return;
      }
      if (!result.ok) throw new Error(`refused: ${result.issues.map((issue) => `line ${issue.line}: ${issue.message}`).join('; ')}`);
      const { dataset, report } = result;
      same(report.delimiter, shape.delimiter);
      // Bytes that are valid UTF-8 are read as UTF-8: a Windows-1252 file of ASCII alone is one.
      same(report.encoding, shape.encoding === 'windows-1252' && /^[\x00-\x7f]*$/.test(text) ? 'utf-8' : shape.encoding);

      // Without ids, a row of nothing but empty cells is a blank line and skipped.
      const kept = table.rows.map((row, i) => ({ row, i })).filter(({ row }) => table.ids || !row.every(isBlank));
      same(dataset.records.map((record) => record.id), kept.map(({ i }, n) => (table.ids ? table.ids[i]! : `contact-${n + 1}`)));
      // The column's type is the import's choice among those that keep text; each cell's value follows from it.
      const types = dataset.propertyTypes?.contact ?? {};
      table.names.forEach((name, c) => {
        const expected = declared ? ['string'] : kept.some(({ row }) => row[c]!.includes(';')) ? ['multi', 'enum', 'string'] : ['enum', 'string'];
        if (!expected.includes(types[name]!)) throw new Error(`column ${JSON.stringify(name)} is ${types[name]}, expected one of ${expected.join(', ')}`);
      });
      const lineOf = rowLines(table);
      const leftOut: { line: number; column: string }[] = [];
      const expected = kept.map(({ row, i }) => Object.fromEntries(table.names.flatMap((name, c): [string, string | string[]][] => {
        const cell = row[c]!;
        if (isBlank(cell)) return [];
        if (types[name] !== 'multi') return [[name, cell]];
        const items = cell.split(';').filter((part) => part !== '');
        // Nothing between the ";"s: no value, left out and reported, never dropped in silence.
        if (items.length === 0) leftOut.push({ line: lineOf[i]!, column: name });
        return items.length === 0 ? [] : [[name, items]];
      })));
      const properties = dataset.records.map((record) => record.properties);
      if (properties.some((object) => Object.getPrototypeOf(object) !== Object.prototype)) throw new Error('a record\'s properties have another prototype');
      same(properties, expected);
      same(report.unreadable.map(({ line, column }) => ({ line, column })), leftOut);
    }), fuzzOptions);
  });

  it('a file with one broken row stores nothing and names the row', () => {
    const breakage = fc.constantFrom('extra field', 'missing field', 'unclosed quote', 'text after quote', 'repeated id');
    fc.assert(fc.property(shapeArb, tables.withRows, breakage, fc.nat(), (shape, table, breakage, at) => {
      const latinFree = { ...shape, encoding: shape.encoding === 'windows-1252' ? 'utf-8' as const : shape.encoding };
      const broken = at % table.rows.length;
      const row = [...table.rows[broken]!];
      const ids = [...table.ids!];
      if (breakage === 'repeated id' && broken > 0) ids[broken] = ids[0]!;
      const good = csvText({ ...table, ids, rows: table.rows.slice(0, broken) }, { ...latinFree, finalLineEnd: true });
      const rest = lines(table.rows.slice(broken + 1).map((cells, i) => [ids[broken + 1 + i]!, ...cells]), latinFree).join(latinFree.lineEnd);
      const fields = [ids[broken]!, ...row].map((cell) => field(cell, latinFree));
      if (breakage === 'extra field') fields.push('extra');
      if (breakage === 'missing field') fields.pop();
      if (breakage === 'unclosed quote') fields[fields.length - 1] = `"never closed`;
      if (breakage === 'text after quote') fields[0] = `"${ids[broken]}"x`;
      const brokenLine = fields.join(latinFree.delimiter);
      const text = `${good}${brokenLine}${rest === '' ? '' : latinFree.lineEnd + rest}`;
      const result = importCsv(encode(text, latinFree.encoding), { objectType: 'contact', format: 'generic', delimiter: latinFree.delimiter });
      expectPrototypeUnchanged();
      if (breakage === 'repeated id' && broken === 0) return;
      const lineCount = text.split(/\r\n|\r|\n/).length;
      expectClearIssues(result, lineCount);
      if (result.ok) return;
      // The broken row's own line is named; a quote never closed runs on to the next quote, so
      // the rows are read wrong from there and the first one found wrong is named.
      const line = rowLines(table)[broken]!;
      const named = result.issues.map((issue) => issue.line);
      const said = result.issues.map((issue) => `line ${issue.line}: ${issue.message}`).join('; ');
      check(breakage === 'unclosed quote' ? Math.max(...named) >= line : named.includes(line), `expected line ${line} named: ${said}`);
    }), share(2));
  });

  it('an empty, blank or header-only file, and a bad header, are refused at line 1 or imported as no records', () => {
    const cases: { input: string | Uint8Array; ok: boolean; message?: RegExp }[] = [
      { input: '', ok: false, message: /empty/ },
      { input: new Uint8Array(), ok: false, message: /empty/ },
      { input: new Uint8Array([0xef, 0xbb, 0xbf]), ok: false, message: /empty/ },
      { input: new Uint8Array([0xff, 0xfe]), ok: false, message: /empty/ },
      { input: '\n\n\n', ok: false, message: /empty/ },
      { input: '\uFEFF', ok: false, message: /empty/ },
      { input: 'a,,b\n1,2,3\n', ok: false, message: /column 2 has no name/ },
      { input: 'a,b,a\n1,2,3\n', ok: false, message: /column "a" appears twice/ },
      { input: ' a ,a\n1,2\n', ok: false, message: /column "a" appears twice/ },
      { input: '1,2,3\n4,5,6\n', ok: false, message: /numbers, not column names/ },
      { input: '"a\n', ok: false, message: /never closed/ },
      { input: 'id,name', ok: true },
      { input: 'id,name\r\n', ok: true },
      { input: '\uFEFFid;name\r', ok: true },
    ];
    for (const { input, ok, message } of cases) {
      const result = importCsv(input, { objectType: 'contact' });
      if (ok) {
        expect(result.ok && result.dataset.records).toEqual([]);
        continue;
      }
      expectClearIssues(result, 4);
      if (!result.ok) {
        expect(result.issues[0]!.line).toBe(1);
        expect(result.issues[0]!.message).toMatch(message!);
      }
    }
  });

  it('numbers of every size read finite, or stay text', () => {
    const numberCells = ['1e309', '-1e309', `1${'0'.repeat(400)}`, '1e-400', '$1e308', '(1e308)', '1.7976931348623157e308', '12,5', '1.000.000,5', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', '-0', '٣', '1e', '.5', '5.', '%', '45 %'];
    const arb = fc.array(fc.constantFrom(...numberCells, '1', '2.5', '-3'), { minLength: 1, maxLength: 25 });
    fc.assert(fc.property(arb, (cells) => {
      const result = importCsv(`n\n${cells.join('\n')}\n`, { objectType: 'contact', format: 'generic', delimiter: ';' });
      expectPrototypeUnchanged();
      check(result.ok, 'a column of numbers refused');
      expectSaneValues(result);
    }), share(10));
  });
});

// The CRM fixtures, each damaged at random (a cut, a stray quote or delimiter, a cell replaced by
// hostile text, other line ends): whatever the damage, a clear refusal or a sane dataset.
const fixtureDir = join(import.meta.dirname, '../../packages/worker/test/fixtures/crm-exports');
const fixtures = readdirSync(fixtureDir).filter((name) => name.endsWith('.csv')).map((name) => ({ name, bytes: readFileSync(join(fixtureDir, name)) }));

describe('CRM exports, damaged', () => {
  it('HubSpot, Salesforce and Zoho files with one change are imported sanely or refused at a line', () => {
    const damage = fc.record({
      fixture: fc.constantFrom(...fixtures),
      kind: fc.constantFrom('cut', 'insert', 'replace', 'line ends'),
      at: fc.nat(),
      length: fc.nat({ max: 40 }),
      text: fc.constantFrom('"', ',', ';', '\n', '\r', '""', '=HYPERLINK("http://x","y")', '+1', '-2+3', '@SUM(A1)', '__proto__', '1e309', '31/02/2024', '2024-13-45', 'Customer', 'Closed Won', '\u0000', 'x'.repeat(10_000)),
      objectType: fc.constantFrom(undefined, 'contact' as const, 'company' as const, 'deal' as const),
    });
    fc.assert(fc.property(damage, ({ fixture, kind, at, length, text, objectType }) => {
      const source = fixture.bytes.toString('latin1');
      const cut = at % (source.length + 1);
      const damaged = kind === 'cut' ? source.slice(0, cut) + source.slice(cut + length)
        : kind === 'insert' ? source.slice(0, cut) + text + source.slice(cut)
          : kind === 'replace' ? source.slice(0, cut) + text + source.slice(cut + length)
            : source.replace(/\r?\n/g, ['\r', '\r\n', '\n'][at % 3]!);
      const bytes = Uint8Array.from(damaged, (char) => char.charCodeAt(0) & 0xff);
      const result = importCsv(bytes, objectType ? { objectType } : {});
      expectPrototypeUnchanged();
      if (!result.ok) expectClearIssues(result, damaged.split(/\r\n|\r|\n/).length);
      expectSaneValues(result);
      if (result.ok) {
        for (const issue of result.report.unreadable) check(issue.line >= 1, `unreadable cell at line ${issue.line}`);
      }
    }), share(5));
  });
});
