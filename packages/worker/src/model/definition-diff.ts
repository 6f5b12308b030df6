import type { Definition, Group } from './definition.ts';
import type { Rule } from './rule.ts';
import { formatPath } from './validate.ts';
import { isObject } from './report.ts';

/**
 * What changed from one definition to another, rule by rule: what the versions panel shows and
 * `leadscore diff` prints. Groups and rules are matched by id (a rule id is unique in the whole
 * definition, so a rule that moved to another group is changed, not removed and added). The order
 * of groups and rules is not compared: it changes no value, only the order of an explanation.
 */
export interface DefinitionDiff {
  /** Nothing differs: the two score every record alike and read the same. */
  same: boolean;
  /** Fields outside the groups: `name`, `kind`, `limit.max`, `scope.excludeLists`, `thresholds.high`, … */
  changes: FieldChange[];
  groups: {
    /** Without their rules, which are listed under `rules.added`. */
    added: GroupFields[];
    removed: GroupFields[];
    changed: GroupChange[];
  };
  rules: {
    added: RuleAt[];
    removed: RuleAt[];
    changed: RuleChange[];
  };
}

/**
 * One field that differs, by its path inside what it belongs to (the definition, a group or a
 * rule). `before` or `after` is left out where the field is not set. Objects are compared field by
 * field; a list (a condition's `values`, a scope's lists, a tree's children) is one value.
 */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

export type GroupFields = Omit<Group, 'rules'>;

export interface GroupChange {
  id: string;
  changes: FieldChange[];
}

/** A rule, with the id of the group that holds it. */
export interface RuleAt {
  group: string;
  rule: Rule;
}

/** A rule whose fields differ; `group` is where it is now, and a move shows as a change of `group`. */
export interface RuleChange {
  id: string;
  group: string;
  changes: FieldChange[];
}

export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
  const { groups: groupsBefore, ...topBefore } = before;
  const { groups: groupsAfter, ...topAfter } = after;
  const changes = fieldChanges(topBefore, topAfter);

  const oldGroups = byId(groupsBefore);
  const newGroups = byId(groupsAfter);
  const groups: DefinitionDiff['groups'] = { added: [], removed: [], changed: [] };
  for (const [id, group] of newGroups) {
    const old = oldGroups.get(id);
    if (!old) groups.added.push(withoutRules(group));
    else {
      const changed = fieldChanges(withoutRules(old), withoutRules(group));
      if (changed.length > 0) groups.changed.push({ id, changes: changed });
    }
  }
  for (const [id, group] of oldGroups) if (!newGroups.has(id)) groups.removed.push(withoutRules(group));

  const oldRules = rulesById(groupsBefore);
  const newRules = rulesById(groupsAfter);
  const rules: DefinitionDiff['rules'] = { added: [], removed: [], changed: [] };
  for (const [id, now] of newRules) {
    const old = oldRules.get(id);
    if (!old) rules.added.push(now);
    else {
      const changed = fieldChanges({ group: old.group, ...old.rule }, { group: now.group, ...now.rule });
      if (changed.length > 0) rules.changed.push({ id, group: now.group, changes: changed });
    }
  }
  for (const [id, old] of oldRules) if (!newRules.has(id)) rules.removed.push(old);

  const same = changes.length === 0 && [groups.added, groups.removed, groups.changed, rules.added, rules.removed, rules.changed].every((list) => list.length === 0);
  return { same, changes, groups, rules };
}

/** The leaves that differ between two plain JSON objects, in the order of `after`'s fields, then `before`'s. */
function fieldChanges(before: object, after: object, prefix: PropertyKey[] = []): FieldChange[] {
  const out: FieldChange[] = [];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const old = a[key];
    const now = b[key];
    const path = [...prefix, key];
    if (isObject(old) && isObject(now)) out.push(...fieldChanges(old, now, path));
    else if (JSON.stringify(old) !== JSON.stringify(now)) {
      out.push({ path: formatPath(path), ...(old === undefined ? {} : { before: old }), ...(now === undefined ? {} : { after: now }) });
    }
  }
  return out;
}

function byId(groups: readonly Group[]): Map<string, Group> {
  return new Map(groups.map((group) => [group.id, group]));
}

function rulesById(groups: readonly Group[]): Map<string, RuleAt> {
  return new Map(groups.flatMap((group) => group.rules.map((rule): [string, RuleAt] => [rule.id, { group: group.id, rule }])));
}

function withoutRules({ rules: _rules, ...fields }: Group): GroupFields {
  return fields;
}
