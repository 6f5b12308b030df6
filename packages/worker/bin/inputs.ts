import { validateDataset, validateDefinition, type Dataset, type Definition, type Validation } from '../src/index.ts';
import { readNdjsonDataset } from './ndjson-dataset.ts';
import { readJson, type ReadOptions } from './read-json.ts';

/** A validated input file, or every problem with it, each line prefixed with the file name. */
export type Input<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function loadDefinition(file: string): Promise<Input<Definition>> {
  return loadWith(file, validateDefinition);
}

/** The extensions read as NDJSON, one part of the dataset a line (docs/cli.md). */
export function isNdjson(file: string): boolean {
  return /\.(ndjson|jsonl)$/i.test(file);
}

/** A dataset from a .json file or, by its extension, an NDJSON one; both validated alike. */
export async function loadDataset(file: string, options: ReadOptions = {}): Promise<Input<Dataset>> {
  if (!isNdjson(file)) return loadWith(file, validateDataset, options);
  const read = await readNdjsonDataset(file, options);
  if (!read.ok) return read;
  const checked = validateDataset(read.value.dataset);
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.issues.map((issue) => {
      const line = read.value.lines.lineOf(issue.path);
      return line === undefined ? `${file}: ${issue.message}` : `${file}:${line}: ${issue.message}`;
    }),
  };
}

/** A JSON file checked by `validate`, its problems prefixed with the file name. */
export async function loadWith<T>(file: string, validate: (input: unknown) => Validation<T>, options: ReadOptions = {}): Promise<Input<T>> {
  const json = await readJson(file, options);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  const checked = validate(json.value);
  if (checked.ok) return checked;
  return { ok: false, problems: checked.issues.map((issue) => `${file}: ${issue.message}`) };
}
