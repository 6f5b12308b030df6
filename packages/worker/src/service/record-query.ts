import type { ObjectType } from '../model/definition.ts';
import { operatorFields, operatorsByType } from '../model/operators.ts';
import { parseScoreProperty, scorePropertiesOf, scorePropertyName, type ScoreProperty } from '../model/score-properties.ts';
import type { RecordPage, RecordQuery, RecordRow, ScoreTest } from '../contract/index.ts';
import { stageProperty } from '../lifecycle/stages.ts';
import type { DefinitionRow, ScoreRow } from '../store/schema.ts';
import type { ScorePageCursor, ScoreRange } from '../store/scores.ts';
import type { StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { lifecycleSettingsIn } from './lifecycle-settings.ts';
import { nameOf, ownerOf, personMatches, text } from './record-person.ts';
import { cached } from './read-cache.ts';
import { sourceOf } from './score-source.ts';
import { invalidAt, quoted } from './service-error.ts';
import { labelStepOf, toNextCursor, toNextKeyFrom, toNextOrder, toNextSortOf, walkToNext, type ToNextKey, type ToNextSort } from './to-next-order.ts';
import { inTransaction } from './transaction.ts';

/**
 * contract/reads.ts `queryRecords`: keyset paging over one ordering of the scores (the sort
 * property's values, store/score-columns.ts), the other conditions as sets of record ids read from
 * their own ranges, and each row joined with its record (name, email, company, stage) only once it
 * is on the page.
 */
export async function queryRecords(ctx: ServiceContext, query: RecordQuery): Promise<RecordPage> {
  const store = ctx.opened();
  const active = new Map((await store.definitions.withStatus('active')).map((row) => [row.id, row]));
  const plan = planOf(query, active);
  if (!plan) return { items: [], total: 0 };
  const sets = await Promise.all([...plan.tests.map((test) => idSetOf(ctx, test)), ...(plan.search ? [searchSetOf(ctx, plan.shown.definition.objectType, plan.search)] : [])]);
  const passes = (recordId: string) => sets.every((set) => set.ids.has(recordId) !== set.negated);
  // One after the other: a worker that holds no orderings yet reads them once, for the page, and
  // the total finds them held (both at once would each read or build them).
  if (plan.toNext) return toNextPage(ctx, plan, plan.toNext, sets.length === 0 ? undefined : passes);
  const walked = await store.scores.walk({ ...plan.range, order: plan.order, after: plan.after as ScorePageCursor | undefined, limit: plan.limit }, passes);
  const total = await totalOf(ctx, plan, sets.length === 0 ? undefined : passes);
  const items = await inTransaction(store, ['scores', 'records', 'meta'], 'readonly', (tx) => rowsOf(tx, plan, walked.keys.map((key) => key.recordId)));
  // Orderings this worker had to build from every score page are kept at rest after the answer,
  // for the next worker that holds none (a fresh page, another tab).
  void ctx.serial(() => store.scores.keepOrderings(plan.shown.id, true)).catch(() => undefined);
  return { items, total, ...(walked.next ? { next: cursorOf(walked.next) } : {}) };
}

/** A page in the order of the points to the next label (or to `toLabel`), each row also reporting its points under the sort's name. */
async function toNextPage(ctx: ServiceContext, plan: QueryPlan, sort: ToNextSort, passes: ((recordId: string) => boolean) | undefined): Promise<RecordPage> {
  const ordered = await toNextOrder(ctx, sort, plan.order);
  const walked = walkToNext(ordered, plan.order, plan.after as ToNextKey | undefined, plan.limit, passes ?? (() => true));
  const total = passes ? await cached(ctx, `total:${plan.key}`, async () => ordered.filter((key) => passes(key.recordId)).length) : ordered.length;
  const rows = await inTransaction(ctx.opened(), ['scores', 'records', 'meta'], 'readonly', (tx) => rowsOf(tx, plan, walked.keys.map((key) => key.recordId)));
  // The points under the sort's name are the row's own `toNext`: one value, read with the row's score.
  const items = rows.map((row) => ({ ...row, scores: { ...row.scores, [sort.name]: row.toNext?.points ?? null } }));
  return { items, total, ...(walked.next ? { next: toNextCursor(walked.next) } : {}) };
}

/** What a query reads: the driving index range, its order and cursor, and the tests beside it. */
interface QueryPlan {
  shown: DefinitionRow;
  /** The sort property's index range (its own definition's label and value bounds included). */
  range: ScoreRange;
  order: 'asc' | 'desc';
  /** A toNext sort's cursor is a ToNextKey (its points null at the top label). */
  after: ScorePageCursor | ToNextKey | undefined;
  limit: number;
  tests: PropertyTest[];
  /** The score properties a row reports under `scores`, besides the shown definition's own. */
  reported: string[];
  /** The search text, in lower case; absent when blank. */
  search?: string;
  /** Identifies the rows the query matches, whatever the page: what its total is kept under. */
  key: string;
  /** Sorted by the points to the next label (`<definitionId>.toNext`), not by a column. */
  toNext?: ToNextSort;
}

/** A test on one score property of one active definition, checked. */
interface PropertyTest extends ScoreTest {
  score: ScoreProperty & { definitionId: string };
}

function planOf(query: RecordQuery, active: ReadonlyMap<string, DefinitionRow>): QueryPlan | undefined {
  if (typeof query !== 'object' || query === null || typeof query.definitionId !== 'string' || query.definitionId === '') {
    throw invalidAt('query.definitionId', 'must be the id of an active definition: queryRecords needs { definitionId }');
  }
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw invalidAt('query.limit', `must be a whole number from 1 to 1000, not ${quoted(query.limit)}`);
  // By the points to the next label, the closest first; by a column, the best first.
  const toNextAsked = typeof query.sortBy === 'string' && query.sortBy.endsWith('.toNext');
  const order = query.order ?? (toNextAsked ? 'asc' : 'desc');
  if (order !== 'asc' && order !== 'desc') throw invalidAt('query.order', `must be "asc" or "desc", not ${quoted(query.order)}`);
  for (const bound of ['min', 'max'] as const) {
    if (query[bound] !== undefined && !Number.isFinite(query[bound])) throw invalidAt(`query.${bound}`, `must be a number, not ${quoted(query[bound])}`);
  }
  if (query.label !== undefined && typeof query.label !== 'string') throw invalidAt('query.label', `must be text, not ${quoted(query.label)}`);
  const after = query.cursor === undefined ? undefined : toNextAsked ? toNextKeyFrom(query.cursor) : cursorFrom(query.cursor);
  if (query.search !== undefined && (typeof query.search !== 'string' || query.search.length > 200)) throw invalidAt('query.search', `must be text of at most 200 characters, not ${quoted(query.search)}`);
  const search = query.search?.trim().toLowerCase() || undefined;
  const shown = active.get(query.definitionId);
  // A definition that is not active scores nothing: an empty table, as after a deactivation.
  if (!shown) return undefined;
  const objectType = shown.definition.objectType;
  const scoreOf = (name: unknown, path: string) => {
    const { definitionId, part } = typeof name === 'string' ? parseScoreProperty(name) : { definitionId: '', part: 'value' as const };
    const row = active.get(definitionId);
    const property = row && row.definition.objectType === objectType ? scorePropertiesOf(row.definition).find((candidate) => candidate.part === part) : undefined;
    if (!property) throw invalidAt(`query.${path}`, `${quoted(name)} is not a score property of an active ${objectType} definition (<definitionId>, <definitionId>.engagement, <definitionId>.fit or <definitionId>.label)`);
    return { ...property, definitionId };
  };
  const toNext = toNextSortOf(query, shown);
  const sort = scoreOf(toNext ? shown.id : query.sortBy ?? query.definitionId, 'sortBy');
  if (sort.part === 'label') throw invalidAt('query.sortBy', `${quoted(query.sortBy)} is a label: sort by a value (<definitionId>), engagement, fit, or the points to the next label (<definitionId>.toNext)`);
  if (query.where !== undefined && !Array.isArray(query.where)) throw invalidAt('query.where', 'must be a list of tests { property, operator, value?, values? }');
  const tests = (query.where ?? []).map((test, i) => checkedTest(test, `where[${i}]`, scoreOf));
  const own = (part: 'value' | 'label') => ({ ...scorePropertiesOf(shown.definition).find((p) => p.part === part)!, definitionId: shown.id });
  let range: ScoreRange = { definitionId: sort.definitionId, column: sort.part };
  if (!toNext && sort.definitionId === shown.id && sort.part === 'value') {
    range = { definitionId: shown.id, label: query.label, min: query.min, max: query.max };
  } else {
    // Sorted by another column: the shown score's bounds become tests, and only the records it scored are rows.
    if (sort.definitionId !== shown.id) tests.push({ property: shown.id, operator: 'is_known', score: own('value') });
    if (query.label !== undefined) tests.push({ property: scorePropertyName(shown.id, 'label'), operator: 'eq', value: query.label, score: own('label') });
    if (query.min !== undefined) tests.push({ property: shown.id, operator: 'gte', value: query.min, score: own('value') });
    if (query.max !== undefined) tests.push({ property: shown.id, operator: 'lte', value: query.max, score: own('value') });
  }
  const reported = [...new Set([sort, ...tests.map((test) => test.score)].filter((p) => p.definitionId !== shown.id).map((p) => p.name))];
  const key = JSON.stringify([range, tests.map(({ score: _score, ...test }) => test), search ?? null, toNext ? [toNext.name, toNext.toLabel ?? null] : null]);
  return { shown, range, order, after, limit, tests, reported, key, ...(search ? { search } : {}), ...(toNext ? { toNext } : {}) };
}

function checkedTest(test: ScoreTest, path: string, scoreOf: (name: unknown, path: string) => PropertyTest['score']): PropertyTest {
  if (typeof test !== 'object' || test === null) throw invalidAt(`query.${path}`, 'must be a test { property, operator, value?, values? }');
  const score = scoreOf(test.property, `${path}.property`);
  const offered: readonly string[] = operatorsByType[score.type];
  if (!offered.includes(test.operator)) throw invalidAt(`query.${path}.operator`, `${quoted(test.operator)} does not test a ${score.type === 'enum' ? 'label' : 'number'}: use one of ${offered.join(', ')}`);
  const fields = operatorFields[test.operator];
  const wanted = score.type === 'number' ? 'number' : 'string';
  if (fields.includes('value') && typeof test.value !== wanted) throw invalidAt(`query.${path}.value`, `must be a ${wanted === 'number' ? 'number' : 'label'} for ${test.operator}`);
  if (fields.includes('values')) {
    const count = test.operator === 'between' ? 2 : undefined;
    if (!Array.isArray(test.values) || test.values.length === 0 || (count && test.values.length !== count) || test.values.some((value) => typeof value !== wanted)) {
      throw invalidAt(`query.${path}.values`, `must be ${count ? 'two numbers, low and high' : `a list of ${wanted === 'number' ? 'numbers' : 'labels'}`} for ${test.operator}`);
    }
  }
  return { property: score.name, operator: test.operator, ...(test.value !== undefined ? { value: test.value } : {}), ...(test.values !== undefined ? { values: test.values } : {}), score };
}

/** The records a test holds for, as the ids in its index ranges, or the ids outside them (`negated`). */
interface IdSet {
  ids: ReadonlySet<string>;
  negated: boolean;
}

/**
 * A test as ranges of the score's index (scoring.md §3.2, with §3.5: a record without the property
 * passes only the operators that match a missing value, which are the negated ones here). Kept
 * until a score changes, like the totals.
 */
async function idSetOf(ctx: ServiceContext, test: PropertyTest): Promise<IdSet> {
  return cached(ctx, `test:${JSON.stringify([test.property, test.operator, test.value, test.values])}`, async () => {
    const { score } = test;
    const scores = ctx.opened().scores;
    // A number's ranges are on its own column; a label's on the value's index, by label.
    const column = score.part === 'label' ? 'value' : score.part;
    const ids = async (ranges: Omit<ScoreRange, 'definitionId'>[]) => new Set((await Promise.all(ranges.map((range) => scores.idsIn({ definitionId: score.definitionId, column, ...range })))).flat());
    const labels = (wanted: readonly (string | number)[]) => {
      const keys = new Set(wanted.map((label) => String(label).toLowerCase()));
      return (score.values ?? []).filter((label) => keys.has(label.toLowerCase())).map((label) => ({ label }));
    };
    const every = score.part === 'label' ? labels(score.values ?? []) : [{}];
    const only = (exact: number) => ({ min: exact, max: exact });
    const value = test.value as number;
    const [low, high] = (test.values ?? []) as number[];
    switch (test.operator) {
      case 'is_known': return { ids: await ids(every), negated: false };
      case 'is_unknown': return { ids: await ids(every), negated: true };
      case 'eq': return { ids: await ids(score.part === 'label' ? labels([test.value!]) : [only(value)]), negated: false };
      case 'neq': return { ids: await ids(score.part === 'label' ? labels([test.value!]) : [only(value)]), negated: true };
      case 'is_any_of': return { ids: await ids(labels(test.values!)), negated: false };
      case 'is_none_of': return { ids: await ids(labels(test.values!)), negated: true };
      case 'gte': return { ids: await ids([{ min: value }]), negated: false };
      case 'lte': return { ids: await ids([{ max: value }]), negated: false };
      case 'between': return { ids: await ids(low! <= high! ? [{ min: low, max: high }] : []), negated: false };
      case 'gt':
      case 'lt': {
        const [inclusive, exact] = await Promise.all([ids([test.operator === 'gt' ? { min: value } : { max: value }]), ids([only(value)])]);
        for (const id of exact) inclusive.delete(id);
        return { ids: inclusive, negated: false };
      }
      default: throw invalidAt('query.where', `${quoted(test.operator)} cannot test a score`);
    }
  });
}

/**
 * The records of a type whose name or email holds `needle`: every record of the type read once, by
 * pages, and kept until the data changes, so a table paging through a search reads them once.
 */
async function searchSetOf(ctx: ServiceContext, objectType: ObjectType, needle: string): Promise<IdSet> {
  return cached(ctx, `search:${objectType}:${needle}`, async () => {
    const ids = new Set<string>();
    const records = ctx.opened().records;
    let after: string | undefined;
    for (;;) {
      const page = await records.ofType(objectType, { after, limit: 5_000 });
      for (const record of page) if (personMatches(record, needle)) ids.add(record.id);
      if (page.length < 5_000) break;
      after = page.at(-1)!.id;
    }
    return { ids, negated: false };
  });
}

/**
 * IndexedDB's count() walks the index (about 0.9 s for 100,000 rows), and a table that pages through
 * one query asks the same total again and again: it is kept until a score changes (read-cache.ts).
 */
function totalOf(ctx: ServiceContext, plan: QueryPlan, passes: ((recordId: string) => boolean) | undefined): Promise<number> {
  return cached(ctx, `total:${plan.key}`, async () => {
    const scores = ctx.opened().scores;
    if (!passes) return scores.count(plan.range);
    return (await scores.idsIn(plan.range)).filter(passes).length;
  });
}

/** The page's rows: each record's shown score with the label ahead of it, the other scores the query names, and who it is. */
async function rowsOf(tx: StoreModules, plan: QueryPlan, ids: readonly string[]): Promise<RecordRow[]> {
  const reported = plan.reported.map((name) => ({ name, ...parseScoreProperty(name) }));
  const others = [...new Set(reported.map((p) => p.definitionId))];
  const [shownRows, otherRows, records, settings] = await Promise.all([
    Promise.all(ids.map((id) => tx.scores.get(plan.shown.id, id))),
    Promise.all(others.map(async (definitionId) => [definitionId, await Promise.all(ids.map((id) => tx.scores.get(definitionId, id)))] as const)),
    tx.records.getMany(ids),
    lifecycleSettingsIn(tx),
  ]);
  const companyIds = [...new Set(records.flatMap((record) => (record?.associations?.primaryCompany ? [record.associations.primaryCompany] : [])))];
  const companies = new Map((await tx.records.getMany(companyIds)).flatMap((company) => (company ? [[company.id, company] as const] : [])));
  const otherOf = new Map(otherRows);
  return ids.flatMap((recordId, i) => {
    const row = shownRows[i];
    // A score that moved away between the walk and this read is left out rather than shown stale.
    if (!row || row.value === null) return [];
    const record = records[i];
    const source = sourceOf(row);
    const scores: Record<string, number | string | null> = {};
    for (const p of reported) scores[p.name] = columnOf(otherOf.get(p.definitionId)?.[i], p.part);
    const stageId = text(record?.properties?.[stageProperty]);
    const pipeline = record?.objectType === 'company' ? settings.stages.company : settings.stages.contact;
    const company = record?.associations?.primaryCompany ? companies.get(record.associations.primaryCompany) : undefined;
    return [{
      recordId,
      objectType: plan.shown.definition.objectType,
      name: nameOf(record),
      email: text(record?.properties?.email),
      company: text(company?.properties?.name) ?? text(record?.properties?.company),
      owner: ownerOf(record),
      stage: stageId && record?.objectType !== 'deal' ? { id: stageId, label: pipeline.find((stage) => stage.id === stageId)?.label ?? stageId } : null,
      value: row.value,
      label: row.label,
      engagement: row.engagement,
      fit: row.fit,
      toNext: labelStepOf(plan.shown.definition, plan.toNext?.toLabel, row.value, row.engagement, row.fit),
      scores,
      ...(source ? { source } : {}),
    }];
  });
}

function columnOf(row: ScoreRow | undefined, part: ScoreProperty['part']): number | string | null {
  if (!row || row.value === null) return null;
  return part === 'value' ? row.value : row[part];
}

/** The cursor a page hands out: the key of its last row, which the next page starts after. */
function cursorOf(key: ScorePageCursor): string {
  return JSON.stringify([key.value, key.recordId]);
}

function cursorFrom(cursor: unknown): ScorePageCursor {
  try {
    const [value, recordId] = JSON.parse(String(cursor)) as unknown[];
    if (typeof value === 'number' && typeof recordId === 'string') return { value, recordId };
  } catch {
    // Said below.
  }
  throw invalidAt('query.cursor', `${quoted(cursor)} is not a cursor queryRecords handed out: pass a page's \`next\` unchanged`);
}
