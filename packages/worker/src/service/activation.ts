import type { ChangeCause, ChangeNotice, DefinitionInfo, Progress } from '../contract/index.ts';
import { withRecordProperties, type DatasetIndex } from '../engine/dataset-index.ts';
import type { CompiledDefinition } from '../engine/evaluate.ts';
import type { ScoreColumns } from '../engine/score-columns.ts';
import { scoreGraph } from '../model/score-references.ts';
import type { Overlay } from '../pool/scorer-messages.ts';
import { poolOf, type PoolJob } from '../pool/scoring-pool.ts';
import type { DefinitionRow, ScoreRow } from '../store/schema.ts';
import { keyOf, type PreviousScores } from '../store/scores.ts';
import { allStores } from '../store/store.ts';
import { readSpan, yieldToEvents } from './collections.ts';
import { rowsOfColumns } from './column-rows.ts';
import type { ServiceContext } from './context.ts';
import { infoOf } from './definition-info.ts';
import { Pause } from './preview.ts';
import { backfillHistory } from './backfill-history.ts';
import { awaitsActivation, clearPending, pendingActivations, type PendingActivation } from './pending-activations.ts';
import { ServiceError } from './service-error.ts';
import { movedProperties, rescoreReaders, scorePlanOf } from './rescore.ts';
import { runScoreRules } from './score-rules.ts';
import { scoresRead } from './score-properties.ts';
import { storeRows, type ScoreMove } from './store-results.ts';
import { inTransaction } from './transaction.ts';
import { warmIndexOf } from './warm-index.ts';
import { writeScopeIn } from './write-transaction.ts';

type ProgressListener = (progress: Progress) => void;

interface Run {
  listeners: Set<ProgressListener>;
  done: Promise<DefinitionInfo>;
}

/** An activation in a pass: its definition's version, its pending note, and how it ends. */
interface Member {
  row: DefinitionRow;
  pending: PendingActivation;
  onProgress: ProgressListener;
  resolve(info: DefinitionInfo): void;
  reject(error: unknown): void;
}

/**
 * The retroactive re-scores of activation and update (scoring.md §9.2, §9.3). One run per pending
 * activation: a second call for the same one (a retried `activate`, the resume on `open`) joins
 * it and hears its progress instead of scoring every record twice. Activations asked for together
 * share a pass over the records (`rescoreTogether`).
 */
export class Activations {
  private readonly runs = new Map<string, Run>();
  /** The activations of the pass about to start, which another asked for meanwhile joins. */
  private forming: Member[] | undefined;

  constructor(private readonly ctx: ServiceContext) {}

  /** Re-scores every record of `row`'s type still waiting for `pending`, or joins the run doing it. */
  run(row: DefinitionRow, pending: PendingActivation, onProgress?: ProgressListener): Promise<DefinitionInfo> {
    const key = `${row.id}\u0000${row.version}\u0000${pending.startedAt}`;
    let run = this.runs.get(key);
    if (!run) {
      const listeners = new Set<ProgressListener>();
      const done = this.enqueue(row, pending, (progress) => {
        for (const listener of listeners) {
          try {
            listener(progress);
          } catch {
            // A caller's progress callback must not stop the activation.
          }
        }
      }).finally(() => this.runs.delete(key));
      run = { listeners, done };
      this.runs.set(key, run);
    }
    if (onProgress) run.listeners.add(onProgress);
    return run.done;
  }

  /**
   * Finishes the activations a closed page or a dead worker left half done (called on `open`),
   * together. A note whose version is no longer active is dropped: that version has nothing left
   * to score.
   */
  async resumeAll(): Promise<void> {
    const store = this.ctx.opened();
    const runs: Promise<DefinitionInfo>[] = [];
    for (const [definitionId, pending] of await pendingActivations(store)) {
      const row = await store.definitions.get(definitionId, pending.version);
      if (row?.status === 'active') {
        runs.push(this.run(row, pending));
      } else {
        await this.ctx.serial(() => inTransaction(store, ['meta'], 'readwrite', (tx) => clearPending(tx, definitionId, pending)));
      }
    }
    // Each is awaited: the first failure is the resume's, as when they ran one after another.
    const settled = await Promise.allSettled(runs);
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Starts the activation in a pass with those asked for meanwhile. Each `activate` notes its
   * pending re-score in a write of its own first, and writes run one after another: the pass
   * starts after the writes queued by the time the first asked, so a wave of activations asked
   * for at once (the demo's, `Promise.all`) is scored in one pass.
   */
  private enqueue(row: DefinitionRow, pending: PendingActivation, onProgress: ProgressListener): Promise<DefinitionInfo> {
    return new Promise<DefinitionInfo>((resolve, reject) => {
      const member: Member = { row, pending, onProgress, resolve, reject };
      if (this.forming) return void this.forming.push(member);
      const members = (this.forming = [member]);
      void this.ctx.serial(async () => undefined).then(() => {
        this.forming = undefined;
        return rescoreTogether(this.ctx, members);
      }).catch((error: unknown) => {
        for (const one of members) one.reject(error);
      });
    });
  }
}

/**
 * The pending activations `members` in as few passes as they allow: those of one object type of
 * which none reads another's score share one; a definition that reads another's score is scored
 * in a pass after that one's (it reads the new scores), as it would be activated after it.
 */
async function rescoreTogether(ctx: ServiceContext, asked: readonly Member[]): Promise<void> {
  // Two activations of one definition asked for together (`activate` twice, or with `updateActive`)
  // take turns, each settling in its own pass: a pass holds a definition once.
  const members = asked.filter((member, i) => asked.findIndex((other) => other.row.id === member.row.id) === i);
  const again = asked.filter((member) => !members.includes(member));
  const lists = await ctx.opened().lists.all();
  const graph = scoreGraph(members.map((member) => member.row.definition), lists);
  const byId = new Map(members.map((member) => [member.row.id, member]));
  const passes: Member[][] = [];
  const passOf = new Map<string, number>();
  for (const id of graph.order) {
    const member = byId.get(id)!;
    // After the last pass holding a definition it reads; with the first of its type from there on.
    const after = Math.max(-1, ...[...(graph.reads.get(id) ?? [])].map((read) => passOf.get(read) ?? -1));
    let at = passes.findIndex((pass, i) => i > after && pass[0]!.row.definition.objectType === member.row.definition.objectType);
    if (at < 0) at = passes.push([]) - 1;
    passes[at]!.push(member);
    passOf.set(id, at);
  }
  for (let i = 0; i < passes.length; i++) {
    // A reader in a later pass scores every record then, reading the new scores: not as they move.
    await rescorePass(ctx, passes[i]!, new Set(passes.slice(i + 1).flat().map((member) => member.row.id)));
  }
  if (again.length > 0) await rescoreTogether(ctx, again);
}

/**
 * Scores in batches of their own transactions with progress, yielding between them so the worker
 * keeps answering. The data is read once, up front, from the warm index (warm-index.ts); a record
 * whose score row is newer than the activation (a write, a catch-up or an earlier run of this
 * activation scored it under the new version) or that was deleted keeps what is stored. The last
 * batch clears the pending note.
 *
 * Several activations (of one object type, none reading another's score) share the pass: each
 * batch's transaction reads, scores and writes each one's rows as its own activation would, so
 * three cost one set of transactions and one walk over the records. Each settles on its own: one
 * whose definition was deactivated or replaced meanwhile, or that failed to score, fails and
 * leaves the pass before its batch writes anything, what it committed before staying as stored;
 * the others go on. A failure of a batch's transaction itself fails them all.
 *
 * Pipelined: while a batch's transaction waits for IndexedDB (off this thread), the next batch is
 * scored, here in slices or by the pool. At most one batch is scored ahead, and it is stored only
 * in its own transaction after the one before it has committed: a batch that fails stops the run
 * with its error, what committed before it stays as stored, and the batch scored ahead is dropped.
 */
async function rescorePass(ctx: ServiceContext, members: readonly Member[], later: ReadonlySet<string>): Promise<void> {
  const store = ctx.opened();
  const objectType = members[0]!.row.definition.objectType;
  const snapshotAt = ctx.now();
  const report = (member: Member, done: number, total: number) => {
    const progress = { definitionId: member.row.id, done, total };
    member.onProgress(progress);
    ctx.publish([{ type: 'progress', progress }]);
  };
  // The first progress before the index, which a cold worker loads for seconds; a warm one has it.
  const count = await store.records.count(objectType);
  for (const member of members) report(member, 0, count);
  const warm = warmIndexOf(ctx);
  const loaded = await warm.get(store);
  const live = new Map<Member, Scorer>();
  for (const member of members) {
    const overlay = await scoresRead(store, member.row.definition, loaded.index.recordsInOrder);
    live.set(member, { overlay, index: withRecordProperties(loaded.index, overlay), compiled: ctx.compile(member.row.definition), cause: { kind: 'definition', ref: `${member.row.id}@${member.row.version}` } });
  }
  const fail = (member: Member, error: unknown) => {
    live.delete(member);
    member.reject(error);
  };
  // The history asked to be backfilled first, each in a transaction of its own (backfill-history.ts).
  for (const [member, scorer] of live) {
    await backfillHistory(ctx, member.row.id, member.pending, scorer.compiled, scorer.index, (progress) => {
      member.onProgress(progress);
      ctx.publish([{ type: 'progress', progress }]);
    }).catch((error: unknown) => fail(member, error));
  }
  const ids = loaded.index.recordsInOrder.filter((record) => record.objectType === objectType).map((record) => record.id);
  if (ids.length === 0) {
    await ctx.serial(() => inTransaction(store, ['meta'], 'readwrite', async (tx) => {
      for (const member of members) await clearPending(tx, member.row.id, member.pending);
    }));
  }
  const spans = batchSpans(ids.length, ctx.batchSize);
  const asOfNow = () => Math.max(snapshotAt, ctx.now());
  const pool = poolOf(ctx);
  const only = members.length === 1 ? members[0]! : undefined;
  const job = only && pool.job(loaded, only.row.definition, live.get(only)!.overlay, ids.length, warm.stats().budgetBytes, activationScorers());
  const ahead = job && new ScoredAhead(job, ids, spans, only!.row.version);
  const pause = new Pause();
  let next: SlicedBatch | undefined;
  try {
    for (let k = 0; k < spans.length && live.size > 0; k++) {
      const span = spans[k]!;
      const prescored = ahead ? new Map([[only!, await ahead.batch(k, asOfNow)]]) : await next?.scored;
      next = undefined;
      const following = spans[k + 1];
      await storeBatch(span, prescored, (anyWaiting) => {
        // Not where this batch has nothing to store (a resumed run's batches done before): the
        // next one likely has nothing either.
        if (ahead || !following || !anyWaiting) return;
        next = new SlicedBatch(live, (recordIds, asOf, scorer, member) => rowsOfColumns(scorer.compiled.scoreColumns(scorer.index, { asOf, recordIds }), member.row.version), ids.slice(following.start, following.end), asOfNow(), pause);
      });
    }
  } catch (error) {
    for (const member of live.keys()) member.reject(error);
    live.clear();
  } finally {
    next?.stop();
    pause.close();
    ahead?.end();
  }
  for (const member of live.keys()) {
    try {
      // The orderings queries sort and count by, kept at rest: a fresh page's first query reads
      // them instead of building them from every score page (store/score-columns.ts).
      await ctx.serial(() => store.scores.keepOrderings(member.row.id));
      ctx.publish([{ type: 'definition', definitionId: member.row.id, status: 'active', version: member.row.version }]);
      member.resolve(infoOf(member.row));
    } catch (error) {
      member.reject(error);
    }
  }
  await ctx.armTimer();

  /**
   * `recordIds` scored here now as the rows to store, straight from the engine's columns, without
   * explanations (the rows are lean; a read explains anew, explanation.ts).
   */
  function scoreHere(member: Member, scorer: Scorer, recordIds: readonly string[]): Prescored {
    const asOf = asOfNow();
    return { asOf, rows: rowsOfColumns(scorer.compiled.scoreColumns(scorer.index, { asOf, recordIds }), member.row.version) };
  }

  /**
   * Stores the batch `span` of every activation still in the pass: scored ahead already
   * (`prescored`), or here. `scoring` is told, once the transaction knows, whether it stores
   * anything: the next batch is scored from then on, while this one waits for IndexedDB.
   */
  async function storeBatch(span: Span, prescored: ReadonlyMap<Member, Prescored | Failed | undefined> | undefined, scoring: (anyWaiting: boolean) => void): Promise<void> {
    const batch = ids.slice(span.start, span.end);
    const last = span.end >= ids.length;
    const notices: ChangeNotice[] = [];
    const done: Member[] = [];
    await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const members = [...live.keys()];
      // The batch is a span of ids in key order: range reads, not a get per record. Everything the
      // batch reads is asked for at once: each request awaited alone costs a round trip.
      const after = span.start === 0 ? undefined : ids[span.start - 1];
      const [currents, storedRows, revision, scope, settings] = await Promise.all([
        Promise.all(members.map((member) => tx.definitions.get(member.row.id, member.row.version))),
        Promise.all(members.map((member) => readSpan(after, batch.at(-1)!, (from, limit) => tx.scores.ofDefinition(member.row.id, { after: from, limit }), (score) => score.recordId))),
        tx.meta.get('dataRevision'),
        writeScopeIn(tx, notices),
        tx.meta.get('lifecycleSettings'),
        // The orderings held from the first batch on take each batch in as it commits, and are
        // kept at rest after the last: built from the pages at the end, they cost more.
        span.start === 0 ? Promise.all(members.map((member) => tx.scores.count({ definitionId: member.row.id }))) : undefined,
      ]);
      // Records are read only to skip those deleted since the snapshot: none were while the data
      // revision is the snapshot's (store/data-revision.ts).
      const records = (revision ?? 0) === loaded.revision
        ? undefined
        : await readSpan(after, batch.at(-1)!, (from, limit) => tx.records.ofType(objectType, { after: from, limit }), (record) => record.id);
      const work: { member: Member; scorer: Scorer; stored: ReadonlyMap<string, ScoreRow>; waiting: string[] }[] = [];
      members.forEach((member, i) => {
        const current = currents[i];
        if (current?.status !== 'active') {
          return fail(member, new ServiceError({ code: 'conflict', message: `the definition "${member.row.id}" version ${member.row.version} was ${current ? 'deactivated' : 'deleted'} or replaced while it was being activated` }));
        }
        const stored = storedRows[i]!;
        work.push({ member, scorer: live.get(member)!, stored, waiting: batch.filter((id) => (records?.has(id) ?? true) && awaitsActivation(member.pending, stored.get(id)?.asOf)) });
      });
      scoring(work.some((one) => one.waiting.length > 0));
      const ready: { member: Member; scorer: Scorer; stored: ReadonlyMap<string, ScoreRow>; scored: Prescored | undefined; results: ScoreRow[] }[] = [];
      for (const { member, scorer, stored, waiting } of work) {
        // Scored here when not ahead: a resumed run skips the batches already stored.
        let scored: Prescored | undefined;
        try {
          const early = waiting.length === 0 ? undefined : prescored?.get(member);
          if (early instanceof Failed) throw early.error;
          scored = waiting.length === 0 ? undefined : early ?? scoreHere(member, scorer, waiting);
        } catch (error) {
          // Before anything of it is written in this transaction: the others' rows are stored as ever.
          fail(member, error);
          continue;
        }
        ready.push({ member, scorer, stored, scored, results: !scored ? [] : scored.rows.length === waiting.length ? scored.rows : onlyWaiting(scored.rows, waiting) });
      }
      // Each definition's pages apart, at once: their requests queue in IndexedDB without a round trip between them.
      const moves: ScoreMove[] = [];
      await Promise.all(ready.map(({ member, scorer, stored, scored, results }) => storeRows(tx, results, () => scorer.cause, scored?.asOf ?? asOfNow(), notices, moves, previousOf(member.row.id, stored, results))));
      // What reads a score moves with it, in the same transaction (decision D27); only a
      // definition that some active one reads has anything to move.
      const { readers } = await scorePlanOf(tx, scope);
      const moved = new Map(ready.filter(({ member }) => readers.get(member.row.id)?.size).map(({ member, stored, results }) => [member.row.id, movedProperties(member.row.id, stored, results)]));
      done.push(...ready.map(({ member }) => member));
      if (moved.size > 0) await rescoreReaders(ctx, tx, moved, scope, moves, later);
      if (settings && settings.scoreRules.length > 0) await runScoreRules(ctx, tx, moves, notices);
      // One after another: each rewrites the one note of pending activations.
      if (last) for (const member of done) await clearPending(tx, member.row.id, member.pending);
    }));
    ctx.publish(notices);
    for (const member of done) report(member, span.end, ids.length);
    await yieldToEvents();
  }
}

/** What an activation in a pass scores with: its definition compiled, and the index with the stored scores it reads laid over. */
interface Scorer {
  overlay: Overlay;
  index: DatasetIndex;
  compiled: CompiledDefinition;
  cause: ChangeCause;
}

/** An activation's batch that failed to score ahead: it fails in the batch's transaction, before anything of it is written. */
class Failed {
  constructor(readonly error: unknown) {}
}

/**
 * How many of the pool's scorers an activation hands its scoring to: one per core besides this
 * worker's, which stores every batch meanwhile, and IndexedDB's, which does the storing's share in
 * the browser's own process. With fewer cores the scorers take turns with the storing: on 2 cores
 * at 30,000 contacts a re-score with a scorer took 1.35x and 1.16x as long as this worker
 * alone in two runs (docs/performance.md, Pool), which scores each batch in IndexedDB's waits for the last.
 */
function activationScorers(): number {
  return (globalThis.navigator?.hardwareConcurrency ?? 1) - 2;
}

/** A batch scored before its transaction as the rows to store, and the instant it was scored as of. */
interface Prescored {
  asOf: number;
  rows: ScoreRow[];
}

/** A batch: the records `ids[start..end)`. */
interface Span {
  start: number;
  end: number;
}

/**
 * The batches of an activation of `count` records: the first of `size`, so that stored progress
 * comes soon, then each twice the last up to `growTo` times `size`. Every batch is a transaction
 * that awaits a dozen requests and a commit whatever its size; fewer, larger ones cost less.
 */
export function batchSpans(count: number, size: number, growTo = 4): Span[] {
  const spans: Span[] = [];
  for (let start = 0, next = size; start < count; start += next, next = Math.min(next * 2, size * growTo)) {
    spans.push({ start, end: Math.min(count, start + next) });
  }
  return spans;
}

/** What each stored row of `rows` held before `results` replace it: the store need not find them again. */
function previousOf(definitionId: string, rows: ReadonlyMap<string, ScoreRow>, results: readonly ScoreRow[]): PreviousScores {
  const out = new Map<string, { value: number | null; label: string | null } | null>();
  for (const result of results) {
    const before = rows.get(result.recordId);
    out.set(keyOf({ definitionId, recordId: result.recordId }), before ? { value: before.value, label: before.label } : null);
  }
  return out;
}

/** The rows of the records in `waiting`, in their order. */
function onlyWaiting(results: readonly ScoreRow[], waiting: readonly string[]): ScoreRow[] {
  const wanted = new Set(waiting);
  return results.filter((result) => wanted.has(result.recordId));
}

/** Records a task of a batch scored here ahead scores: about 10 ms of the bench's, so IndexedDB's callbacks wait little. */
const sliceSize = 256;

/**
 * A batch scored here ahead of its transaction for each activation in the pass, a slice of records
 * per task. It starts while the batch before it is in its transaction, whose requests' callbacks
 * run between the slices: the scoring fills that batch's waits for IndexedDB (its reads, its writes
 * and its commit), not just the commit's. `stop` ends it at the next slice (the run failed). An
 * activation that fails to score is `Failed` and scored no further.
 */
class SlicedBatch {
  readonly scored: Promise<Map<Member, Prescored | Failed>>;
  private stopped = false;

  constructor(scorers: ReadonlyMap<Member, Scorer>, score: (recordIds: readonly string[], asOf: number, scorer: Scorer, member: Member) => ScoreRow[], recordIds: readonly string[], asOf: number, pause: Pause) {
    this.scored = (async () => {
      const out = new Map<Member, Prescored | Failed>([...scorers.keys()].map((member) => [member, { asOf, rows: [] }]));
      for (let start = 0; start < recordIds.length && !this.stopped; start += sliceSize) {
        await pause.next();
        if (this.stopped) break;
        const slice = recordIds.slice(start, start + sliceSize);
        for (const [member, scorer] of scorers) {
          const into = out.get(member)!;
          if (into instanceof Failed) continue;
          try {
            for (const row of score(slice, asOf, scorer, member)) into.rows.push(row);
          } catch (error) {
            out.set(member, new Failed(error));
          }
        }
      }
      return out;
    })();
    // Stopped, it is not awaited: the run has ended with its own error.
    this.scored.catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
  }
}

/**
 * Batches scored by a scoring pool ahead of the one being stored, so the scorers score while this
 * worker writes (a write transaction cannot wait for another worker: it would commit meanwhile).
 * Each batch is scored as of the time it is asked for, as a batch scored here is as of its own
 * transaction. When the pool failed for a batch, none is ready: it is scored here.
 */
class ScoredAhead {
  private readonly pending = new Map<number, { asOf: number; columns: Promise<ScoreColumns | undefined> }>();

  constructor(private readonly job: PoolJob, private readonly ids: readonly string[], private readonly spans: readonly Span[], private readonly version: number, private readonly depth = 2) {}

  async batch(k: number, asOfNow: () => number): Promise<Prescored | undefined> {
    for (let j = k; j <= k + this.depth; j++) this.ask(j, asOfNow);
    const asked = this.pending.get(k)!;
    this.pending.delete(k);
    const columns = await asked.columns;
    return columns && { asOf: asked.asOf, rows: rowsOfColumns(columns, this.version) };
  }

  end(): void {
    this.job.end();
  }

  /** Batch `k` asked of a scorer, the scorers taking the batches in turn. */
  private ask(k: number, asOfNow: () => number): void {
    const span = this.spans[k];
    if (!span || this.pending.has(k)) return;
    const asOf = asOfNow();
    this.pending.set(k, { asOf, columns: this.job.columns(k % this.job.size, this.ids.slice(span.start, span.end), asOf) });
  }
}
