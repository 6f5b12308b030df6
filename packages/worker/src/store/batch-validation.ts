import { z } from 'zod';
import type { Dataset } from '../model/dataset.ts';
import { formatPath, validateDataset, type ValidationIssue } from '../model/validate.ts';
import { StoreError, type StoreErrorItem } from './errors.ts';
import { wellFormedDataset } from './well-formed.ts';

type BatchPart = 'records' | 'events' | 'lists' | 'propertyHistory';
type ItemOf<P extends BatchPart> = NonNullable<Dataset[P]>[number];

/**
 * A batch checked as the part of a dataset it is, with the model's own schemas and messages
 * (`events[3].occurredAt must be a date …`), so the store refuses exactly what `leadscore validate`
 * would and says it the same way. Throws `invalid_input` naming every offending item; the caller
 * has opened no transaction yet, so a refused batch leaves nothing behind.
 */
export function validateBatch<P extends BatchPart>(part: P, items: readonly unknown[], doing: string): ItemOf<P>[] {
  if (!Array.isArray(items)) throw new StoreError('invalid_input', `${doing} was refused: ${part} must be a list`, { issues: [{ path: part, message: `${part} must be a list` }] });
  const input = part === 'records' ? { records: items } : { records: [], [part]: items };
  // A batch of events has no cross-checks that apply: its only one, unique ids, is waived below.
  const wellFormed = wellFormedDataset(input, { crossChecks: part !== 'events' });
  if (wellFormed) return (wellFormed[part] ?? []) as ItemOf<P>[];
  const checked = validateDataset(input);
  if (checked.ok) return (checked.value[part] ?? []) as ItemOf<P>[];
  const issues = part === 'events' ? checked.issues.filter((issue) => !isRepeatedEventId(issue)) : checked.issues;
  if (issues.length === 0) return items as ItemOf<P>[];
  throw refusal(part, items, issues, doing);
}

/**
 * A dataset's event ids are unique, but a batch of tracked events may repeat one (a host page that
 * retries), and the store keeps ids unique per contact by merging: the last one wins. Other
 * contacts' stored events are not read on append, so this is the uniqueness the store can keep.
 */
function isRepeatedEventId(issue: ValidationIssue): boolean {
  return /^events\[\d+\]\.id$/.test(issue.path) && issue.message.endsWith('event ids must be unique');
}

/** "records.put of 3 records": what a call was doing, for its error messages. */
export function describeCall(call: string, items: unknown, noun: string): string {
  const count = Array.isArray(items) ? items.length : 0;
  return Array.isArray(items) ? `${call} of ${count} ${noun}${count === 1 ? '' : 's'}` : call;
}

/**
 * A batch checked by a schema of the store's own (links, definition rows, score changes), refused
 * the same way: `part[index].path message` for each offending item.
 */
export function validateItems<T>(schema: z.ZodType<T>, part: string, items: readonly unknown[], doing: string): T[] {
  if (!Array.isArray(items)) throw new StoreError('invalid_input', `${doing} was refused: ${part} must be a list`, { issues: [{ path: part, message: `${part} must be a list` }] });
  const parsed = z.array(schema).safeParse(items);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const path = formatPath([part, ...issue.path]);
    return { path, message: `${path} ${issue.message}` };
  });
  throw refusal(part, items, issues, doing);
}

function refusal(part: string, items: readonly unknown[], issues: ValidationIssue[], doing: string): StoreError {
  const byIndex = new Map<number, StoreErrorItem>();
  const other: string[] = [];
  const prefix = new RegExp(`^${part}\\[(\\d+)\\]`);
  for (const issue of issues) {
    const match = prefix.exec(issue.path);
    if (!match) {
      other.push(issue.message);
      continue;
    }
    const index = Number(match[1]);
    const known = byIndex.get(index);
    if (known) known.message += `; ${issue.message}`;
    else byIndex.set(index, { index, ...idOf(part, items[index]), message: issue.message });
  }
  const refused = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const lines = [...refused.map((item) => item.message), ...other];
  const shown = lines.slice(0, 10).map((line) => `  ${line}`).join('\n');
  const more = lines.length > 10 ? `\n  … and ${lines.length - 10} more` : '';
  const count = refused.length > 0 ? `${refused.length} of ${items.length} ${part} ${refused.length === 1 ? 'is' : 'are'} not valid` : `the ${part} are not valid`;
  return new StoreError('invalid_input', `${doing} was refused, nothing was stored: ${count}:\n${shown}${more}`, { items: refused, issues });
}

/** The id that names an item: its own, or for a property change the record's. */
function idOf(part: string, item: unknown): { id?: string } {
  if (typeof item !== 'object' || item === null) return {};
  const { id, recordId } = item as { id?: unknown; recordId?: unknown };
  const named = part === 'propertyHistory' || part === 'changes' ? recordId : id;
  return typeof named === 'string' ? { id: named } : {};
}
