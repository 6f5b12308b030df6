import type { CrmRecord } from '../model/dataset.ts';

/** Who a record is, as a records table and a record page name it (contract/reads.ts `RecordRow`). */
export function nameOf(record: CrmRecord | undefined): string | null {
  const properties = record?.properties ?? {};
  const person = [text(properties.firstname), text(properties.lastname)].filter((part) => part !== null).join(' ');
  return person || text(properties.name) || text(properties.dealname);
}

/** The sales rep who owns the record (the `owner` property). */
export function ownerOf(record: CrmRecord | undefined): string | null {
  return text(record?.properties?.owner);
}

/** A property as text for a table cell: lists joined, nothing for empty values. */
export function text(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** Whether a record's name or email holds `needle` (lower case already): what a table's search finds. */
export function personMatches(record: CrmRecord, needle: string): boolean {
  const name = nameOf(record);
  const email = text(record.properties?.email);
  return (name !== null && name.toLowerCase().includes(needle)) || (email !== null && email.toLowerCase().includes(needle));
}
