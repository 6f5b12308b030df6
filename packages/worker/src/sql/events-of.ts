import type { ObjectType } from '../model/definition.ts';
import type { EventRule } from '../model/rule.ts';
import { membershipSql } from './conditions.ts';
import type { SqlContext } from './context.ts';
import { uniqueJoins } from './query-parts.ts';

/**
 * The events read for records of `objectType`, as rows with that record's id in `record_id`: a
 * contact's own, or for a company or deal those of its associated contacts (scoring.md §4.7,
 * §6.3), all of them or those in a list.
 */
export function eventsOf(objectType: ObjectType, contacts: EventRule['contacts'], ctx: SqlContext): string {
  if (objectType === 'contact') return 'events';
  const { sql } = ctx;
  const selected = contacts === undefined || contacts === 'all'
    ? undefined
    : membershipSql(contacts.list, { items: ctx.recordItems, itemKey: 'record_id', rowKey: 'a.to_id', record: 'contact' }, ctx);
  return [
    '(SELECT a.from_id AS record_id, v.event_id, v.event_type, v.occurred_at_ms',
    ` FROM events v JOIN associations a ON a.to_id = v.record_id AND a.from_type = ${sql.text(objectType)} AND a.to_type = 'contact'`,
    ...(selected ? [...uniqueJoins(selected.joins).map((join) => ` ${join}`), ` WHERE ${selected.sql}`] : []),
    ')',
  ].join('');
}
