import type { z } from 'zod';
import { checkCondition, type Report } from './condition-checks.ts';
import type { Dataset } from './dataset.ts';
import { arrayOf, listOf, safely } from './definition-checks.ts';

type Link = 'companies' | 'primaryCompany' | 'contacts' | 'deals';

/** Which associations each kind of record may declare, and the kind of record each points to. */
const linksByObjectType: Record<string, Partial<Record<Link, string>>> = {
  contact: { companies: 'company', primaryCompany: 'company', deals: 'deal' },
  company: { contacts: 'contact', deals: 'deal' },
  deal: { contacts: 'contact', companies: 'company', primaryCompany: 'company' },
};

/** References between the parts of a dataset: ids are unique and every id points somewhere real. */
export function checkDataset(dataset: Dataset, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: 'custom', path, message, input: undefined });
  const typeById = new Map<string, string>();

  arrayOf(dataset.records).forEach((record, i) => safely(() => {
    if (typeById.has(record.id)) report(['records', i, 'id'], `"${record.id}" is used by another record; record ids must be unique`);
    typeById.set(record.id, record.objectType);
  }));

  arrayOf(dataset.records).forEach((record, i) => safely(() => {
    const links = linksByObjectType[record.objectType] ?? {};
    for (const [link, ids] of Object.entries(record.associations ?? {})) {
      const path = ['records', i, 'associations', link];
      const target = links[link as Link];
      if (!target) {
        report(path, `is not an association of a ${record.objectType}; use ${listOf(Object.keys(links))}`);
        continue;
      }
      for (const id of Array.isArray(ids) ? ids : [ids]) {
        const found = typeById.get(id);
        if (found !== target) report(path, `names "${id}", which is ${found ? `a ${found}` : 'not a record in this dataset'}; expected a ${target}`);
      }
    }
  }));

  const eventIds = new Set<string>();
  arrayOf(dataset.events).forEach((event, i) => safely(() => {
    if (eventIds.has(event.id)) report(['events', i, 'id'], `"${event.id}" is used by another event; event ids must be unique`);
    eventIds.add(event.id);
    const found = typeById.get(event.recordId);
    if (found !== 'contact') {
      report(['events', i, 'recordId'], `names "${event.recordId}", which is ${found ? `a ${found}` : 'not a record in this dataset'}; events belong to contacts`);
    }
  }));

  const listIds = new Set<string>();
  arrayOf(dataset.lists).forEach((list, i) => safely(() => {
    if (listIds.has(list.id)) report(['lists', i, 'id'], `"${list.id}" is used by another list; list ids must be unique`);
    listIds.add(list.id);
    if ((list.recordIds === undefined) === (list.condition === undefined)) {
      report(['lists', i], 'needs exactly one of recordIds (a static list) or condition (a dynamic list)');
    }
    list.recordIds?.forEach((id, r) => {
      const found = typeById.get(id);
      if (found !== list.objectType) {
        report(['lists', i, 'recordIds', r], `names "${id}", which is ${found ? `a ${found}` : 'not a record in this dataset'}; the list holds ${list.objectType} records`);
      }
    });
    if (list.condition) checkCondition(list.condition, ['lists', i, 'condition'], 'list', report);
  }));

  arrayOf(dataset.propertyHistory).forEach((change, i) => safely(() => {
    if (!typeById.has(change.recordId)) report(['propertyHistory', i, 'recordId'], `names "${change.recordId}", which is not a record in this dataset`);
  }));
}
