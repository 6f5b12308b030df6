import { compileLabels } from '../engine/thresholds.ts';
import { InvalidInputError } from '../engine/errors.ts';
import { toAsOf } from '../engine/evaluate.ts';
import type { Definition } from '../model/definition.ts';
import type { CrmList } from '../model/dataset.ts';
import { definitionReads, listReads } from '../model/score-references.ts';
import type { Instant } from '../model/time.ts';
import { validateDefinition } from '../model/validate.ts';
import { dialectWriter, doubleLiteral, msLiteral, sqlDialects, type DialectWriter, type SqlDialect } from './dialect.ts';
import type { SqlContext } from './context.ts';
import { eventRuleSql, type RuleSql } from './event-rule-sql.ts';
import { membershipSql } from './conditions.ts';
import { propertyRuleSql } from './property-rule-sql.ts';
import { indent, QueryParts, uniqueJoins } from './query-parts.ts';

export interface SqlOptions {
  dialect: SqlDialect;
  /** The instant scored at, as `scoreDataset` takes it. */
  asOf: Instant | Date;
  /**
   * The dataset's lists (formats.md §2): a dynamic list the definition names, directly or through
   * another list, is compiled from its condition (§7.2). A list not given is read from
   * `list_members`, as a static list.
   */
  lists?: readonly CrmList[];
  /** Also return each record's `position`, to merge in dataset order what was scored in parts. */
  position?: boolean;
}

/**
 * One query that scores every record of the definition's object type at `asOf` over the tables of
 * docs/warehouse.md, in dataset order (`position`): `record_id`, `in_scope`, `value`,
 * `engagement`, `fit`, `label`, `groups` (a list of `{ id, value }`) and `next_change_at` (epoch
 * ms, never later than the engine's; NULL for none). The numbers are the engine's, step by step
 * (scoring.md §2.3: rules rounded, group limits, the score limit); a definition the compiler
 * cannot express so is refused with a NotCompiledError naming the part.
 */
export function compileToSql(definition: Definition, options: SqlOptions): string {
  const checked = validateDefinition(definition);
  if (!checked.ok) throw new InvalidInputError('definition', checked.issues);
  if (!sqlDialects.includes(options?.dialect)) {
    throw new InvalidInputError('options', [{ path: 'dialect', message: `dialect must be one of ${sqlDialects.join(', ')}` }]);
  }
  return querySql(checked.value, toAsOf(options.asOf), dialectWriter(options.dialect), new Map((options.lists ?? []).map((list) => [list.id, list])), options.position === true);
}

function querySql(definition: Definition, asOf: number, sql: DialectWriter, lists: ReadonlyMap<string, CrmList>, position: boolean): string {
  const parts = new QueryParts();
  const reads = definitionReads(definition);
  // The properties read, by the definition or by a dynamic list it may reach: each read as of asOf.
  const listed = [...lists.values()].flatMap((list) => (list.condition ? listReads(list).properties : []));
  const readNames = [...new Set([...reads.properties, ...listed].map((read) => read.property))];
  const history = readNames.length > 0 ? addPropertiesAt(parts, asOf, readNames, sql) : undefined;
  const ctx: SqlContext = { objectType: definition.objectType, parts, sql, asOf, recordItems: history?.propsAt ?? 'record_properties', lists, candidates: [], tests: new Map(), tallies: new Map() };

  const groups = definition.groups.map((group, g) => ({
    group,
    rules: group.rules.map((rule, r): RuleSql => {
      const path = `groups[${g}].rules[${r}]`;
      return rule.type === 'event' ? eventRuleSql(rule, path, group.decay, ctx) : propertyRuleSql(rule, path, ctx);
    }),
  }));
  const rules = groups.flatMap((group) => group.rules);
  const horizons = rules.flatMap((rule) => rule.horizons);
  const joins = rules.flatMap((rule) => rule.joins);
  const scope = scopeSql(definition, ctx);
  joins.push(...scope.joins);
  // Candidates found on records (a recorded change of a property read, a relative date test's
  // flip) count for the record and every record linked to it, which a rule may read: a superset
  // of what the engine reads, so never a later answer.
  const onRecords = [
    ...(history ? [`SELECT record_id, change_at FROM ${history.historyNext}`] : []),
    ...ctx.candidates.map((candidate) => candidate.of === 'record'
      ? `SELECT owner AS record_id, change_at FROM (${candidate.select}) c`
      // An event's candidates are its contact's, and so those of the records linked to it.
      : `SELECT e.record_id, c.change_at FROM (${candidate.select}) c JOIN events e ON e.event_id = c.owner`),
  ];
  if (onRecords.length > 0) {
    const near = parts.add('changes_near', [
      'SELECT o.record_id, MIN(c.change_at) AS change_at',
      'FROM (SELECT record_id, record_id AS other FROM records UNION ALL SELECT from_id, to_id FROM associations) o',
      `JOIN (${onRecords.join(' UNION ALL ')}) c ON c.record_id = o.other`,
      'GROUP BY o.record_id',
    ].join('\n'));
    joins.push(`LEFT JOIN ${near} ON ${near}.record_id = s.record_id`);
    horizons.push(`${near}.change_at`);
  }

  parts.placeDeferred();
  // Each rule's points rounded (compile.ts `run`), then each group's raw sum rounded and limited.
  let r = 0;
  const ruled = parts.add('ruled', [
    'SELECT s.record_id, s.position,',
    indent([
      `${scope.sql} AS in_scope,`,
      ...rules.map((rule, i) => `${round(rule.points)} AS p${i},`),
      `${horizons.length === 0 ? 'CAST(NULL AS BIGINT)' : horizons.length === 1 ? horizons[0] : `LEAST(${horizons.join(', ')})`} AS horizon`,
    ].join('\n')),
    `FROM records s`,
    ...uniqueJoins(joins),
    `WHERE s.object_type = ${sql.text(definition.objectType)}`,
  ].join('\n'));
  const grouped = parts.add('grouped', [
    'SELECT record_id, position, in_scope, horizon,',
    indent(groups.map(({ group, rules: groupRules }, g) => {
      const raw = round(groupRules.map(() => `p${r++}`).join(' + '));
      return `${group.limit === undefined ? raw : clamp(raw, -group.limit, group.limit)} AS g${g}`;
    }).join(',\n')),
    `FROM ${ruled}`,
  ].join('\n'));

  const max = definition.limit?.max ?? 100;
  const min = definition.limit?.min ?? -max;
  const total = (dimension: 'event' | 'property' | undefined) => {
    const chosen = groups.flatMap(({ group }, g) => (dimension === undefined || group.rules[0]!.type === dimension ? [`g${g}`] : []));
    return clamp(round(chosen.length === 0 ? 'CAST(0 AS DOUBLE)' : chosen.join(' + ')), min, max);
  };
  const combined = definition.kind === 'combined';
  const totals = parts.add('totals', [
    'SELECT record_id, position, in_scope, horizon,',
    indent([
      ...groups.map((_, g) => `g${g},`),
      `${total(undefined)} AS value,`,
      `${combined ? total('event') : 'CAST(NULL AS DOUBLE)'} AS engagement,`,
      `${combined ? total('property') : 'CAST(NULL AS DOUBLE)'} AS fit`,
    ].join('\n')),
    `FROM ${grouped}`,
  ].join('\n'));

  const inScope = (value: string) => `CASE WHEN in_scope THEN ${value} END`;
  const groupList = sql.structList(definition.groups.map((group, g) => ({ id: group.id, value: `g${g}` })));
  return [
    'WITH',
    parts.toSql(),
    'SELECT',
    indent([
      'record_id,',
      'in_scope,',
      `${inScope('value')} AS value,`,
      `${inScope('engagement')} AS engagement,`,
      `${inScope('fit')} AS fit,`,
      `${inScope(labelSql(definition, sql))} AS label,`,
      `${inScope(groupList)} AS groups,`,
      `${inScope('horizon')} AS next_change_at${position ? ',' : ''}`,
      ...(position ? ['position'] : []),
    ].join('\n')),
    `FROM ${totals}`,
    'ORDER BY position',
  ].join('\n');
}

/**
 * `props_at`: each record's properties as the engine reads them at `asOf` (scoring-pass.ts
 * `readProperty`, decision D5): a property with a recorded past has, at `asOf`, its value of the
 * last change up to then; none before its first change; its current value once every change has
 * passed (or the last change's, when it has none now). `history_next`: the next change of a
 * property the definition reads, a candidate instant of change.
 */
function addPropertiesAt(parts: QueryParts, asOf: number, names: readonly string[], sql: DialectWriter): { propsAt: string; historyNext: string } {
  const at = msLiteral(asOf);
  const state = parts.add('history_state', [
    `SELECT record_id, name, COUNT(DISTINCT seq) AS total, COUNT(DISTINCT CASE WHEN at_ms <= ${at} THEN seq END) AS passed`,
    'FROM property_history',
    'GROUP BY record_id, name',
  ].join('\n'));
  const propsAt = parts.add('props_at', [
    'SELECT p.record_id, p.name, p.item_key, p.item_number, p.item_bool, p.item_time',
    'FROM record_properties p',
    `LEFT JOIN ${state} h ON h.record_id = p.record_id AND h.name = p.name`,
    'WHERE h.record_id IS NULL OR h.passed = h.total',
    'UNION ALL',
    'SELECT c.record_id, c.name, c.item_key, c.item_number, c.item_bool, c.item_time',
    'FROM property_history c',
    `JOIN ${state} h ON h.record_id = c.record_id AND h.name = c.name AND c.seq = h.passed`,
    // Only the properties with a past are looked up: the distinct keys of all record properties cost a sixth of the query.
    `LEFT JOIN (SELECT DISTINCT p.record_id, p.name FROM record_properties p JOIN ${state} s ON s.record_id = p.record_id AND s.name = p.name) now ON now.record_id = c.record_id AND now.name = c.name`,
    'WHERE NOT c.cleared AND (h.passed < h.total OR now.record_id IS NULL)',
  ].join('\n'));
  const historyNext = parts.add('history_next', [
    `SELECT record_id, MIN(at_ms) AS change_at FROM property_history`,
    `WHERE at_ms > ${at} AND name IN (${names.map((name) => sql.text(name)).join(', ')})`,
    'GROUP BY record_id',
  ].join('\n'));
  return { propsAt, historyNext };
}

/** Which records are scored (scoring.md §7.1), as an expression with its joins. */
function scopeSql(definition: Definition, ctx: SqlContext): { sql: string; joins: string[] } {
  const scope = definition.scope;
  const lists = scope === undefined ? [] : scope.mode === 'all' ? (scope.excludeLists ?? []) : scope.includeLists;
  if (lists.length === 0) return { sql: 'TRUE', joins: [] };
  const subject = { items: ctx.recordItems, itemKey: 'record_id', rowKey: 's.record_id', record: definition.objectType };
  const members = lists.map((listId) => membershipSql(listId, subject, ctx));
  const any = `(${members.map((member) => member.sql).join(' OR ')})`;
  return { sql: scope!.mode === 'all' ? `NOT ${any}` : any, joins: members.flatMap((member) => member.joins) };
}

/** The label (thresholds.ts): a value on a bound gets that bound's label. */
function labelSql(definition: Definition, sql: DialectWriter): string {
  const labels = compileLabels(definition.kind, definition.thresholds);
  const thresholds = definition.thresholds;
  if (labels.names.length === 0 || thresholds === undefined) return 'CAST(NULL AS STRING)';
  const band = (value: string, bounds: { high: number; medium: number }) =>
    `CASE WHEN ${value} >= ${doubleLiteral(bounds.high)} THEN 0 WHEN ${value} >= ${doubleLiteral(bounds.medium)} THEN 1 ELSE 2 END`;
  const names = (index: string) => `CASE ${index} ${labels.names.map((name, i) => `WHEN ${i} THEN ${sql.text(name)}`).join(' ')} END`;
  if ('fit' in thresholds) return names(`3 * (${band('fit', thresholds.fit)}) + (${band('engagement', thresholds.engagement)})`);
  return names(band('value', thresholds));
}

/** rounding.ts `round`: 9 decimal places, half up, as Math.round does. */
function round(value: string): string {
  return `CAST(FLOOR((${value}) * CAST(1000000000 AS DOUBLE) + CAST(0.5 AS DOUBLE)) AS DOUBLE) / CAST(1000000000 AS DOUBLE)`;
}

function clamp(value: string, min: number, max: number): string {
  return `GREATEST(${doubleLiteral(min)}, LEAST(${doubleLiteral(max)}, ${value}))`;
}
