import type { Condition } from '../model/condition.ts';
import type { Definition, ObjectType } from '../model/definition.ts';
import type { PropertySource } from '../model/rule.ts';
import type { ValidationIssue } from '../model/validate.ts';
import type { DatasetIndex } from './dataset-index.ts';
import { listProblems } from './lists.ts';

const sourceType: Record<Exclude<PropertySource, 'self'>, ObjectType> = {
  primaryCompany: 'company', companies: 'company', contacts: 'contact', deals: 'deal',
};

/**
 * Decision D16: every list a definition names must exist in the data and hold the kind of record
 * it is used on. A typo in a list id must never silently score as an empty list.
 */
export function referenceProblems(definition: Definition, index: DatasetIndex): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const need = (listId: string, objectType: ObjectType, path: string): void => {
    const list = index.lists.get(listId);
    if (!list) issues.push({ path, message: `${path} names list "${listId}", which the dataset does not have` });
    else if (list.objectType !== objectType) {
      issues.push({ path, message: `${path} names list "${listId}", which holds ${list.objectType} records; a ${objectType} list is needed here` });
    }
  };
  const { scope } = definition;
  if (scope?.mode === 'all') scope.excludeLists?.forEach((id, i) => need(id, definition.objectType, `scope.excludeLists[${i}]`));
  if (scope?.mode === 'lists') scope.includeLists.forEach((id, i) => need(id, definition.objectType, `scope.includeLists[${i}]`));

  definition.groups.forEach((group, g) => group.rules.forEach((rule, r) => {
    const path = `groups[${g}].rules[${r}]`;
    if (rule.type === 'property') {
      const of = rule.of ?? 'self';
      const objectType = of === 'self' ? definition.objectType : sourceType[of];
      forEachListTest(rule.condition, `${path}.condition`, (id, at) => need(id, objectType, at));
    } else if (rule.contacts !== undefined && rule.contacts !== 'all') {
      need(rule.contacts.list, 'contact', `${path}.contacts.list`);
    }
  }));
  return [...issues, ...listProblems(index)];
}

function forEachListTest(condition: Condition, path: string, visit: (listId: string, path: string) => void): void {
  if ('all' in condition) condition.all.forEach((child, i) => forEachListTest(child, `${path}.all[${i}]`, visit));
  else if ('any' in condition) condition.any.forEach((child, i) => forEachListTest(child, `${path}.any[${i}]`, visit));
  else if ('not' in condition) forEachListTest(condition.not, `${path}.not`, visit);
  else if (condition.operator === 'in_list' || condition.operator === 'not_in_list') visit(String(condition.value), `${path}.value`);
}
