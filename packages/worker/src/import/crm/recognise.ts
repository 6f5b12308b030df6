import { normalizeName, type CrmFormat, type CsvFormatOption, type HeaderView } from './crm-format.ts';
import { hubspot } from './hubspot.ts';
import { salesforce } from './salesforce.ts';
import { zoho } from './zoho.ts';

/** The CRMs whose exports the import recognises. */
export const crmFormats: readonly CrmFormat[] = [hubspot, salesforce, zoho];

/** A header and its first rows as the formats look at them. */
export function headerView(names: readonly string[], rows: readonly (readonly string[])[]): HeaderView {
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    const key = normalizeName(name);
    if (!index.has(key)) index.set(key, i);
  });
  return {
    has: (...wanted) => wanted.some((name) => index.has(name)),
    sample: (name) => {
      const i = index.get(name);
      return i === undefined ? [] : rows.map((row) => row[i] ?? '');
    },
  };
}

/**
 * The CRM format of an export: the one named, or with `auto` the one whose own column names the
 * header has most of; undefined for `generic`, and for `auto` when no CRM's names are there.
 */
export function formatOf(option: CsvFormatOption, header: HeaderView): CrmFormat | undefined {
  if (option === 'generic') return undefined;
  if (option !== 'auto') return crmFormats.find((format) => format.name === option);
  let best: { format: CrmFormat; signals: number } | undefined;
  for (const format of crmFormats) {
    const signals = format.signals(header);
    if (signals > 0 && (!best || signals > best.signals)) best = { format, signals };
  }
  return best?.format;
}
