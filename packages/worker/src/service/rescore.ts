import { indexDataset } from '../engine/evaluate.ts';
import { withRecordProperties, type DatasetIndex } from '../engine/dataset-index.ts';
import type { Value } from '../engine/property-values.ts';
import type { CrmList, Dataset } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import { isScored, type ScoreResult } from '../model/result.ts';
import { scorePropertyValues, type ScoreValues } from '../model/score-properties.ts';
import { definitionReads, scoreGraph } from '../model/score-references.ts';
import type { ChangeCause } from '../contract/index.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { PreviousScores } from '../store/scores.ts';
import type { StoreModules } from '../store/store.ts';
import type { CauseOf, ServiceContext, WriteScope } from './context.ts';
import { affectedBy, neighbourhood } from './neighbourhood.ts';
import { storedScores } from './score-properties.ts';
import { storeResults, versionsOf, type ScoreMove } from './store-results.ts';

/** The active definitions in the order they are scored, and who reads whose score (decision D27). */
export interface ScorePlan {
  /** Each after every definition whose score it reads. */
  order: DefinitionRow[];
  /** The active definitions that read each one's score, in their rules or through their lists. */
  readers: ReadonlyMap<string, ReadonlySet<string>>;
  /** The definitions whose scores some active definition reads: the engine is given these. */
  supplied: Definition[];
}

/**
 * The write's plan, worked out once per transaction from its active definitions and the stored
 * lists: `stored` when the caller holds them as stored (a current warm index), else read.
 */
export async function scorePlanOf(tx: StoreModules, scope: WriteScope, stored?: Iterable<CrmList>): Promise<ScorePlan> {
  if (scope.scorePlan) return scope.scorePlan;
  const definitions = scope.active.map((row) => row.definition);
  // Lists matter only to definitions that name one: the usual write reads none.
  const lists = !definitions.some((definition) => definitionReads(definition).lists.length > 0) ? [] : stored ? [...stored] : await tx.lists.all();
  const graph = scoreGraph(definitions, lists);
  const byId = new Map(scope.active.map((row) => [row.id, row]));
  const read = new Set([...graph.reads.values()].flatMap((ids) => [...ids]));
  scope.scorePlan = {
    order: graph.order.map((id) => byId.get(id)!),
    readers: graph.readers,
    supplied: scope.active.filter((row) => read.has(row.id)).map((row) => row.definition),
  };
  return scope.scorePlan;
}

/**
 * Incremental re-scoring (DESIGN.md, the data flow of one event): scores `ids` under the active
 * definitions from what `tx` holds — their neighbourhood only, never the whole dataset — and stores
 * what moved. Definitions are scored in dependency order; where a score that others read moves,
 * its readers are scored again on that record and its neighbours (they read it `of` an
 * association), in the same transaction, with the score property as the cause. `held` is a whole
 * index current in `tx` (track-events.ts), scored on instead of the neighbourhood; `previous`, score
 * rows read already in `tx` (scores.previous).
 */
export async function rescoreIn(ctx: ServiceContext, tx: StoreModules, ids: Iterable<string>, causeOf: CauseOf, scope: WriteScope, moves?: ScoreMove[], held?: DatasetIndex, previous?: PreviousScores, onScored?: OnScored): Promise<number> {
  const wanted = [...new Set(ids)];
  if (scope.active.length === 0 || wanted.length === 0) return 0;
  const plan = await scorePlanOf(tx, scope, held?.lists.values());
  const due: Due = new Map(plan.order.map((row) => [row.id, new Map(wanted.map((id) => [id, undefined]))]));
  return rescorePlanned(ctx, tx, scope, plan, due, causeOf, moves, held, previous, onScored);
}

/** Told every result of a re-score before any is stored, in the order they are stored (trackEvents notices them first). */
export type OnScored = (results: readonly ScoreResult[]) => void;


/**
 * The readers of scores that moved outside `rescoreIn` (an activation's batch, a time step in
 * a catch-up), re-scored on the records whose scores moved and their neighbours. Not those of
 * `later`: activations about to score every record anew (activation.ts).
 */
export async function rescoreReaders(ctx: ServiceContext, tx: StoreModules, moved: ReadonlyMap<string, readonly string[]>, scope: WriteScope, moves?: ScoreMove[], later?: ReadonlySet<string>): Promise<number> {
  if (scope.active.length === 0 || [...moved.values()].every((ids) => ids.length === 0)) return 0;
  const plan = await scorePlanOf(tx, scope);
  const due: Due = new Map();
  const readers = later?.size ? new Map([...plan.readers].map(([id, of]) => [id, new Set([...of].filter((reader) => !later.has(reader)))])) : plan.readers;
  for (const [definitionId, ids] of moved) await addReaders(tx, { ...plan, readers }, due, definitionId, ids);
  return rescorePlanned(ctx, tx, scope, plan, due, undefined, moves);
}

/**
 * After a definition that others read is retired by force (`deactivate` or `deleteDefinition` with
 * `force`): its readers are re-scored where it had scores, now reading none. `retired` is the
 * version that was active, which says who read it.
 */
export async function rescoreAfterRetirement(ctx: ServiceContext, tx: StoreModules, retired: Definition, recordIds: readonly string[], scope: WriteScope, moves?: ScoreMove[]): Promise<number> {
  if (scope.active.length === 0 || recordIds.length === 0) return 0;
  const readers = scoreGraph([...scope.active.map((row) => row.definition), retired], await tx.lists.all()).readers.get(retired.id);
  if (!readers || readers.size === 0) return 0;
  const plan = await scorePlanOf(tx, scope);
  const due: Due = new Map();
  await addReaders(tx, { ...plan, readers: new Map([[retired.id, readers]]) }, due, retired.id, recordIds);
  return rescorePlanned(ctx, tx, scope, plan, due, undefined, moves);
}

/**
 * The records whose score properties under `definitionId` differ between the stored rows and
 * `results` (or the rows that replace them: out of scope, both have no value).
 */
export function movedProperties(definitionId: string, before: ReadonlyMap<string, ScoreValues | undefined>, results: readonly (ScoreValues & { recordId: string })[]): string[] {
  return results.filter((result) => {
    const after = scorePropertyValues(result, definitionId);
    const old = scorePropertyValues(before.get(result.recordId), definitionId);
    return Object.keys(after).some((name) => after[name] !== old[name]);
  }).map((result) => result.recordId);
}

/**
 * Which records each definition is due on, and why: the caller's cause (`undefined`), or a score
 * they read that moved (one cause object per moved definition, so its results are stored together).
 */
type Due = Map<string, Map<string, ChangeCause | undefined>>;

/**
 * Scores each definition in order on the records it is due on; a score that readers read is laid
 * over the records as it moves. The results are stored at the end, a batch per cause: one for the
 * usual write, where nothing reads a score.
 */
async function rescorePlanned(ctx: ServiceContext, tx: StoreModules, scope: WriteScope, plan: ScorePlan, due: Due, causeOf: CauseOf | undefined, moves?: ScoreMove[], held?: DatasetIndex, previous?: PreviousScores, onScored?: OnScored): Promise<number> {
  const asOf = ctx.now();
  const data: ScoringData = held && plan.supplied.length === 0 ? new HeldIndex(held) : new Neighbourhood(tx, scope.hops, plan.supplied);
  const byCause = new Map<ChangeCause | undefined, ScoreResult[]>();
  for (const row of plan.order) {
    const wanted = due.get(row.id);
    if (!wanted || wanted.size === 0) continue;
    await data.cover(wanted.keys());
    const targets = [...wanted.keys()].filter((id) => data.typeOf(id) === row.definition.objectType);
    if (targets.length === 0) continue;
    // No explanation: the row keeps none, and a read scores it again (explanation.ts).
    const results = ctx.compile(row.definition).scoreAll(data.index(), { asOf, recordIds: targets, explain: false });
    for (const result of results) {
      const cause = wanted.get(result.recordId);
      let batch = byCause.get(cause);
      if (!batch) byCause.set(cause, (batch = []));
      batch.push(result);
    }
    const moved = (plan.readers.get(row.id)?.size ?? 0) > 0 ? data.update(row.id, results) : [];
    if (moved.length > 0) await addReaders(tx, plan, due, row.id, moved);
  }
  onScored?.([...byCause.values()].flat());
  let rescored = 0;
  for (const [cause, results] of byCause) rescored += await storeResults(tx, results, versionsOf(plan.order), cause ? () => cause : causeOf!, asOf, scope.notices, moves, previous);
  return rescored;
}

/** Each reader of `definitionId` is due on the moved records and their neighbours, unless it is for another cause already. */
async function addReaders(tx: StoreModules, plan: ScorePlan, due: Due, definitionId: string, moved: readonly string[]): Promise<void> {
  const readers = plan.readers.get(definitionId);
  if (!readers || readers.size === 0 || moved.length === 0) return;
  const reached = [...(await affectedBy(tx, moved, 1)).keys()];
  const cause: ChangeCause = { kind: 'property', ref: definitionId };
  for (const reader of readers) {
    let wanted = due.get(reader);
    if (!wanted) due.set(reader, (wanted = new Map()));
    for (const id of reached) if (!wanted.has(id)) wanted.set(id, cause);
  }
}

/** What a re-score scores on: the records it is due on, read as needed, and the scores moved in the pass laid over them. */
interface ScoringData {
  cover(ids: Iterable<string>): Promise<void>;
  typeOf(id: string): string | undefined;
  index(): DatasetIndex;
  update(definitionId: string, results: readonly ScoreResult[]): string[];
}

/**
 * A whole index held by the worker, current as of the write's transaction (warm-index.ts): it
 * holds every record a score can read, so nothing is read. Used only where no score is supplied,
 * so no score moves under a reader.
 */
class HeldIndex implements ScoringData {
  constructor(private readonly held: DatasetIndex) {}

  async cover(): Promise<void> {}

  typeOf(id: string): string | undefined {
    return this.held.records.get(id)?.objectType;
  }

  index(): DatasetIndex {
    return this.held;
  }

  update(): string[] {
    return [];
  }
}

/**
 * The records a re-score reads, with the stored scores laid over them: loaded for the records
 * asked for, and again when a reader is due on records outside them; scores that move in the pass
 * are laid over as they move.
 */
class Neighbourhood implements ScoringData {
  private readonly core = new Set<string>();
  private dataset: Dataset = { records: [] };
  private base: DatasetIndex | undefined;
  private current: DatasetIndex | undefined;
  private overlay = new Map<string, Record<string, Value>>();
  /** The scores this pass moved, not stored until it ends: laid over what a reload reads. */
  private readonly moved = new Map<string, Record<string, Value>>();
  private types = new Map<string, string>();

  constructor(private readonly tx: StoreModules, private readonly hops: number, private readonly supplied: readonly Definition[]) {}

  async cover(ids: Iterable<string>): Promise<void> {
    const before = this.core.size;
    for (const id of ids) this.core.add(id);
    if (this.core.size === before && this.base) return;
    this.dataset = await neighbourhood(this.tx, this.core, this.hops);
    this.types = new Map(this.dataset.records.map((record) => [record.id, record.objectType]));
    this.overlay = await storedScores(this.tx, this.dataset.records, this.supplied);
    for (const [id, properties] of this.moved) this.overlay.set(id, { ...this.overlay.get(id), ...properties });
    this.base = indexDataset(this.dataset);
    this.current = undefined;
  }

  typeOf(id: string): string | undefined {
    return this.types.get(id);
  }

  index(): DatasetIndex {
    return (this.current ??= withRecordProperties(this.base!, this.overlay));
  }

  /** Lays the new results of a supplied definition over the records; returns those whose properties moved. */
  update(definitionId: string, results: readonly ScoreResult[]): string[] {
    const moved: string[] = [];
    for (const result of results) {
      const after = scorePropertyValues(isScored(result) ? result : undefined, definitionId);
      const properties = this.overlay.get(result.recordId) ?? {};
      if (!Object.keys(after).some((name) => properties[name] !== after[name])) continue;
      this.overlay.set(result.recordId, { ...properties, ...after });
      this.moved.set(result.recordId, { ...this.moved.get(result.recordId), ...after });
      moved.push(result.recordId);
    }
    if (moved.length > 0) this.current = undefined;
    return moved;
  }
}
