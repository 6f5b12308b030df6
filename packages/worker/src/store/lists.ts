import type { CrmList } from '../model/dataset.ts';
import type { ObjectType } from '../model/definition.ts';
import { describeCall, validateBatch } from './batch-validation.ts';
import type { Runner } from './transactions.ts';

/** Static and dynamic lists (scoring.md §7.2). */
export interface Lists {
  get(id: string): Promise<CrmList | undefined>;
  all(objectType?: ObjectType): Promise<CrmList[]>;
  /** The static lists that name `recordId` (dynamic lists depend on the record's data instead). */
  containing(recordId: string): Promise<CrmList[]>;
  /** Stores each list whole, replacing the one with its id; all or nothing. */
  put(lists: readonly unknown[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
}

export function listsModule(runner: Runner): Lists {
  return {
    get: (id) => runner.read(['lists'], 'lists.get', (tx) => tx.objectStore('lists').get(id)),
    all: (objectType) => runner.read(['lists'], 'lists.all', (tx) => {
      const store = tx.objectStore('lists');
      return objectType === undefined ? store.getAll() : store.index('by-objectType').getAll(objectType);
    }),
    containing: (recordId) => runner.read(['lists'], 'lists.containing', (tx) => tx.objectStore('lists').index('by-record').getAll(recordId)),
    async put(input) {
      const doing = describeCall('lists.put', input, 'list');
      const lists = validateBatch('lists', input, doing);
      return runner.write(['lists'], doing, async (tx) => {
        const store = tx.objectStore('lists');
        await Promise.all(lists.map((list) => store.put(list)));
      });
    },
    delete: (ids) => runner.write(['lists'], `lists.delete of ${ids.length} lists`, async (tx) => {
      const store = tx.objectStore('lists');
      await Promise.all(ids.map((id) => store.delete(id)));
    }),
  };
}
