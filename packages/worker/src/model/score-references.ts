// Who reads whose score (decisions D26, D27): the record properties and lists a definition, a
// dynamic list or a lifecycle rule's condition reads, and which of those properties are scores.
import { isTest, type Condition } from './condition.ts';
import type { CrmList } from './dataset.ts';
import type { Definition, ObjectType } from './definition.ts';
import { listOf } from './report.ts';
import type { PropertySource } from './rule.ts';
import { isScoreSuffixed, parseScoreProperty, scorePropertiesOf, type ScorePropertyPart } from './score-properties.ts';

/** A record property a condition tests: its name, the kind of record it is read on, and where. */
export interface PropertyRead {
  property: string;
  objectType: ObjectType;
  path: (string | number)[];
}

/** A list something names (a scope, an `in_list` test, a rule's contacts), the kind of record it must hold, and where. */
export interface ListUse {
  listId: string;
  objectType: ObjectType;
  path: (string | number)[];
}

export interface Reads {
  properties: PropertyRead[];
  lists: ListUse[];
}

/** The kind of record each association of a property rule reads (scoring.md §6.2). */
export const sourceObjectType: Record<Exclude<PropertySource, 'self'>, ObjectType> = {
  primaryCompany: 'company', companies: 'company', contacts: 'contact', deals: 'deal',
};

/** What a definition reads of records: its property rules' tests, its scope and every list it names. */
export function definitionReads(definition: Definition): Reads {
  const reads: Reads = { properties: [], lists: [] };
  const { scope } = definition;
  const { objectType } = definition;
  if (scope?.mode === 'all') scope.excludeLists?.forEach((listId, i) => reads.lists.push({ listId, objectType, path: ['scope', 'excludeLists', i] }));
  if (scope?.mode === 'lists') scope.includeLists.forEach((listId, i) => reads.lists.push({ listId, objectType, path: ['scope', 'includeLists', i] }));
  definition.groups.forEach((group, g) => group.rules.forEach((rule, r) => {
    const path = ['groups', g, 'rules', r];
    if (rule.type === 'property') {
      const of = rule.of ?? 'self';
      addCondition(reads, rule.condition, of === 'self' ? definition.objectType : sourceObjectType[of], [...path, 'condition']);
    } else if (rule.contacts !== undefined && rule.contacts !== 'all') {
      reads.lists.push({ listId: rule.contacts.list, objectType: 'contact', path: [...path, 'contacts', 'list'] });
    }
  }));
  return reads;
}

/** What a dynamic list's condition reads of its records (an event count reads events, not properties). */
export function listReads(list: CrmList): Reads {
  return conditionReads(list.condition, list.objectType, ['condition']);
}

/** What a condition over one kind of record reads (a lifecycle rule's condition, a list's). */
export function conditionReads(condition: Condition | undefined, objectType: ObjectType, path: (string | number)[]): Reads {
  const reads: Reads = { properties: [], lists: [] };
  if (condition) addCondition(reads, condition, objectType, path);
  return reads;
}

function addCondition(reads: Reads, condition: Condition, objectType: ObjectType, path: (string | number)[]): void {
  if ('all' in condition) condition.all.forEach((child, i) => addCondition(reads, child, objectType, [...path, 'all', i]));
  else if ('any' in condition) condition.any.forEach((child, i) => addCondition(reads, child, objectType, [...path, 'any', i]));
  else if ('not' in condition) addCondition(reads, condition.not, objectType, [...path, 'not']);
  else if (isTest(condition)) {
    if (condition.operator === 'in_list' || condition.operator === 'not_in_list') {
      reads.lists.push({ listId: String(condition.value), objectType, path: [...path, 'value'] });
    } else if (condition.event === undefined && condition.property !== undefined) {
      reads.properties.push({ property: condition.property, objectType, path: [...path, 'property'] });
    }
  }
}

/** A definition as a read resolves against it, and whether it is active (keeping its scores). */
export interface KnownDefinition {
  definition: Definition;
  active: boolean;
}

/** A read that names a score: which definition's, and which part. */
export interface ScoreRead {
  definitionId: string;
  part: ScorePropertyPart;
}

/**
 * Which score a property read names, or why it cannot be read: a name is a score property when it
 * is a definition's id, or a definition's id with `.engagement`, `.fit` or `.label`; those three
 * suffixes are kept for score properties, so one naming no definition is a mistake. A read of an
 * inactive definition is one when `requireActive` (what is active reads only what is kept current).
 */
export function resolveRead(read: PropertyRead, definitions: ReadonlyMap<string, KnownDefinition>, requireActive: boolean): ScoreRead | { problem: string } | undefined {
  const named = parseScoreProperty(read.property);
  const known = definitions.get(named.definitionId);
  if (!known) {
    return isScoreSuffixed(read.property) ? { problem: `names the score property "${read.property}", but there is no definition "${named.definitionId}"` } : undefined;
  }
  const { definition } = known;
  if (definition.objectType !== read.objectType) {
    return { problem: `reads "${read.property}", but "${definition.id}" scores ${definition.objectType} records, not the ${read.objectType} read here` };
  }
  const written = scorePropertiesOf(definition);
  if (!written.some((property) => property.part === named.part)) {
    return { problem: `reads "${read.property}", which "${definition.id}" does not write: it writes ${listOf(written.map((property) => property.name))}${named.part === 'label' ? ' (a label needs thresholds)' : ' (engagement and fit are parts of combined scores)'}` };
  }
  if (requireActive && !known.active) return { problem: `reads "${read.property}", but "${definition.id}" is not active: activate it first` };
  return named;
}

/** A definition or a list in the graph of who reads whose score. */
export type GraphNode = { kind: 'definition'; id: string } | { kind: 'list'; id: string };

export interface ScoreGraph {
  /** The definitions in an order where each comes after every definition whose score it reads. */
  order: string[];
  /** The definitions whose scores each definition reads, in its rules or through its lists. */
  reads: ReadonlyMap<string, ReadonlySet<string>>;
  /** The definitions that read each definition's score: `reads` the other way round. */
  readers: ReadonlyMap<string, ReadonlySet<string>>;
  /** A way from `node` back to itself through what reads what, from `node` to `node`; undefined when there is none. */
  cycleThrough(node: GraphNode): GraphNode[] | undefined;
}

/**
 * Who reads whose score among `definitions` and `lists` (reads naming no definition here are
 * ordinary properties). A cycle through a definition would make its score depend on itself; a
 * cycle only of lists is the dataset's to report (D18).
 */
export function scoreGraph(definitions: readonly Definition[], lists: readonly CrmList[]): ScoreGraph {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const listsById = new Map(lists.map((list) => [list.id, list]));
  const scoresRead = (reads: Reads) => new Set(reads.properties.map((read) => parseScoreProperty(read.property).definitionId).filter((id) => byId.has(id)));
  const edges = new Map<string, GraphNode[]>();
  const key = (node: GraphNode) => `${node.kind}:${node.id}`;
  const add = (from: GraphNode, reads: Reads) => {
    const to: GraphNode[] = [...scoresRead(reads)].map((id) => ({ kind: 'definition', id }));
    for (const use of reads.lists) if (listsById.has(use.listId)) to.push({ kind: 'list', id: use.listId });
    edges.set(key(from), to);
  };
  for (const definition of definitions) add({ kind: 'definition', id: definition.id }, definitionReads(definition));
  for (const list of lists) add({ kind: 'list', id: list.id }, listReads(list));

  // A definition reads the scores its lists read, through lists of lists, but not through other definitions.
  const reads = new Map<string, Set<string>>();
  for (const definition of definitions) {
    const found = new Set<string>();
    const seen = new Set<string>();
    const walk = (node: GraphNode) => {
      for (const next of edges.get(key(node)) ?? []) {
        if (next.kind === 'definition') found.add(next.id);
        else if (!seen.has(next.id)) {
          seen.add(next.id);
          walk(next);
        }
      }
    };
    walk({ kind: 'definition', id: definition.id });
    reads.set(definition.id, found);
  }
  const readers = new Map<string, Set<string>>(definitions.map((definition) => [definition.id, new Set()]));
  for (const [reader, read] of reads) for (const id of read) readers.get(id)!.add(reader);
  const cycleThrough = (start: GraphNode): GraphNode[] | undefined => {
    const seen = new Set<string>();
    const walk = (node: GraphNode, trail: GraphNode[]): GraphNode[] | undefined => {
      for (const next of edges.get(key(node)) ?? []) {
        if (key(next) === key(start)) return [...trail, next];
        if (seen.has(key(next))) continue;
        seen.add(key(next));
        const found = walk(next, [...trail, next]);
        if (found) return found;
      }
      return undefined;
    };
    return walk(start, [start]);
  };
  return { order: dependencyOrder(definitions, reads), reads, readers, cycleThrough };
}

/**
 * The definitions in an order where each comes after every one whose score its rules read: the
 * order to save and activate a set of definitions in (their lists' reads are not known here).
 */
export function inScoreOrder(definitions: readonly Definition[]): Definition[] {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  return scoreGraph(definitions, []).order.map((id) => byId.get(id)!);
}

/** Kahn's order; the definitions on a cycle (refused wherever they are saved) come last, in input order. */
function dependencyOrder(definitions: readonly Definition[], reads: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const waiting = new Map(definitions.map((definition) => [definition.id, new Set([...reads.get(definition.id)!].filter((id) => id !== definition.id))]));
  const order: string[] = [];
  for (let ready = [...waiting.keys()].filter((id) => waiting.get(id)!.size === 0); ready.length > 0;) {
    const next: string[] = [];
    for (const id of ready) {
      order.push(id);
      waiting.delete(id);
    }
    for (const [id, needs] of waiting) {
      for (const done of ready) needs.delete(done);
      if (needs.size === 0 && !next.includes(id)) next.push(id);
    }
    ready = next;
  }
  return [...order, ...waiting.keys()];
}

/** `"b" → list "hot" → "b"`: a cycle as a message names it. */
export function describeCycle(cycle: readonly GraphNode[]): string {
  return cycle.map((node) => (node.kind === 'definition' ? `"${node.id}"` : `list "${node.id}"`)).join(' → ');
}
