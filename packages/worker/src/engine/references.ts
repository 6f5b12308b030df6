import type { Definition, ObjectType } from '../model/definition.ts';
import { definitionReads } from '../model/score-references.ts';
import { formatPath, type ValidationIssue } from '../model/validate.ts';
import type { DatasetIndex } from './dataset-index.ts';
import { listProblems } from './lists.ts';

/**
 * Decision D16: every list a definition names must exist in the data and hold the kind of record
 * it is used on. A typo in a list id must never silently score as an empty list. Only the lists
 * are read: the warehouse engines check a dataset's lists without indexing it.
 */
export function referenceProblems(definition: Definition, index: Pick<DatasetIndex, 'lists'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const need = (listId: string, objectType: ObjectType, path: string): void => {
    const list = index.lists.get(listId);
    if (!list) issues.push({ path, message: `${path} names list "${listId}", which the dataset does not have` });
    else if (list.objectType !== objectType) {
      issues.push({ path, message: `${path} names list "${listId}", which holds ${list.objectType} records; a ${objectType} list is needed here` });
    }
  };
  for (const use of definitionReads(definition).lists) need(use.listId, use.objectType, formatPath(use.path));
  return [...issues, ...listProblems(index)];
}
