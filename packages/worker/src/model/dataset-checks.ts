import type { z } from 'zod';
import { checkCondition } from './condition-checks.ts';
import { isTest, type Condition } from './condition.ts';
import type { CrmList, Dataset } from './dataset.ts';
import { arrayOf, listOf, safely, type Report } from './report.ts';

type Link = 'companies' | 'primaryCompany' | 'contacts' | 'deals';

/** Which associations each kind of record may declare, and the kind of record each points to. */
const linksByObjectType: Record<string, Partial<Record<Link, string>>> = {
  contact: { companies: 'company', primaryCompany: 'company', deals: 'deal' },
  company: { contacts: 'contact', deals: 'deal' },
  deal: { contacts: 'contact', companies: 'company', primaryCompany: 'company' },
};

const links: ReadonlySet<string> = new Set(['companies', 'primaryCompany', 'contacts', 'deals'] satisfies Link[]);

/**
 * References between the parts of a dataset: ids are unique, and an id that names a record of the
 * dataset names one of the right type. An id the dataset does not hold is allowed (decision D19):
 * a dataset may be an excerpt, as formats.md §2's own example is.
 */
export function checkDataset(dataset: Dataset, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message, input: undefined });
  const typeById = new Map<string, string>();
  // One lookup for the common case; a malformed record's missing type is still "another type".
  const wrongType = (id: unknown, expected: string): id is string => {
    if (typeof id !== 'string') return false;
    const type = typeById.get(id);
    return (type !== undefined || typeById.has(id)) && type !== expected;
  };
  const describe = (id: string) => `a ${typeById.get(id)}`;

  const records = arrayOf(dataset.records);
  records.forEach((record, i) => safely(() => {
    if (typeById.has(record.id)) report(['records', i, 'id'], `"${record.id}" is used by another record; record ids must be unique`);
    else typeById.set(record.id, record.objectType);
  }));

  // A bulk write checks tens of thousands of records here: paths are made only for what is reported.
  records.forEach((record, i) => safely(() => {
    const associations = record.associations ?? {};
    const allowed = linksByObjectType[record.objectType] ?? {};
    for (const link of Object.keys(associations)) {
      // Keys that are no association at all are the schema's to report.
      if (!links.has(link)) continue;
      const target = allowed[link as Link];
      if (!target) {
        report(['records', i, 'associations', link], `is not an association of a ${record.objectType}; use ${listOf(Object.keys(allowed))}`);
        continue;
      }
      const ids: unknown = associations[link as Link];
      // primaryCompany names one record, the others a list; a wrong shape is the schema's to report.
      if (link === 'primaryCompany') {
        if (wrongType(ids, target)) report(['records', i, 'associations', link], wrongLink(ids, describe(ids), target));
        continue;
      }
      const list = arrayOf(ids as string[]);
      for (let n = 0; n < list.length; n++) {
        const id = list[n];
        if (wrongType(id, target)) report(['records', i, 'associations', link, n], wrongLink(id, describe(id), target));
      }
    }
  }));

  const eventIds = new Set<string>();
  arrayOf(dataset.events).forEach((event, i) => safely(() => {
    if (eventIds.has(event.id)) report(['events', i, 'id'], `"${event.id}" is used by another event; event ids must be unique`);
    eventIds.add(event.id);
    if (wrongType(event.recordId, 'contact')) {
      report(['events', i, 'recordId'], `names "${event.recordId}", which is ${describe(event.recordId)}; events belong to contacts`);
    }
  }));

  const listsById = new Map<string, CrmList>();
  arrayOf(dataset.lists).forEach((list, i) => safely(() => {
    if (listsById.has(list.id)) report(['lists', i, 'id'], `"${list.id}" is used by another list; list ids must be unique`);
    else listsById.set(list.id, list);
    if ((list.recordIds === undefined) === (list.condition === undefined)) {
      report(['lists', i], 'needs exactly one of recordIds (a static list) or condition (a dynamic list)');
    }
    arrayOf(list.recordIds).forEach((id, r) => {
      if (wrongType(id, list.objectType)) {
        report(['lists', i, 'recordIds', r], `names "${id}", which is ${describe(id)}; the list holds ${list.objectType} records`);
      }
    });
    if (list.condition) checkCondition(list.condition, ['lists', i, 'condition'], 'list', report);
  }));
  safely(() => checkListReferences(arrayOf(dataset.lists), listsById, report));

}

function wrongLink(id: string, is: string, expected: string): string {
  return `names "${id}", which is ${is}; expected a ${expected}`;
}

/**
 * Decisions D16 and D18: a dynamic list's `in_list` names a list of the dataset, of its own object
 * type, and no list depends on its own membership. A cycle is reported once, at its first list.
 */
function checkListReferences(lists: CrmList[], listsById: Map<string, CrmList>, report: Report): void {
  const references = new Map<string, string[]>();
  lists.forEach((list, i) => safely(() => {
    const named: string[] = [];
    for (const { id, path } of listTests(list.condition, ['lists', i, 'condition'])) {
      const target = listsById.get(id);
      if (!target) report(path, `names "${id}", which is not a list in this dataset`);
      else if (target.objectType !== list.objectType) {
        report(path, `names "${id}", a list of ${target.objectType} records; a ${list.objectType} list can only test ${list.objectType} lists`);
      } else named.push(id);
    }
    if (!references.has(list.id)) references.set(list.id, named);
  }));

  const reported = new Set<string>();
  lists.forEach((list, i) => {
    if (reported.has(list.id)) return;
    const cycle = cycleFrom(list.id, references);
    if (!cycle || cycle.some((id) => reported.has(id))) return;
    cycle.forEach((id) => reported.add(id));
    report(['lists', i, 'condition'], `depends on its own membership: ${[...cycle, list.id].map((id) => `"${id}"`).join(' → ')}; remove one of these in_list tests`);
  });
}

/** The lists on a path from `start` back to itself, starting with `start`; undefined when there is none. */
function cycleFrom(start: string, references: Map<string, string[]>): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | undefined => {
    for (const next of references.get(id) ?? []) {
      if (next === start) return trail;
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

/** Every `in_list` / `not_in_list` test of a condition tree, with the path of its `value`. */
function* listTests(condition: Condition | undefined, path: (string | number)[]): Generator<{ id: string; path: (string | number)[] }> {
  if (!condition || typeof condition !== 'object') return;
  if ('all' in condition) {
    for (const [i, child] of arrayOf(condition.all).entries()) yield* listTests(child, [...path, 'all', i]);
  } else if ('any' in condition) {
    for (const [i, child] of arrayOf(condition.any).entries()) yield* listTests(child, [...path, 'any', i]);
  } else if ('not' in condition) {
    yield* listTests(condition.not, [...path, 'not']);
  } else if (isTest(condition) && (condition.operator === 'in_list' || condition.operator === 'not_in_list')) {
    if (typeof condition.value === 'string' && condition.value !== '') yield { id: condition.value, path: [...path, 'value'] };
  }
}
