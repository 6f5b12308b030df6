import type { ContactSelector } from '../model/rule.ts';
import type { EventCondition } from './conditions.ts';
import { eventSeries, firstAfter, firstAtOrAfter, type IndexedRecord } from './dataset-index.ts';
import type { EventColumns, EventSeries } from './event-series.ts';
import type { WindowAt } from './event-window.ts';
import type { ScoringPass } from './scoring-pass.ts';

/**
 * The series of one event type a record's score counts: a contact's own; for a company or deal,
 * those of its associated contacts, optionally only the contacts in a list (scoring.md §6.3). Each
 * contact appears once (decision D12), in id order.
 */
export function seriesFor(
  record: IndexedRecord,
  eventType: string,
  selector: ContactSelector | undefined,
  pass: ScoringPass,
): EventSeries[] {
  if (record.objectType === 'contact') {
    const own = eventSeries(pass.index, record.id, eventType);
    return own ? [own] : [];
  }
  const out: EventSeries[] = [];
  for (const contactId of record.contacts) {
    const series = eventSeries(pass.index, contactId, eventType);
    if (series && isSelected(contactId, selector, pass)) out.push(series);
  }
  return out;
}

/** Whether an associated contact's events count for a company or deal: all, or only a list's members. */
export function isSelected(contactId: string, selector: ContactSelector | undefined, pass: ScoringPass): boolean {
  if (selector === undefined || selector === 'all') return true;
  const contact = pass.index.records.get(contactId);
  return contact !== undefined && pass.inList(selector.list, contact);
}

/**
 * Visits the events inside the window at the pass's `asOf` that pass `where`, newest first within
 * each series, and notes when the set of counted events changes: the oldest counted one leaving a
 * relative window, or the next matching event arriving.
 */
export function scanEvents(
  seriesList: readonly EventSeries[],
  windowAt: WindowAt,
  where: EventCondition | undefined,
  pass: ScoringPass,
  visit: (columns: EventColumns, position: number, time: number) => void,
): void {
  const window = windowAt(pass.asOf);
  let oldest = Infinity;
  for (const { times, columns, offset } of seriesList) {
    const first = firstAtOrAfter(times, window.from);
    const afterLast = firstAfter(times, window.to);
    for (let i = afterLast - 1; i >= first; i--) {
      if (where && !where(columns.properties(offset + i), pass)) continue;
      if (times[i]! < oldest) oldest = times[i]!;
      visit(columns, offset + i, times[i]!);
    }
    for (let i = firstAfter(times, pass.asOf); i < times.length && times[i]! <= window.end; i++) {
      if (!where || where(columns.properties(offset + i), pass)) {
        pass.changesAt(times[i]!);
        break;
      }
    }
  }
  // Relative windows slide forwards, so the oldest counted event is the first to leave.
  if (window.leaveAt && oldest !== Infinity) pass.changesAt(window.leaveAt(oldest));
}
