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

/** An object type the schema accepts: records and lists of any other are the schema's to report, not these checks'. */
function isObjectType(type: unknown): type is string {
  return typeof type === 'string' && Object.hasOwn(linksByObjectType, type);
}

/**
 * References between the parts of a dataset: ids are unique, and an id that names a record of the
 * dataset names one of the right type. An id the dataset does not hold is allowed (decision D19):
 * a dataset may be an excerpt, as formats.md §2's own example is.
 */
export function checkDataset(dataset: Dataset, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message, input: undefined });
  // The type of each record whose type the schema accepts: a reference to any other is not judged.
  const typeById = new Map<string, string>();
  const wrongType = (id: unknown, expected: string): id is string => {
    if (typeof id !== 'string') return false;
    const type = typeById.get(id);
    return type !== undefined && type !== expected;
  };
  const describe = (id: string) => `a ${typeById.get(id)}`;

  const records = arrayOf(dataset.records);
  const recordIds = new Set<string>();
  records.forEach((record, i) => safely(() => {
    if (typeof record.id !== 'string') return;
    if (recordIds.has(record.id)) report(['records', i, 'id'], `${JSON.stringify(record.id)} is used by another record; record ids must be unique`);
    recordIds.add(record.id);
    if (isObjectType(record.objectType) && !typeById.has(record.id)) typeById.set(record.id, record.objectType);
  }));

  // A bulk write checks tens of thousands of records here: paths are made only for what is reported.
  records.forEach((record, i) => safely(() => {
    if (!isObjectType(record.objectType)) return;
    const associations = record.associations ?? {};
    const allowed = linksByObjectType[record.objectType]!;
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
    if (typeof event.id === 'string' && eventIds.has(event.id)) report(['events', i, 'id'], `${JSON.stringify(event.id)} is used by another event; event ids must be unique`);
    eventIds.add(event.id);
    if (wrongType(event.recordId, 'contact')) {
      report(['events', i, 'recordId'], `names ${JSON.stringify(event.recordId)}, which is ${describe(event.recordId)}; events belong to contacts`);
    }
  }));

  const listsById = new Map<string, CrmList>();
  arrayOf(dataset.lists).forEach((list, i) => safely(() => {
    if (typeof list.id === 'string' && listsById.has(list.id)) report(['lists', i, 'id'], `${JSON.stringify(list.id)} is used by another list; list ids must be unique`);
    else listsById.set(list.id, list);
    if ((list.recordIds === undefined) === (list.condition === undefined)) {
      report(['lists', i], 'needs exactly one of recordIds (a static list) or condition (a dynamic list)');
    }
    arrayOf(list.recordIds).forEach((id, r) => {
      if (isObjectType(list.objectType) && wrongType(id, list.objectType)) {
        report(['lists', i, 'recordIds', r], `names ${JSON.stringify(id)}, which is ${describe(id)}; the list holds ${list.objectType} records`);
      }
    });
    if (list.condition) checkCondition(list.condition, ['lists', i, 'condition'], 'list', report);
  }));
  safely(() => checkListReferences(arrayOf(dataset.lists), listsById, report));

}

function wrongLink(id: string, is: string, expected: string): string {
  return `names ${JSON.stringify(id)}, which is ${is}; expected a ${expected}`;
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
      if (!target) report(path, `names ${JSON.stringify(id)}, which is not a list in this dataset`);
      else if (!isObjectType(target.objectType) || !isObjectType(list.objectType)) return;
      else if (target.objectType !== list.objectType) {
        report(path, `names ${JSON.stringify(id)}, a list of ${target.objectType} records; a ${list.objectType} list can only test ${list.objectType} lists`);
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
    report(['lists', i, 'condition'], `depends on its own membership: ${[...cycle, list.id].map((id) => JSON.stringify(id)).join(' → ')}; remove one of these in_list tests`);
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
