import type { HistoryEntry } from '../lifecycle/history.ts';
import { addOption, removeOption, renameOption, reorderOptions } from '../lifecycle/option-edits.ts';
import { defaultLifecycleSettings, validateLifecycleSettings, type LifecycleSettings, type LifecycleSettingsInput } from '../lifecycle/settings.ts';
import { leadStatusProperty, stageProperty, type LifecycleOption } from '../lifecycle/stages.ts';
import type { CrmRecord } from '../model/dataset.ts';
import { InvalidInputError } from '../engine/errors.ts';
import type { OptionEdit } from '../contract/index.ts';
import type { StoreModules } from '../store/store.ts';
import { toIso } from '../model/time.ts';
import type { ServiceContext, WriteScope } from './context.ts';
import { rescoreIn } from './rescore.ts';
import { entryJson } from './lifecycle-run.ts';
import { checkScoreRules } from './score-usage.ts';
import { invalidAt, quoted, ServiceError } from './service-error.ts';
import { writeTransaction } from './write-transaction.ts';

/** The stored settings, or the defaults before any were saved. */
export async function lifecycleSettingsIn(tx: StoreModules): Promise<LifecycleSettings> {
  return (await tx.meta.get('lifecycleSettings')) ?? defaultLifecycleSettings();
}

export async function getLifecycleSettings(ctx: ServiceContext): Promise<LifecycleSettings> {
  return (await ctx.opened().meta.get('lifecycleSettings')) ?? defaultLifecycleSettings();
}

/**
 * Saves settings whole. A stage or lead status that records hold cannot simply disappear: that
 * takes `editStages` / `editLeadStatuses` with a replacement (decision L1), so it is refused here.
 * Time rules that changed start afresh (their state is dropped; records in the stage are
 * scheduled again by their next stage change).
 */
export function saveLifecycleSettings(ctx: ServiceContext, input: LifecycleSettingsInput): Promise<LifecycleSettings> {
  const checked = validateLifecycleSettings(input);
  if (!checked.ok) throw new ServiceError({ code: 'invalid_input', message: `the lifecycle settings were not saved: ${checked.issues.map((issue) => issue.message).join('; ')}`, issues: checked.issues });
  const settings = checked.value;
  return writeTransaction(ctx, async (tx, scope) => {
    const before = await lifecycleSettingsIn(tx);
    for (const objectType of ['contact', 'company'] as const) {
      const kept = new Set(settings.stages[objectType].map((stage) => stage.id));
      await refuseRemovingHeld(tx, objectType, stageProperty, before.stages[objectType].filter((stage) => !kept.has(stage.id)), 'stage', 'editStages');
      const statuses = new Set(settings.leadStatuses.map((status) => status.id));
      await refuseRemovingHeld(tx, objectType, leadStatusProperty, before.leadStatuses.filter((status) => !statuses.has(status.id)), 'lead status', 'editLeadStatuses');
    }
    await checkScoreRules(tx, settings.scoreRules);
    const changedRules = before.timeRules.filter((rule) => JSON.stringify(rule) !== JSON.stringify(settings.timeRules.find((other) => other.id === rule.id)));
    if (changedRules.length > 0) await tx.automations.deleteForRules(changedRules.map((rule) => rule.id));
    await tx.meta.put('lifecycleSettings', settings);
    scope.notices.push({ type: 'lifecycleSettings' });
    return settings;
  });
}

/** lifecycle.md §1.2: one edit of a pipeline; records on a removed stage move to its replacement. */
export function editStages(ctx: ServiceContext, objectType: 'contact' | 'company', edit: OptionEdit): Promise<LifecycleSettings> {
  if (objectType !== 'contact' && objectType !== 'company') throw invalidAt('objectType', `must be "contact" or "company", not ${quoted(objectType)}`);
  return editOptions(ctx, edit, objectType, 'stage');
}

/** lifecycle.md §5.1: lead statuses are customised like stages. */
export function editLeadStatuses(ctx: ServiceContext, edit: OptionEdit): Promise<LifecycleSettings> {
  return editOptions(ctx, edit, undefined, 'leadStatus');
}

async function editOptions(ctx: ServiceContext, edit: OptionEdit, objectType: 'contact' | 'company' | undefined, field: 'stage' | 'leadStatus'): Promise<LifecycleSettings> {
  return writeTransaction(ctx, async (tx, scope) => {
    const settings = await lifecycleSettingsIn(tx);
    const options = field === 'stage' ? settings.stages[objectType!] : settings.leadStatuses;
    const property = field === 'stage' ? stageProperty : leadStatusProperty;
    const types = objectType ? [objectType] : (['contact', 'company'] as const);
    let next: LifecycleOption[];
    try {
      checkEdit(edit);
      if ('add' in edit) next = addOption(options, edit.add, edit.before !== undefined ? { before: edit.before } : edit.after !== undefined ? { after: edit.after } : {});
      else if ('rename' in edit) next = renameOption(options, edit.rename, edit.label);
      else if ('reorder' in edit) next = reorderOptions(options, edit.reorder);
      else if ('remove' in edit) {
        const holders = (await Promise.all(types.map((type) => holdersOf(tx, type, property, edit.remove)))).flat();
        next = removeOption(options, edit.remove, holders.length, edit.replacement);
        await moveHolders(ctx, tx, holders, field, edit.replacement!, scope);
      } else throw notAnEdit();
    } catch (error) {
      if (error instanceof InvalidInputError) throw new ServiceError({ code: 'invalid_input', message: error.issues.map((issue) => issue.message).join('; '), issues: error.issues });
      throw error;
    }
    const saved: LifecycleSettings = field === 'stage' ? { ...settings, stages: { ...settings.stages, [objectType!]: next } } : { ...settings, leadStatuses: next };
    const checked = validateLifecycleSettings(saved);
    if (!checked.ok) throw new ServiceError({ code: 'invalid_input', message: `the edit would leave the settings invalid: ${checked.issues.map((issue) => issue.message).join('; ')}`, issues: checked.issues });
    await tx.meta.put('lifecycleSettings', checked.value);
    scope.notices.push({ type: 'lifecycleSettings' });
    return checked.value;
  });
}

/** The kinds of an edit's fields, which the option edits (lifecycle/option-edits.ts) take as given. */
function checkEdit(edit: OptionEdit): void {
  if (typeof edit !== 'object' || edit === null) throw notAnEdit();
  const text = (value: unknown, path: string, optional = false) => {
    if (typeof value !== 'string' && !(optional && value === undefined)) throw invalidAt(path, `must be text, not ${quoted(value)}`);
  };
  if ('add' in edit) {
    if (typeof edit.add !== 'object' || edit.add === null) throw invalidAt('edit.add', 'must be an option { id, label }');
    text(edit.before, 'edit.before', true);
    text(edit.after, 'edit.after', true);
  } else if ('rename' in edit) {
    text(edit.rename, 'edit.rename');
    text(edit.label, 'edit.label');
  } else if ('reorder' in edit) {
    if (!Array.isArray(edit.reorder)) throw invalidAt('edit.reorder', 'must be a list of option ids');
    edit.reorder.forEach((id, i) => text(id, `edit.reorder[${i}]`));
  } else if ('remove' in edit) {
    text(edit.remove, 'edit.remove');
    text(edit.replacement, 'edit.replacement', true);
  }
}

function notAnEdit(): ServiceError {
  return invalidAt('edit', 'must be one of { add }, { rename, label }, { reorder } or { remove, replacement? }');
}

async function refuseRemovingHeld(tx: StoreModules, objectType: 'contact' | 'company', property: string, removed: readonly LifecycleOption[], what: string, method: string): Promise<void> {
  for (const option of removed) {
    const holders = await holdersOf(tx, objectType, property, option.id);
    if (holders.length > 0) {
      throw new ServiceError({ code: 'invalid_input', message: `the ${what} "${option.id}" is held by ${holders.length} ${objectType}${holders.length === 1 ? '' : 's'}: remove it with ${method}({ remove: "${option.id}", replacement }) to move them` });
    }
  }
}

/** The records of a type whose property holds `id` (a settings change is rare; it reads them all). */
export async function holdersOf(tx: StoreModules, objectType: 'contact' | 'company', property: string, id: string): Promise<CrmRecord[]> {
  const out: CrmRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await tx.records.ofType(objectType, { after, limit: 1000 });
    for (const record of page) if (record.properties?.[property] === id) out.push(record);
    if (page.length < 1000) return out;
    after = page.at(-1)!.id;
  }
}

/**
 * Decision L1: records on a removed option move to the replacement as the settings' own change
 * (source `system`), whichever way that is in the order: the old option no longer has a place in it.
 */
async function moveHolders(ctx: ServiceContext, tx: StoreModules, holders: readonly CrmRecord[], field: 'stage' | 'leadStatus', replacement: string, scope: WriteScope): Promise<void> {
  if (holders.length === 0) return;
  const property = field === 'stage' ? stageProperty : leadStatusProperty;
  const at = ctx.now();
  const moved: CrmRecord[] = [];
  const entries: { recordId: string; entry: HistoryEntry }[] = [];
  for (const record of holders) {
    const entry: HistoryEntry = { field, oldValue: String(record.properties![property]), newValue: replacement, at, source: 'system', refused: false };
    entries.push({ recordId: record.id, entry });
    moved.push({ ...record, properties: { ...record.properties, [property]: replacement } });
    scope.notices.push({ type: 'lifecycle', recordId: record.id, ...entryJson(entry) });
  }
  await tx.records.put(moved);
  await tx.lifecycleHistory.append(entries);
  await tx.propertyHistory.append(entries.map(({ recordId }) => ({ recordId, property, value: replacement, at: toIso(at), source: 'system' })));
  await rescoreIn(ctx, tx, moved.map((record) => record.id), () => ({ kind: 'property', ref: property }), scope);
}
