// The contract's lists as a settings screen edits them (scoring.md §7): the saved lists whole, and
// a list's members before it is saved. `saveLists` (contract/data.ts) stores them.
import { method } from './method.ts';
import type { CrmList } from '../model/dataset.ts';

export const listsContract = {
  /** Every saved list whole (a static list's ids, a dynamic list's condition), by id. */
  getLists: method<() => Promise<CrmList[]>>(),
  /**
   * A list's members now as it would be saved, stored or not (scoring.md §7.2): how many, and the
   * first `limit` (default 10, at most 100) in id order with their names and emails. Stores nothing;
   * a list naming lists that do not exist, or itself, is refused as `saveLists` would refuse it.
   */
  previewList: method<(list: CrmList, options?: { limit?: number }) => Promise<ListPreview>>(),
};
export type ListsApi = typeof listsContract;

/** A list's members now (`previewList`). */
export interface ListPreview {
  listId: string;
  size: number;
  /** The first members by id, with the name and email a table of people shows (when the record has them). */
  members: { id: string; name?: string; email?: string }[];
}
