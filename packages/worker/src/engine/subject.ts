import type { CrmEvent, CrmList, CrmRecord, Dataset, PropertyChange, PropertyTypes } from '../model/dataset.ts';

/**
 * One record to score with everything its score can read: its events (for a company or deal, the
 * events of its contacts), the records it is associated with, the lists the definition names and
 * its property history. When a dynamic list tests an associated record (an `in_list` rule `of`
 * companies, say), that record's own neighbourhood belongs in the subject too: a company list that
 * counts events needs the company's contacts and their events.
 */
export interface Subject {
  record: CrmRecord;
  related?: CrmRecord[];
  events?: CrmEvent[];
  lists?: CrmList[];
  propertyHistory?: PropertyChange[];
  propertyTypes?: PropertyTypes;
}

export function subjectToDataset(subject: Subject): Dataset {
  return {
    records: [subject.record, ...(subject.related ?? []).filter((r) => r.id !== subject.record.id)],
    events: subject.events ?? [],
    lists: subject.lists ?? [],
    propertyHistory: subject.propertyHistory ?? [],
    propertyTypes: subject.propertyTypes ?? {},
  };
}
