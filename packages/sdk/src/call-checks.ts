import type { LeadscoreApi, ValidationIssue } from '@leadscore/worker';
import { LeadscoreError } from './errors.ts';

// The arguments of every client method, checked on the page before anything crosses to the worker
// (docs/reliability.md, SDK calls): each argument's kind and the fields of the small option
// objects. A wrong one is refused with `invalid_input` and an issue at its path (`options.asOf`),
// at once, without a round trip; what a list or a definition holds is the worker's to check, with
// the same issues. A value structured cloning cannot copy (a function, a symbol, a Proxy, nesting
// past the limit) is found by `uncloneable` when a call failed to cross, and refused the same way.

/** One argument's check: the problem at `path`, or nothing. Reads nothing but `value`'s own fields. */
type Check = (value: unknown, path: string) => ValidationIssue | undefined;

/** Objects and arrays inside one another, as model/input-limits.ts limits them. */
const maxDepth = 64;

const issue = (path: string, wanted: string, value: unknown): ValidationIssue => ({ path, message: `${path} must be ${wanted}, not ${kindOf(value)}` });

/** What a value is, in words, without reading any of its fields (a Proxy's traps would run). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return value === '' ? 'empty text' : `text of ${value.length} characters`;
    case 'number': return Number.isFinite(value) ? 'a number' : 'a number that is not finite';
    case 'object': return 'an object';
    case 'undefined': return 'undefined';
    default: return `a ${typeof value}`;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const id: Check = (value, path) => (typeof value === 'string' && value !== '' ? undefined : issue(path, 'an id (non-empty text)', value));
const text: Check = (value, path) => (typeof value === 'string' ? undefined : issue(path, 'text', value));
const list: Check = (value, path) => (Array.isArray(value) ? undefined : issue(path, 'a list', value));
const object: Check = (value, path) => (isObject(value) ? undefined : issue(path, 'an object', value));
const listOrObject: Check = (value, path) => (typeof value === 'object' && value !== null ? undefined : issue(path, 'a list or an iterable', value));
const callback: Check = (value, path) => (typeof value === 'function' ? undefined : issue(path, 'a function', value));
const flag: Check = (value, path) => (typeof value === 'boolean' ? undefined : issue(path, 'true or false', value));
const version: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? undefined : issue(path, 'a version, a whole number from 1', value));
const backfillDays: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 365 ? undefined : issue(path, 'a whole number of days from 1 to 365', value));
const wholeWeeks: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 104 ? undefined : issue(path, 'a whole number of weeks from 1 to 104', value));
const buckets: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1_000 ? undefined : issue(path, 'a whole number from 1 to 1000', value));
/** An instant's kind: text (the worker reads it) or epoch milliseconds in the years 1-9999. */
const instant: Check = (value, path) => (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 253_402_300_799_999)
  ? undefined
  : issue(path, 'a date-time with a time zone (2026-03-01T10:00:00Z), a date or epoch milliseconds', value));
const ids: Check = (value, path) => {
  if (!Array.isArray(value)) return issue(path, 'a list of ids (non-empty text)', value);
  for (let i = 0; i < value.length; i++) {
    const problem = id(value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
};
const csv: Check = (value, path) => (typeof value === 'string' || value instanceof Uint8Array || value instanceof ArrayBuffer
  ? undefined
  : issue(path, 'the CSV file\'s text, or its bytes as a Uint8Array or an ArrayBuffer', value));
/** A definition object, or a stored definition's id. */
const definitionOrId: Check = (value, path) => (isObject(value) || (typeof value === 'string' && value !== '') ? undefined : issue(path, 'a definition (an object) or a stored definition\'s id (non-empty text)', value));
const objectType: Check = (value, path) => (value === 'contact' || value === 'company' ? undefined : issue(path, '"contact" or "company"', value));
const moverCount: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1_000 ? undefined : issue(path, 'a whole number from 0 to 1000', value));
const listLimit: Check = (value, path) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? undefined : issue(path, 'a whole number from 0 to 100', value));
const lifecycleField: Check = (value, path) => (value === 'stage' || value === 'leadStatus' ? undefined : issue(path, '"stage" or "leadStatus"', value));
/** A rule to count: { scoreRule }, { timeRule } (objects the worker checks whole) or { ruleId }. */
const enrollmentTarget: Check = (value, path) => {
  if (!isObject(value)) return issue(path, '{ scoreRule }, { timeRule } or { ruleId }', value);
  if ('ruleId' in value) return id(value.ruleId, `${path}.ruleId`);
  if ('scoreRule' in value) return object(value.scoreRule, `${path}.scoreRule`);
  if ('timeRule' in value) return object(value.timeRule, `${path}.timeRule`);
  return { path, message: `${path} must be { scoreRule }, { timeRule } or { ruleId }, not an object with none of them` };
};
const target: Check = (value, path) => {
  if (value === 'all') return undefined;
  if (!isObject(value)) return issue(path, '\'all\', { recordId } or { definitionId }', value);
  if ('recordId' in value) return id(value.recordId, `${path}.recordId`);
  if ('definitionId' in value) return id(value.definitionId, `${path}.definitionId`);
  return { path, message: `${path} must be 'all', { recordId } or { definitionId }, not an object with neither` };
};

/** An object of optional fields, each checked when given; fields it does not name are left to the worker. */
function fields(shape: Record<string, Check>): Check {
  return (value, path) => {
    const problem = object(value, path);
    if (problem) return problem;
    for (const [name, check] of Object.entries(shape)) {
      const field = (value as Record<string, unknown>)[name];
      if (field !== undefined) {
        const fieldProblem = check(field, `${path}.${name}`);
        if (fieldProblem) return fieldProblem;
      }
    }
    return undefined;
  };
}

const optional = (check: Check): Check => (value, path) => (value === undefined ? undefined : check(value, path));

/** The client's methods: the contract's and the session's own. */
type Method = keyof LeadscoreApi | 'subscribe' | 'onAutomation' | 'onLifecycle';

/** Each method's parameters, by name as the contract names them, in order. */
const parameters: Record<Method, [name: string, check: Check][]> = {
  upsertRecords: [['records', list], ['options', optional(fields({ source: text, createdVia: text }))], ['onProgress', optional(callback)]],
  updateRecords: [['patches', list], ['options', optional(fields({ source: text }))]],
  deleteRecords: [['ids', ids]],
  associate: [['links', list]],
  dissociate: [['links', list]],
  trackEvents: [['events', list], ['onProgress', optional(callback)]],
  saveLists: [['lists', list]],
  getLists: [],
  previewList: [['list', object], ['options', optional(fields({ limit: listLimit }))]],
  importCsv: [['csv', csv], ['options', optional(object)], ['onProgress', optional(callback)]],
  readCsv: [['csv', csv], ['options', optional(object)]],
  importDataset: [['dataset', object], ['onProgress', optional(callback)]],
  exportDataset: [],
  catchUp: [],
  // A list, or an iterable or async iterable of lines, which the client reads into one first.
  importScores: [['results', listOrObject], ['options', fields({ engine: text })]],
  saveDraft: [['definition', object]],
  testDraft: [['definition', object], ['recordIds', ids], ['asOf', optional(instant)]],
  previewDistribution: [['definition', object], ['options', optional(fields({ buckets, asOf: instant }))], ['onProgress', optional(callback)]],
  activate: [['definitionId', id], ['onProgress', optional(callback)], ['options', optional(fields({ backfill: fields({ days: backfillDays }) }))]],
  updateActive: [['definition', object], ['onProgress', optional(callback)]],
  deactivate: [['definitionId', id], ['options', optional(fields({ force: flag }))]],
  deleteDefinition: [['definitionId', id], ['options', optional(fields({ force: flag }))]],
  getUsage: [['definitionId', id]],
  listDefinitions: [],
  listVersions: [['definitionId', id]],
  getVersion: [['definitionId', id], ['version', version]],
  diffVersions: [['definitionId', id], ['from', version], ['to', optional(version)]],
  restoreVersion: [['definitionId', id], ['version', version]],
  getScores: [['recordId', id], ['options', optional(fields({ asOf: instant }))]],
  getHistory: [['recordId', id], ['definitionId', optional(id)]],
  getDistribution: [['definitionId', id], ['options', optional(fields({ buckets }))]],
  getWeeklyDistribution: [['definitionId', id], ['options', optional(fields({ weeks: wholeWeeks, asOf: instant, buckets }))]],
  getScoreCard: [['recordId', id], ['definitionId', id], ['options', optional(fields({ asOf: instant }))]],
  queryRecords: [['query', fields({ definitionId: id, search: text, sortBy: text, toLabel: text })]],
  describeData: [],
  getReport: [['definitionId', id], ['options', optional(fields({ outcome: object }))]],
  getRecord: [['recordId', id]],
  getStats: [],
  setLifecycle: [['changes', list]],
  getLifecycle: [['recordId', id], ['asOf', optional(instant)]],
  getLifecycleSettings: [],
  saveLifecycleSettings: [['settings', object]],
  editStages: [['objectType', objectType], ['edit', object]],
  editLeadStatuses: [['edit', object]],
  countHolders: [['field', lifecycleField], ['id', id], ['objectType', optional(objectType)]],
  countEnrollment: [['rule', enrollmentTarget]],
  enrollExisting: [['ruleId', id], ['onProgress', optional(callback)]],
  getLifecycleFunnel: [['query', fields({ objectType, from: instant, to: instant, asOf: instant })], ['onProgress', optional(callback)]],
  getTimeInStage: [['query', fields({ objectType, asOf: instant })], ['onProgress', optional(callback)]],
  suggestThresholds: [['definition', definitionOrId], ['request', fields({ capacity: object, outcome: object, asOf: instant })]],
  trainScore: [['request', object], ['onProgress', optional(callback)]],
  evaluateOnHeldOut: [['definition', object], ['request', object]],
  compareDefinitions: [['champion', definitionOrId], ['challenger', definitionOrId], ['options', optional(fields({ asOf: instant, outcome: object, top: moverCount }))]],
  backtestDefinition: [['definition', definitionOrId], ['outcome', object], ['options', optional(fields({ asOf: instant }))]],
  getRuleHealth: [['definition', definitionOrId], ['options', optional(fields({ asOf: instant, outcome: object }))]],
  subscribe: [['target', target], ['listener', callback]],
  onAutomation: [['listener', callback]],
  onLifecycle: [['listener', callback], ['recordId', optional(id)]],
};

/**
 * The arguments `method` takes, checked: at most as many as it has parameters (more would only
 * cross to the worker unread). Throws `invalid_input` with an issue at each wrong argument's path.
 */
export function checkedArguments(method: string, args: readonly unknown[]): unknown[] {
  const declared = parameters[method as Method];
  if (!declared) return [...args];
  const issues: ValidationIssue[] = [];
  declared.forEach(([name, check], i) => {
    try {
      const problem = check(args[i], name);
      if (problem) issues.push(problem);
    } catch {
      // A getter or a Proxy trap that throws: the value cannot be read, so it cannot be sent either.
      issues.push({ path: name, message: `${name} could not be read: a field of it threw when read` });
    }
  });
  if (issues.length > 0) throw refused(method, issues);
  return args.slice(0, declared.length);
}

/**
 * Why `args` cannot be structured-cloned, as an issue at the first path that cannot: nesting past
 * the limit, a function (other than a callback argument, which crosses as a proxy of its own), a
 * symbol, a value whose fields throw when read, or an object the browser refuses to copy (a Proxy,
 * a DOM node). Called only when a call failed, so a call that crossed pays nothing for it.
 */
export function uncloneable(method: string, args: readonly unknown[]): LeadscoreError | undefined {
  const declared = parameters[method as Method] ?? [];
  for (let i = 0; i < args.length; i++) {
    if (typeof args[i] === 'function') continue;
    const path = declared[i]?.[0] ?? `arguments[${i}]`;
    let problem: ValidationIssue | undefined;
    try {
      // What the walk sees first (it stops at the nesting limit); then what only the browser refuses.
      problem = plainProblem(args[i], path) ?? refusedByClone(args[i], path, 0);
    } catch {
      // A Proxy's trap that throws where the walk asks what an object is.
      problem = { path, message: `${path} could not be read: it threw when read` };
    }
    if (problem) return refused(method, [problem]);
  }
  return undefined;
}

/** The first function, symbol, unreadable field or nesting past the limit in `root`, by an iterative walk. */
function plainProblem(root: unknown, rootPath: string): ValidationIssue | undefined {
  const stack: [unknown, string, number][] = [[root, rootPath, 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'function') return { path, message: `${path} is a function: a call's data crosses to the worker as a copy, which cannot hold functions` };
    if (typeof value === 'symbol') return { path, message: `${path} is a symbol: a call's data crosses to the worker as a copy, which cannot hold symbols` };
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    if (depth >= maxDepth) return { path, message: `${path} nests deeper than ${maxDepth} levels` };
    const entries = entriesOf(value, path);
    if (!entries) return { path, message: `${path} could not be read: a field of it threw when read` };
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], entries[i]![0], depth + 1]);
  }
  return undefined;
}

/** The deepest object under `value` that structured cloning refuses (a Proxy, a DOM node); its fields are plain (plainProblem). */
function refusedByClone(value: unknown, path: string, depth: number): ValidationIssue | undefined {
  if (typeof value !== 'object' || value === null || depth >= maxDepth || clones(value)) return undefined;
  for (const [childPath, child] of entriesOf(value, path) ?? []) {
    const problem = refusedByClone(child, childPath, depth + 1);
    if (problem) return problem;
  }
  return { path, message: `${path} cannot be copied to the worker (a Proxy, a DOM node or another object structured cloning refuses): pass plain data` };
}

/** An object's fields with their paths; undefined when reading them throws (a Proxy's trap, a getter). */
function entriesOf(value: object, path: string): [string, unknown][] | undefined {
  try {
    return Array.isArray(value)
      ? Array.from(value, (item, i) => [`${path}[${i}]`, item] as [string, unknown])
      : Object.keys(value).map((key) => [`${path}.${key}`, (value as Record<string, unknown>)[key]] as [string, unknown]);
  } catch {
    return undefined;
  }
}

/** Whether structured cloning copies `value` (the test postMessage makes); nesting too deep for it throws too. */
function clones(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

function refused(method: string, issues: ValidationIssue[]): LeadscoreError {
  return new LeadscoreError({ code: 'invalid_input', message: `${method} was refused, nothing was sent: ${issues.map((problem) => problem.message).join('; ')}`, issues });
}
