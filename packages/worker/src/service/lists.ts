import { ListBook, listProblems } from '../engine/lists.ts';
import { ScoringPass } from '../engine/scoring-pass.ts';
import type { DatasetIndex, IndexedRecord } from '../engine/dataset-index.ts';
import { listSchema, type CrmList } from '../model/dataset.ts';
import { validate } from '../model/validate.ts';
import type { ListPreview, ListsApi } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { invalidAt, ServiceError } from './service-error.ts';
import { warmIndexOf } from './warm-index.ts';

export const listHandlers: Handlers<ListsApi> = {
  getLists: async (ctx) => (await ctx.opened().lists.all()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  previewList,
};

const defaultLimit = 10;
const maxLimit = 100;

/**
 * contract/lists.ts `previewList`: a list's members now as it would be saved, from the warm index
 * with the list put in place of the stored one of its id (a list that names it sees the edit too).
 */
export async function previewList(ctx: ServiceContext, list: CrmList, options: { limit?: number } = {}): Promise<ListPreview> {
  const limit = options?.limit ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 0 || limit > maxLimit) throw invalidAt('options.limit', `must be a whole number from 0 to ${maxLimit}`);
  const checked = validate(listSchema, list, 'list');
  if (!checked.ok) throw new ServiceError({ code: 'invalid_input', message: `the list cannot be previewed: ${checked.issues.map((issue) => issue.message).join('; ')}`, issues: checked.issues });
  const { index: stored } = await warmIndexOf(ctx).get(ctx.opened());
  const index: DatasetIndex = { ...stored, lists: new Map(stored.lists).set(checked.value.id, checked.value) };
  const problems = listProblems(index);
  if (problems.length > 0) throw new ServiceError({ code: 'invalid_input', message: `the list cannot be previewed: ${problems.map((issue) => issue.message).join('; ')}`, issues: problems });
  const members = membersOf(index, checked.value, ctx.now());
  return {
    listId: checked.value.id,
    size: members.length,
    members: members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit).map(memberRow),
  };
}

/** Static: the named records of the list's type that exist; dynamic: the records its condition holds for now. */
function membersOf(index: DatasetIndex, list: CrmList, now: number): IndexedRecord[] {
  if (list.recordIds) {
    return [...new Set(list.recordIds)].flatMap((id) => {
      const record = index.records.get(id);
      return record && record.objectType === list.objectType ? [record] : [];
    });
  }
  const book = new ListBook(index);
  const pass = new ScoringPass(index, now, book, false);
  try {
    return index.recordsInOrder.filter((record) => record.objectType === list.objectType && book.isMember(list.id, record, pass));
  } finally {
    pass.release();
  }
}

function memberRow(record: IndexedRecord): ListPreview['members'][number] {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const { firstname, lastname, name, email } = record.properties;
  const person = [text(firstname), text(lastname)].filter(Boolean).join(' ');
  const shown = person || text(name);
  return { id: record.id, ...(shown ? { name: shown } : {}), ...(text(email) ? { email: text(email) } : {}) };
}
