/**
 * Reads an NDJSON dataset (docs/cli.md): one JSON object a line with exactly one key naming what
 * it holds. It is read line by line from a file stream, so its size is limited by memory for the
 * parsed dataset, never by Node's maximum string length. The result is assembled, not validated:
 * validateDataset checks it as it checks a .json dataset, and DatasetLines maps its paths to lines.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatPath } from '../src/model/validate.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { DatasetLines, type ListPart } from './ndjson-lines.ts';
import { whyUnreadable } from './read-json.ts';

export interface NdjsonOptions {
  /** Bytes read at a time; tests make it tiny to prove lines split across chunks. */
  readonly highWaterMark?: number;
}

export type NdjsonDataset =
  | { ok: true; value: { dataset: Record<string, unknown>; lines: DatasetLines } }
  | { ok: false; problems: string[] };

/** What a line's one key may be, and the part of the dataset it adds to. */
const partOfKey: Readonly<Record<string, ListPart>> = { record: 'records', event: 'events', list: 'lists', propertyHistory: 'propertyHistory' };
const keys = 'record, event, list, propertyHistory or propertyTypes';

/** More than this many bad lines are counted, not listed: one mistake repeated a million times. */
const MAX_PROBLEMS = 100;

export async function readNdjsonDataset(file: string, options: NdjsonOptions = {}): Promise<NdjsonDataset> {
  const lines = new DatasetLines();
  const parts: Record<ListPart, unknown[]> = { records: [], events: [], lists: [], propertyHistory: [] };
  const types = new Map<string, unknown>();
  const problems: string[] = [];
  let count = 0;
  let content = false;

  const problem = (line: number, message: string) => {
    count += 1;
    if (problems.length < MAX_PROBLEMS) problems.push(`${file}:${line}: ${message}`);
  };

  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: options.highWaterMark ?? 1 << 20 });
  // crlfDelay: a "\r\n" split across two chunks is still one line end.
  const reader = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const raw of reader) {
      number += 1;
      const text = number === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      if (text.trim() === '') continue;
      content = true;
      const entry = parseLine(text);
      if (!entry.ok) {
        problem(number, entry.problem);
        continue;
      }
      const { key, value } = entry;
      if (key === 'propertyTypes') {
        mergeTypes(types, value, number, lines, problem);
        continue;
      }
      const part = partOfKey[key]!;
      lines.items[part].push(number);
      parts[part].push(value);
    }
  } catch (error) {
    return { ok: false, problems: [`${file}: ${whyUnreadable(error, 'an NDJSON file')}`] };
  } finally {
    input.destroy();
  }

  if (!content) return { ok: false, problems: [`${file}: the file is empty; expected one JSON object a line (${keys})`] };
  if (count > MAX_PROBLEMS) problems.push(`${file}: ${count - MAX_PROBLEMS} more problems like these (the first ${MAX_PROBLEMS} are shown)`);
  if (problems.length > 0) return { ok: false, problems };

  // Only the parts the file has, so a .json dataset converted to NDJSON and back is the same.
  const dataset: Record<string, unknown> = { records: parts.records };
  for (const part of ['events', 'lists', 'propertyHistory'] as const) if (parts[part].length > 0) dataset[part] = parts[part];
  if (types.size > 0) dataset.propertyTypes = Object.fromEntries([...types].map(([type, props]) => [type, props instanceof Map ? Object.fromEntries(props) : props]));
  return { ok: true, value: { dataset, lines } };
}

type Line = { ok: true; key: string; value: unknown } | { ok: false; problem: string };

function parseLine(text: string): Line {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const syntax = findJsonSyntaxError(text);
    if (syntax) return { ok: false, problem: `invalid JSON at column ${syntax.column}: ${syntax.message}` };
    return { ok: false, problem: `invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isPlainObject(json)) return { ok: false, problem: `expected an object with one key (${keys}), found ${kindOf(json)}` };
  const found = Object.keys(json);
  if (found.length !== 1) {
    const named = found.length === 0 ? 'none' : `${found.length}: ${found.map((key) => JSON.stringify(key)).join(', ')}`;
    return { ok: false, problem: `expected exactly one key (${keys}) a line, found ${named}` };
  }
  const key = found[0]!;
  if (key !== 'propertyTypes' && !Object.hasOwn(partOfKey, key)) {
    const singular = Object.keys(partOfKey).find((known) => `${known}s` === key);
    return { ok: false, problem: `"${key}" is not a kind of line; expected ${keys}${singular ? ` (one ${singular} a line: {"${singular}": {...}})` : ''}` };
  }
  return { ok: true, key, value: json[key] };
}

/**
 * propertyTypes may come on several lines; they are merged per object type. A property declared
 * twice with different types is a problem (which one was meant?); a shape that is not an object is
 * kept for validateDataset to report, at the line that gave it.
 */
function mergeTypes(
  types: Map<string, unknown>,
  value: unknown,
  line: number,
  lines: DatasetLines,
  problem: (line: number, message: string) => void,
): void {
  if (!isPlainObject(value)) {
    problem(line, `propertyTypes must be an object of object types, e.g. {"propertyTypes": {"contact": {"employees": "number"}}}, found ${kindOf(value)}`);
    return;
  }
  for (const [type, declared] of Object.entries(value)) {
    const typePath = formatPath(['propertyTypes', type]);
    const existing = types.get(type);
    if (!lines.typePaths.has(typePath)) lines.typePaths.set(typePath, line);
    if (!isPlainObject(declared) || (existing !== undefined && !(existing instanceof Map))) {
      if (existing === undefined) types.set(type, declared);
      else problem(line, `${typePath} is given again (first on line ${lines.typePaths.get(typePath)}), and one of them is not an object`);
      continue;
    }
    const merged = (existing as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
    types.set(type, merged);
    for (const [name, propertyType] of Object.entries(declared)) {
      const path = formatPath(['propertyTypes', type, name]);
      if (merged.has(name) && merged.get(name) !== propertyType) {
        problem(line, `${path} is ${JSON.stringify(propertyType)} here but ${JSON.stringify(merged.get(name))} on line ${lines.typePaths.get(path)}`);
        continue;
      }
      if (!merged.has(name)) lines.typePaths.set(path, line);
      merged.set(name, propertyType);
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}
