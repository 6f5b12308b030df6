import type { ExcludedProperty } from '../contract/training.ts';
import { isMissing, type PropertyColumn } from './property-columns.ts';

/** Why a property can never be a criterion, whatever its figures: it identifies a person or is typed by one. */
export type PropertyRole = Exclude<ExcludedProperty['reason'], 'outcome' | 'requested' | 'leakage'>;

/**
 * The bounds of docs/training.md "What is never learned from". A text property is an identifier
 * when at least half its values (of at least MIN_VALUES, each record once) are distinct; free text
 * when its values average LONG_TEXT characters or more, or are that distinct and mostly of several
 * words; an email or phone property when SHAPE_SHARE of its text values have that shape.
 */
export const DISTINCT_SHARE = 0.5;
export const MIN_VALUES = 20;
export const LONG_TEXT = 50;
export const SHAPE_SHARE = 0.8;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{7,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}/;
/** Name patterns, on the name's words ("Lead Number": lead, number) or all of them joined ("firstname"). */
const IDENTIFIER_WORDS = ['id', 'ids', 'uuid', 'guid', 'key', 'number', 'no', 'nr', 'num', 'ref'];
const ADDRESSES = ['domain', 'website', 'url', 'homepage', 'webpage', 'linkedin', 'linkedinurl', 'ip', 'ipaddress'];
/** Whose name: "lastname", "Full Name", "company name" (not "Campaign Name": a category). */
const NAMED = ['first', 'last', 'full', 'sur', 'given', 'family', 'middle', 'nick', 'display', 'contact', 'lead', 'customer', 'person', 'prospect', 'user', 'company', 'account', 'organization', 'organisation', 'business', 'employer'];
/** A contact's company or employer as text is its name too. */
const ORGANISATIONS = ['company', 'organization', 'organisation', 'employer', 'account'];
const PHONE_WORDS = ['phone', 'mobile', 'telephone', 'tel', 'fax', 'cell'];
const TEXT_WORDS = ['notes', 'note', 'comment', 'comments', 'description', 'message', 'remarks', 'remark', 'feedback', 'bio', 'summary', 'body', 'text'];
const FLAG = new Set(['yes', 'no', 'true', 'false', 'y', 'n', '0', '1']);

/** The role that keeps a property out of every model, or undefined for an ordinary property. */
export function propertyRole(column: PropertyColumn): { role: PropertyRole; by: 'name' | 'values' } | undefined {
  const words = wordsOf(column.property);
  const joined = words.join('');
  const last = words.at(-1) ?? '';
  const texts = column.ownValues.filter((value): value is string => typeof value === 'string' && !isMissing(value));
  // "Do Not Email", "Do Not Call": yes/no flags about contacting, not an address.
  const flags = column.type === 'boolean' || column.ownValues.every((value) => isMissing(value) || typeof value === 'boolean' || FLAG.has(String(value).trim().toLowerCase()));

  if (shareOf(texts, (text) => EMAIL.test(text.trim())) >= SHAPE_SHARE) return { role: 'email', by: 'values' };
  if (shareOf(texts, isPhone) >= SHAPE_SHARE) return { role: 'phone', by: 'values' };
  if (!flags && (/email(address)?$/.test(joined) || joined === 'mail')) return { role: 'email', by: 'name' };
  if (!flags && (PHONE_WORDS.includes(last) || /(phone|mobile)(number)?$/.test(joined))) return { role: 'phone', by: 'name' };
  if (joined === 'name' || NAMED.some((whose) => joined.endsWith(`${whose}name`)) || ORGANISATIONS.includes(joined)) return { role: 'name', by: 'name' };
  if (IDENTIFIER_WORDS.includes(last) || /(object|record|contact|lead|company|account|prospect|customer|user|visitor|external|crm)id$/.test(joined) || ADDRESSES.includes(joined)) {
    return { role: 'identifier', by: 'name' };
  }
  if (TEXT_WORDS.includes(last)) return { role: 'free_text', by: 'name' };

  if (texts.length === 0) return undefined;
  const length = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
  if (length >= LONG_TEXT) return { role: 'free_text', by: 'values' };
  if (texts.length < MIN_VALUES || new Set(texts.map((text) => text.trim().toLowerCase())).size < DISTINCT_SHARE * texts.length) return undefined;
  return shareOf(texts, (text) => text.trim().split(/\s+/).length >= 3) >= 0.5 ? { role: 'free_text', by: 'values' } : { role: 'identifier', by: 'values' };
}

/** "Lead Number" → lead, number; "hs_object_id" → hs, object, id; "firstName" → first, name. */
export function wordsOf(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

function isPhone(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return PHONE.test(text.trim()) && !DATE.test(text.trim()) && digits >= 7 && digits <= 15;
}

function shareOf(texts: readonly string[], test: (text: string) => boolean): number {
  return texts.length === 0 ? 0 : texts.filter(test).length / texts.length;
}
