import type { Condition } from '../model/condition.ts';
import type { CrmRecord } from '../model/dataset.ts';
import { compileRecordCondition } from './conditions.ts';
import { indexDataset } from './dataset-index.ts';
import { ListBook } from './lists.ts';
import { ScoringPass } from './scoring-pass.ts';

/**
 * Whether one record's properties meet a condition at `asOf` (epoch ms): what a lifecycle score
 * rule's extra condition asks (lifecycle.md §6.2, "and lead status is unknown"). The condition
 * tests properties only, so the record alone is the data it reads.
 */
export function recordMeets(condition: Condition, record: CrmRecord, asOf: number): boolean {
  const index = indexDataset({ records: [record] });
  const pass = new ScoringPass(index, asOf, new ListBook(index), false);
  return compileRecordCondition(condition)(index.records.get(record.id), pass);
}
