import type { ScoreRule } from '../lifecycle/settings.ts';
import type { CrmList } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import { parseScoreProperty } from '../model/score-properties.ts';
import {
  conditionReads, definitionReads, describeCycle, listReads, resolveRead, scoreGraph,
  type GraphNode, type KnownDefinition, type Reads,
} from '../model/score-references.ts';
import { formatPath, type ValidationIssue } from '../model/validate.ts';
import type { DefinitionUsage } from '../contract/index.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import { groupBy } from './collections.ts';
import { ServiceError } from './service-error.ts';

/**
 * Decisions D26 and D28 at the boundary: what reads a score names a definition that is there (and,
 * for what is live — an active definition, a list, a lifecycle rule — one that is active), of the
 * right kind of record, with the part it reads; nothing reads its own score, also through lists
 * and other definitions; and each definition knows what reads it ("Used in").
 */

/** The definitions as reads resolve against them: each one's active version, else its latest. */
async function knownDefinitions(tx: StoreModules): Promise<Map<string, KnownDefinition>> {
  const known = new Map<string, KnownDefinition>();
  // In key order: a definition's versions oldest first, so a later one replaces an earlier one.
  for (const row of await tx.definitions.all()) {
    if (!known.get(row.id)?.active) known.set(row.id, { definition: row.definition, active: row.status === 'active' });
  }
  return known;
}

/** A draft's reads name definitions that exist, and it reads no score that reads it back. */
export async function checkDraftReads(tx: StoreModules, draft: Definition): Promise<void> {
  const [known, lists] = await Promise.all([knownDefinitions(tx), tx.lists.all()]);
  known.set(draft.id, { definition: draft, active: false });
  const issues = readProblems(definitionReads(draft), known, false);
  const others = [...known.values()].map((entry) => entry.definition).filter((definition) => definition.id !== draft.id);
  issues.push(...cycleProblems([...others, draft], lists, { kind: 'definition', id: draft.id }, definitionReads(draft)));
  refuse(`the definition "${draft.id}" cannot be saved`, issues);
}

/**
 * At activation (or an update of an active version): the definition reads only active scores,
 * creates no cycle, and everything live that reads it still finds what it reads.
 */
export async function checkActivation(tx: StoreModules, definition: Definition): Promise<void> {
  const [known, lists, rules] = await Promise.all([knownDefinitions(tx), tx.lists.all(), scoreRulesIn(tx)]);
  known.set(definition.id, { definition, active: true });
  const issues = readProblems(definitionReads(definition), known, true);
  const active = [...known.values()].filter((entry) => entry.active).map((entry) => entry.definition);
  issues.push(...cycleProblems(active, lists, { kind: 'definition', id: definition.id }, definitionReads(definition)));
  rules.forEach((rule) => {
    if (rule.definitionId === definition.id && rule.objectType !== definition.objectType) {
      issues.push({ path: '', message: `lifecycle rule "${rule.id}" is a rule on ${rule.objectType} records, but "${definition.id}" would score ${definition.objectType} records` });
    }
  });
  for (const reader of liveReaders(active.filter((other) => other.id !== definition.id), lists, rules)) {
    const reads = reader.reads.properties.filter((read) => parseScoreProperty(read.property).definitionId === definition.id);
    for (const issue of readProblems({ properties: reads, lists: [] }, known, true)) {
      // The read is another's: its path is in the message, the definition being activated has none.
      issues.push({ path: '', message: `${reader.kind === 'lifecycleRule' ? 'lifecycle rule' : reader.kind} "${reader.id}" ${issue.message}` });
    }
  }
  refuse(`the definition "${definition.id}" cannot be activated`, issues);
}

/**
 * Saved lists read only active scores of their own kind of record, and close no loop through a
 * definition. An import brings lists as data, possibly before the definitions they read: it is
 * held to the loops only.
 */
export async function checkListReads(tx: StoreModules, saved: readonly CrmList[], imported = false): Promise<void> {
  if (saved.length === 0) return;
  const [known, lists] = await Promise.all([knownDefinitions(tx), tx.lists.all()]);
  const active = [...known.values()].filter((entry) => entry.active).map((entry) => entry.definition);
  const issues = saved.flatMap((list, i) => {
    const at = (issue: ValidationIssue) => ({ path: `lists[${i}].${issue.path}`, message: `lists[${i}].${issue.message}` });
    const reads = listReads(list);
    return [...(imported ? [] : readProblems(reads, known, true)), ...cycleProblems(active, lists, { kind: 'list', id: list.id }, reads)].map(at);
  });
  refuse(imported ? 'the dataset was not imported' : 'the lists were not saved', issues);
}

/** Each score rule names an active definition of its kind of record, and its condition reads active scores. */
export async function checkScoreRules(tx: StoreModules, rules: readonly ScoreRule[]): Promise<void> {
  const known = await knownDefinitions(tx);
  const issues = rules.flatMap((rule, i) => {
    const path = ['scoreRules', i];
    const problems: ValidationIssue[] = [];
    const named = known.get(rule.definitionId);
    const problem = !named ? `names the definition "${rule.definitionId}", which does not exist`
      : !named.active ? `names the definition "${rule.definitionId}", which is not active: activate it first`
      : named.definition.objectType !== rule.objectType ? `names "${rule.definitionId}", which scores ${named.definition.objectType} records, but the rule is for ${rule.objectType} records (contact unless "objectType" says otherwise): set "objectType": "${named.definition.objectType}"`
      : undefined;
    if (problem) problems.push(issueAt([...path, 'definitionId'], problem));
    problems.push(...readProblems(conditionReads(rule.condition, rule.objectType, [...path, 'condition']), known, true));
    return problems;
  });
  refuse('the lifecycle settings were not saved', issues);
}

/**
 * "Used in": what reads a definition's score. `live` only: what needs it active (active
 * definitions, lists, lifecycle rules); otherwise also drafts and retired definitions.
 */
export async function usageOf(tx: StoreModules, definitionId: string, live = false): Promise<DefinitionUsage[]> {
  const [rows, lists, rules] = await Promise.all([tx.definitions.all(), tx.lists.all(), scoreRulesIn(tx)]);
  // A definition reads what its active version reads and what its latest version reads: both are in use.
  const readers = new Map<string, DefinitionRow>();
  for (const [id, versions] of groupBy(rows.filter((row) => row.id !== definitionId), (row) => row.id)) {
    const active = versions.find((row) => row.status === 'active');
    const inUse = live ? [active] : [active, versions.at(-1)];
    const reader = inUse.find((row) => row !== undefined && reads(definitionReads(row.definition), definitionId));
    if (reader) readers.set(id, reader);
  }
  const usage: DefinitionUsage[] = [...readers.values()].map((row) => ({ kind: 'definition', id: row.id, name: row.definition.name, status: row.status }));
  for (const list of lists) if (reads(listReads(list), definitionId)) usage.push({ kind: 'list', id: list.id, name: list.name ?? list.id });
  for (const rule of rules) {
    if (rule.definitionId === definitionId || reads(conditionReads(rule.condition, rule.objectType, []), definitionId)) {
      usage.push({ kind: 'lifecycleRule', id: rule.id, name: rule.id });
    }
  }
  return usage;
}

/** Refuses to retire a definition that something live (or, for a deletion, anything) reads, unless forced. */
export async function refuseIfUsed(tx: StoreModules, definitionId: string, action: 'deactivated' | 'deleted'): Promise<void> {
  const usage = await usageOf(tx, definitionId, action === 'deactivated');
  if (usage.length === 0) return;
  const names = usage.map((use) => `${use.kind === 'lifecycleRule' ? 'lifecycle rule' : use.kind} "${use.id}"${use.name !== use.id ? ` (${use.name})` : ''}`);
  throw new ServiceError({
    code: 'conflict',
    message: `the definition "${definitionId}" is used by ${names.join(', ')}: change ${usage.length === 1 ? 'it' : 'them'} first, or pass { force: true } to have it ${action} anyway (what reads its score then reads no value)`,
  });
}

/** The saved lifecycle settings' score rules (the defaults have none). */
async function scoreRulesIn(tx: StoreModules): Promise<ScoreRule[]> {
  return (await tx.meta.get('lifecycleSettings'))?.scoreRules ?? [];
}

function reads(found: Reads, definitionId: string): boolean {
  return found.properties.some((read) => parseScoreProperty(read.property).definitionId === definitionId);
}

/** What is live and reads scores: active definitions, lists, lifecycle score rules' conditions. */
function liveReaders(active: readonly Definition[], lists: readonly CrmList[], rules: readonly ScoreRule[]): { kind: 'definition' | 'list' | 'lifecycleRule'; id: string; reads: Reads }[] {
  return [
    ...active.map((definition) => ({ kind: 'definition' as const, id: definition.id, reads: definitionReads(definition) })),
    ...lists.map((list) => ({ kind: 'list' as const, id: list.id, reads: listReads(list) })),
    ...rules.map((rule) => ({ kind: 'lifecycleRule' as const, id: rule.id, reads: conditionReads(rule.condition, rule.objectType, ['condition']) })),
  ];
}

function readProblems(found: Reads, known: ReadonlyMap<string, KnownDefinition>, requireActive: boolean): ValidationIssue[] {
  return found.properties.flatMap((read) => {
    const resolved = resolveRead(read, known, requireActive);
    return resolved && 'problem' in resolved ? [issueAt(read.path, resolved.problem)] : [];
  });
}

/** A cycle through `start`, reported at the read that leads into it. */
function cycleProblems(definitions: readonly Definition[], lists: readonly CrmList[], start: GraphNode, startReads: Reads): ValidationIssue[] {
  const cycle = scoreGraph(definitions, lists).cycleThrough(start);
  if (!cycle) return [];
  const next = cycle[1]!;
  const path = next.kind === 'definition'
    ? startReads.properties.find((read) => parseScoreProperty(read.property).definitionId === next.id)?.path
    : startReads.lists.find((use) => use.listId === next.id)?.path;
  return [issueAt(path ?? [], `closes a loop: ${describeCycle(cycle)}; a score cannot depend on itself, so remove one of these reads`)];
}

function issueAt(path: (string | number)[], problem: string): ValidationIssue {
  const where = formatPath(path);
  return { path: where, message: `${where} ${problem}`.trim() };
}

function refuse(what: string, issues: ValidationIssue[]): void {
  if (issues.length === 0) return;
  throw new ServiceError({ code: 'invalid_input', message: `${what}: ${issues.map((issue) => issue.message).join('; ')}`, issues });
}
