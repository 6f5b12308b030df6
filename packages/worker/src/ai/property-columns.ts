import type { CrmRecord, Dataset, PropertyType, PropertyValue } from '../model/dataset.ts';

/**
 * One property as the fit model sees it: a contact's own, or its primary company's (named
 * `company.<name>`), with each contact's value and the type it is read as.
 */
export interface PropertyColumn {
  /** The name exclusions and `excludeProperties`/`keep` use: `Tags`, `company.domain`. */
  key: string;
  /** The name in the data. */
  property: string;
  of: 'self' | 'primaryCompany';
  type: PropertyType;
  /** Each contact's value, in the order of the contact ids given. */
  values: PropertyValue[];
  /** Each distinct record's value once (a company shared by ten contacts counts once): for shapes and distinctness. */
  ownValues: PropertyValue[];
}

/** The contacts' and their primary companies' properties, sorted by name. */
export function propertyColumns(dataset: Dataset, contactIds: readonly string[]): PropertyColumn[] {
  const byId = new Map(dataset.records.map((record) => [record.id, record]));
  const contacts = contactIds.map((id) => byId.get(id)).filter((record): record is CrmRecord => record !== undefined);
  const companies = contacts.map((contact) => {
    const id = contact.associations?.primaryCompany ?? contact.associations?.companies?.[0];
    return id === undefined ? undefined : byId.get(id);
  });
  const out: PropertyColumn[] = [];
  const add = (of: PropertyColumn['of'], records: readonly (CrmRecord | undefined)[], types: Record<string, PropertyType> | undefined) => {
    const names = new Set<string>();
    for (const record of records) for (const name of Object.keys(record?.properties ?? {})) names.add(name);
    const distinct = [...new Set(records.filter((record): record is CrmRecord => record !== undefined))];
    for (const name of [...names].sort()) {
      const values = records.map((record) => record?.properties?.[name] ?? null);
      const present = values.filter((value) => !isMissing(value));
      out.push({
        key: of === 'self' ? name : `company.${name}`, property: name, of,
        type: types?.[name] ?? inferType(present), values,
        ownValues: distinct.map((record) => record.properties?.[name] ?? null),
      });
    }
  };
  add('self', contacts, dataset.propertyTypes?.contact);
  if (companies.some((company) => company !== undefined)) add('primaryCompany', companies, dataset.propertyTypes?.company);
  return out;
}

function inferType(values: readonly PropertyValue[]): PropertyType {
  if (values.length === 0) return 'string';
  if (values.every((value) => typeof value === 'boolean')) return 'boolean';
  if (values.every((value) => typeof value === 'number')) return 'number';
  if (values.some((value) => Array.isArray(value))) return 'multi';
  return 'string';
}

export function isMissing(value: PropertyValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
