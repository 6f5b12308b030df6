import type { Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import { definitionReads } from '../model/score-references.ts';
import { formatPath } from '../model/validate.ts';

/**
 * What in a dataset keeps a warehouse engine from scoring a definition as the JavaScript engine
 * would: a list it names that is missing or of another kind of record (decision D16, as
 * references.ts checks).
 */
export function warehouseDataProblems(definition: Definition, dataset: Dataset): string[] {
  const lists = new Map((dataset.lists ?? []).map((list) => [list.id, list]));
  const problems: string[] = [];
  for (const use of definitionReads(definition).lists) {
    const path = formatPath(use.path);
    const list = lists.get(use.listId);
    if (!list) problems.push(`${path} names list "${use.listId}", which the dataset does not have`);
    else if (list.objectType !== use.objectType) problems.push(`${path} names list "${use.listId}", which holds ${list.objectType} records; a ${use.objectType} list is needed here`);
  }
  return problems;
}
