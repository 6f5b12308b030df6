import { validateDataset, validateDefinition, type Dataset, type Definition, type Validation } from '../src/index.ts';
import { readJson } from './read-json.ts';

/** A validated input file, or every problem with it, each line prefixed with the file name. */
export type Input<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function loadDefinition(file: string): Promise<Input<Definition>> {
  return loadWith(file, validateDefinition);
}

export function loadDataset(file: string): Promise<Input<Dataset>> {
  return loadWith(file, validateDataset);
}

/** A JSON file checked by `validate`, its problems prefixed with the file name. */
export async function loadWith<T>(file: string, validate: (input: unknown) => Validation<T>): Promise<Input<T>> {
  const json = await readJson(file);
  if (!json.ok) return { ok: false, problems: [json.problem] };
  const checked = validate(json.value);
  if (checked.ok) return checked;
  return { ok: false, problems: checked.issues.map((issue) => `${file}: ${issue.message}`) };
}
