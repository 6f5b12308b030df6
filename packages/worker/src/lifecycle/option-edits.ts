import { InvalidInputError } from '../engine/errors.ts';
import { optionSchema, rankOf, type LifecycleOption } from './stages.ts';

/** Where a new stage or lead status goes: before or after another one, or last. */
export type Placement = { before: string } | { after: string } | Record<string, never>;

/**
 * Edits of a pipeline's stages or of the lead statuses (lifecycle.md §1.2, §5.1). Each returns a new
 * list and throws InvalidInputError naming the problem, so a settings change is whole or not at all.
 */
export function addOption(options: readonly LifecycleOption[], option: LifecycleOption, placement: Placement = {}): LifecycleOption[] {
  const parsed = optionSchema.safeParse(option);
  if (!parsed.success) refuse('the new option', `${parsed.error.issues[0]?.path.join('.') || 'it'} ${parsed.error.issues[0]?.message}`);
  if (rankOf(options, option.id) >= 0) refuse('the new option', `"${option.id}" exists already`);
  const out = [...options];
  if ('before' in placement) out.splice(indexOf(options, placement.before), 0, { ...option });
  else if ('after' in placement) out.splice(indexOf(options, placement.after) + 1, 0, { ...option });
  else out.push({ ...option });
  return out;
}

export function renameOption(options: readonly LifecycleOption[], id: string, label: string): LifecycleOption[] {
  const at = indexOf(options, id);
  if (label.trim() === '') refuse(`"${id}"`, 'a label must not be empty');
  return options.map((option, i) => (i === at ? { ...option, label } : option));
}

/** `order` names every option once; the new order defines "forward" from now on. */
export function reorderOptions(options: readonly LifecycleOption[], order: readonly string[]): LifecycleOption[] {
  const missing = options.filter((option) => !order.includes(option.id)).map((option) => `"${option.id}"`);
  const unknown = order.filter((id) => rankOf(options, id) < 0).map((id) => `"${id}"`);
  if (missing.length > 0 || unknown.length > 0 || new Set(order).size !== order.length) {
    refuse('the new order', [
      missing.length > 0 && `leaves out ${missing.join(', ')}`,
      unknown.length > 0 && `names ${unknown.join(', ')}, which do not exist`,
      new Set(order).size !== order.length && 'names an option twice',
    ].filter(Boolean).join('; '));
  }
  return order.map((id) => options[rankOf(options, id)]!);
}

/**
 * Decision L1: an option that records still hold can be removed only by naming the one they move to.
 * `inUse` is how many records hold it now; the caller moves them.
 */
export function removeOption(options: readonly LifecycleOption[], id: string, inUse: number, replacement?: string): LifecycleOption[] {
  indexOf(options, id);
  if (replacement === id) refuse(`"${id}"`, 'cannot be its own replacement');
  if (replacement !== undefined) indexOf(options, replacement);
  if (inUse > 0 && replacement === undefined) {
    refuse(`"${id}"`, `${inUse} record${inUse === 1 ? ' holds' : 's hold'} it: name a replacement to move ${inUse === 1 ? 'it' : 'them'} to`);
  }
  if (options.length === 1) refuse(`"${id}"`, 'is the only option left');
  return options.filter((option) => option.id !== id);
}

function indexOf(options: readonly LifecycleOption[], id: string): number {
  const at = rankOf(options, id);
  if (at < 0) refuse(`"${id}"`, 'does not exist');
  return at;
}

function refuse(what: string, problem: string): never {
  throw new InvalidInputError('The lifecycle settings change', [{ path: '', message: `${what}: ${problem}` }]);
}
