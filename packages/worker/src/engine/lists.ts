import type { Condition } from '../model/condition.ts';
import type { CrmList } from '../model/dataset.ts';
import type { ValidationIssue } from '../model/validate.ts';
import { compileRecordCondition, type RecordCondition } from './conditions.ts';
import type { DatasetIndex, IndexedRecord } from './dataset-index.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** List membership (scoring.md §7.2): static lists by id, dynamic lists by condition at `asOf`. */
export class ListBook {
  private readonly members = new Map<string, ReadonlySet<string>>();
  private readonly byPosition = new Map<string, Uint8Array | undefined>();
  private readonly conditions = new Map<string, RecordCondition>();

  constructor(private readonly index: DatasetIndex) {}

  isMember(listId: string, record: IndexedRecord, pass: ScoringPass): boolean {
    const list = this.index.lists.get(listId);
    if (!list || list.objectType !== record.objectType) return false;
    if (list.recordIds) {
      const byPosition = this.staticByPosition(list);
      const { position } = record;
      return byPosition !== undefined && this.index.recordsInOrder[position] === record ? byPosition[position] === 1 : this.staticMembers(list).has(record.id);
    }

    let memo = pass.memberships.get(listId);
    if (!memo) pass.memberships.set(listId, (memo = new Map()));
    const known = memo.get(record.id);
    if (known) {
      pass.changesAt(known.changesAt);
      return known.member;
    }
    const condition = this.conditionOf(list);
    const { value, changesAt } = pass.isolated(() => condition(record, pass));
    memo.set(record.id, { member: value, changesAt });
    return value;
  }

  /**
   * A static list's members as a byte per record position, from the list's ids: a scope that
   * excludes a list of a few hundred then costs each record a byte read, not a lookup of its id.
   * Undefined when ids repeat among the records (each record of a shared id is a member), which
   * the set by id answers.
   */
  private staticByPosition(list: CrmList): Uint8Array | undefined {
    if (this.byPosition.has(list.id)) return this.byPosition.get(list.id);
    const { records, recordsInOrder } = this.index;
    let members: Uint8Array | undefined;
    if (records.size === recordsInOrder.length) {
      members = new Uint8Array(recordsInOrder.length);
      for (const id of list.recordIds ?? []) {
        const record = records.get(id);
        if (record) members[record.position] = 1;
      }
    }
    this.byPosition.set(list.id, members);
    return members;
  }

  private staticMembers(list: CrmList): ReadonlySet<string> {
    let set = this.members.get(list.id);
    if (!set) this.members.set(list.id, (set = new Set(list.recordIds)));
    return set;
  }

  private conditionOf(list: CrmList): RecordCondition {
    let compiled = this.conditions.get(list.id);
    if (!compiled) this.conditions.set(list.id, (compiled = compileRecordCondition(list.condition as Condition)));
    return compiled;
  }
}

/** Lists naming lists that do not exist, or naming themselves through others (decision D18). */
export function listProblems(index: Pick<DatasetIndex, 'lists'>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const lists = [...index.lists.values()];
  const referencesOf = new Map(lists.map((list) => [list.id, list.condition ? listReferences(list.condition) : []]));
  lists.forEach((list, i) => {
    for (const id of referencesOf.get(list.id) ?? []) {
      if (!index.lists.has(id)) {
        issues.push({ path: `lists[${i}].condition`, message: `lists[${i}].condition names list "${id}", which the dataset does not have` });
      }
    }
  });
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const position = lists.findIndex((list) => list.id === id);
      const cycle = [...trail.slice(trail.indexOf(id)), id].join(' → ');
      issues.push({ path: `lists[${position}].condition`, message: `lists[${position}].condition refers back to itself: ${cycle}` });
      return;
    }
    state.set(id, 'visiting');
    for (const next of referencesOf.get(id) ?? []) if (index.lists.has(next)) visit(next, [...trail, id]);
    state.set(id, 'done');
  };
  for (const list of lists) visit(list.id, []);
  return issues;
}

/** Every list an `in_list`/`not_in_list` test in the condition names. */
export function listReferences(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(listReferences);
  if ('any' in condition) return condition.any.flatMap(listReferences);
  if ('not' in condition) return listReferences(condition.not);
  if (condition.operator === 'in_list' || condition.operator === 'not_in_list') return [String(condition.value)];
  return [];
}
