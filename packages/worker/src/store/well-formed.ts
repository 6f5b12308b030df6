import { z } from 'zod';
import { checkDataset } from '../model/dataset-checks.ts';
import { listSchema, propertyTypesSchema, type Dataset } from '../model/dataset.ts';
import { objectTypes } from '../model/definition.ts';
import { inputLimits, structureProblems } from '../model/input-limits.ts';
import { eventKeys, hasOnly, isListOf, isPlainObject, isProperties, isId, isValue } from '../contract/plain-values.ts';

/**
 * A bulk write's validation in one cheap pass. The dataset schema (model/dataset.ts) costs some 7 µs
 * per event, more than IndexedDB takes to store it; this loop checks the same shapes by hand and
 * answers only "certainly valid": it accepts nothing the schema refuses, and whatever it does not
 * accept goes to the schema, which says what is wrong in its own words. So the messages are the
 * schema's, and only a valid batch takes the short way.
 */
export function wellFormedDataset(input: unknown, options: { crossChecks: boolean }): Dataset | undefined {
  if (!isPlainObject(input)) return undefined;
  for (const key in input) if (!datasetKeys.has(key)) return undefined;
  const { records, events, lists, propertyHistory, propertyTypes } = input as Record<string, unknown>;
  if (!isListOf(records, isRecord)) return undefined;
  if (events !== undefined && !isListOf(events, isEvent)) return undefined;
  if (propertyHistory !== undefined && !isListOf(propertyHistory, isChange)) return undefined;
  // Lists (conditions) and property types are few and intricate: the schema reads them, once
  // they are known not to nest past the limit (a deeper condition would overflow its stack).
  if (lists !== undefined && structureProblems(lists).length > 0) return undefined;
  const parsedLists = lists === undefined ? undefined : listsSchema.safeParse(lists);
  if (parsedLists && !parsedLists.success) return undefined;
  const parsedTypes = propertyTypes === undefined ? undefined : propertyTypesSchema.safeParse(propertyTypes);
  if (parsedTypes && !parsedTypes.success) return undefined;
  const dataset: Dataset = {
    records: records as Dataset['records'],
    ...(events === undefined ? {} : { events: events as Dataset['events'] }),
    ...(parsedLists ? { lists: parsedLists.data } : {}),
    ...(propertyHistory === undefined ? {} : { propertyHistory: propertyHistory as Dataset['propertyHistory'] }),
    ...(parsedTypes ? { propertyTypes: parsedTypes.data } : {}),
  };
  if (options.crossChecks) {
    let found = false;
    checkDataset(dataset, { addIssue: () => (found = true) } as unknown as z.RefinementCtx);
    if (found) return undefined;
  }
  return dataset;
}

const datasetKeys = new Set(['records', 'events', 'lists', 'propertyHistory', 'propertyTypes']);
const recordKeys = new Set(['id', 'objectType', 'createdAt', 'properties', 'associations']);
const changeKeys = new Set(['recordId', 'property', 'value', 'at', 'source']);
const associationKeys = new Set(['companies', 'primaryCompany', 'contacts', 'deals']);
const knownObjectTypes: ReadonlySet<unknown> = new Set(objectTypes);
const listsSchema = z.array(listSchema);

// The instant schema's own patterns (model/time.ts builds it from these two), so a text instant is
// accepted here exactly when the schema accepts it.
const dateTimePattern = z.iso.datetime({ offset: true })._zod.pattern;
const datePattern = z.iso.date()._zod.pattern;

/** An instant as the schema reads one: ISO-8601 text (a date, or a date-time with its offset) or whole epoch ms. */
export function isInstant(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= inputLimits.firstInstant && value <= inputLimits.lastInstant;
  return typeof value === 'string' && (dateTimePattern.test(value) || datePattern.test(value));
}

function isRecord(value: unknown): boolean {
  if (!isPlainObject(value) || !hasOnly(value, recordKeys)) return false;
  return isId(value.id) && knownObjectTypes.has(value.objectType)
    && (value.createdAt === undefined || isInstant(value.createdAt))
    && isProperties(value.properties) && isAssociations(value.associations);
}

function isAssociations(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isPlainObject(value) || !hasOnly(value, associationKeys)) return false;
  const { companies, primaryCompany, contacts, deals } = value;
  return (primaryCompany === undefined || isId(primaryCompany)) && [companies, contacts, deals].every((ids) => ids === undefined || isListOf(ids, isId));
}

function isEvent(value: unknown): boolean {
  if (!isPlainObject(value) || !hasOnly(value, eventKeys)) return false;
  return isId(value.id) && isId(value.recordId) && isId(value.type) && isInstant(value.occurredAt) && isProperties(value.properties);
}

function isChange(value: unknown): boolean {
  if (!isPlainObject(value) || !hasOnly(value, changeKeys)) return false;
  return isId(value.recordId) && isId(value.property) && isValue(value.value) && isInstant(value.at) && (value.source === undefined || typeof value.source === 'string');
}
