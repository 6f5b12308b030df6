import type { ScoreChange } from '@leadscore/sdk';
import { engineName } from '../internal/engine-name.ts';
import { formatDate, formatNumber } from '../internal/format.ts';
import { translate, type MessageKey } from '../internal/locale.ts';
import { en } from '../internal/locales/en.ts';

/**
 * A change's cause in words (scoring.md §9.4), named by what `getHistory`'s `causeDetail` holds:
 * "Marketing email opened on Mar 3, 2026", "Property Country changed to Denmark", "Definition
 * Engagement v2 activated". A cause without a detail (its event or definition gone, a static
 * history given without one) shows its reference as it is.
 */
export function causeText(locale: string, change: Pick<ScoreChange, 'cause' | 'causeDetail'>): string {
  const { cause } = change;
  const detail = change.causeDetail ?? {};
  switch (cause.kind) {
    case 'time': return translate(locale, 'cause.time');
    case 'import': return translate(locale, 'cause.import', { ref: engineName(cause.ref) });
    case 'event':
      return detail.eventType && detail.occurredAt
        ? translate(locale, 'cause.eventNamed', { event: known(locale, `event.${detail.eventType}`) ?? detail.eventType, when: formatDate(locale, detail.occurredAt) })
        : translate(locale, 'cause.event', { ref: cause.ref });
    case 'property':
      return 'value' in detail
        ? translate(locale, 'cause.propertyValue', { property: propertyName(locale, cause.ref), value: valueText(locale, cause.ref, detail.value ?? null) })
        : translate(locale, 'cause.property', { ref: cause.ref });
    case 'definition':
      return detail.name && detail.version !== undefined
        ? translate(locale, 'cause.definitionNamed', { name: detail.name, version: detail.version })
        : translate(locale, 'cause.definition', { ref: cause.ref });
    case 'backfill':
      return detail.name && detail.version !== undefined
        ? translate(locale, 'cause.backfillNamed', { name: detail.name, version: detail.version })
        : translate(locale, 'cause.backfill', { ref: cause.ref });
    default: return translate(locale, `cause.${cause.kind}`, { ref: detail.name ?? cause.ref });
  }
}

/** A message of the locale when it has one for `key` (standard event types, stages, the lifecycle properties). */
function known(locale: string, key: string): string | undefined {
  return key in en ? translate(locale, key as MessageKey) : undefined;
}

/** "lead_source" → "Lead source"; the lifecycle properties by their names in the locale. */
function propertyName(locale: string, property: string): string {
  const words = property.replace(/[_-]+/g, ' ').trim();
  return known(locale, `property.${property}`) ?? (words.charAt(0).toUpperCase() + words.slice(1));
}

function valueText(locale: string, property: string, value: NonNullable<ScoreChange['causeDetail']>['value'] | null): string {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return translate(locale, 'none');
  if (typeof value === 'number') return formatNumber(locale, value, 2);
  if (Array.isArray(value)) return value.join(', ');
  if (property === 'lifecyclestage') return known(locale, `stage.${String(value)}`) ?? String(value);
  if (property === 'hs_lead_status') return known(locale, `leadStatus.${String(value)}`) ?? String(value);
  return String(value);
}

