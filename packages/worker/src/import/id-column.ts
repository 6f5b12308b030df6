import type { ObjectType } from '../model/definition.ts';

/**
 * The header names that hold a record's id in CRM exports, in order of preference, compared without
 * regard to case or surrounding spaces: a plain `id`; HubSpot's `Record ID` and internal
 * `hs_object_id`; `Contact ID`/`Company ID`/`Deal ID` (Salesforce and others) for the object type
 * being imported only, since a contact export may carry its company's `Company ID` as well;
 * Salesforce's `Lead ID`; and `Prospect ID` (LeadSquared, the X Education dataset).
 */
export function idColumnNames(objectType: ObjectType): string[] {
  return ['id', 'record id', 'hs_object_id', `${objectType} id`, 'lead id', 'prospect id'];
}

/**
 * The index of the id column in the header, or -1 when it has none (the ids are then generated).
 * `idColumn`, when given, is the only name looked for, compared exactly as the header is trimmed.
 */
export function findIdColumn(header: readonly string[], objectType: ObjectType, idColumn?: string): number {
  if (idColumn !== undefined) return header.indexOf(idColumn.trim());
  const normalized = header.map(normalize);
  for (const name of idColumnNames(objectType)) {
    const index = normalized.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
