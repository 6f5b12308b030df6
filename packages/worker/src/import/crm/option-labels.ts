import type { LifecycleOption } from '../../lifecycle/stages.ts';

/**
 * A stage's or lead status's id from what an export writes: its id or its label, compared without
 * case and punctuation (`Marketing Qualified Lead`, `marketingqualifiedlead` and `IN_PROGRESS` as
 * `In progress`), or a CRM's own value that `aliases` gives an id for. Undefined for anything else,
 * which the import reports rather than guesses.
 */
export function optionIdOf(options: readonly LifecycleOption[], text: string, aliases: Readonly<Record<string, string>> = {}): string | undefined {
  const wanted = normalizeLabel(text);
  if (wanted === '') return undefined;
  const found = options.find((option) => normalizeLabel(option.id) === wanted || normalizeLabel(option.label) === wanted);
  if (found) return found.id;
  const alias = aliases[wanted];
  return alias !== undefined && options.some((option) => option.id === alias) ? alias : undefined;
}

/** Lower case, with every run of other characters than letters and digits as one space. */
export function normalizeLabel(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
