import type { ChangeCause, ChangeNotice, DefinitionInfo, Progress } from '../contract/index.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import type { ScoreResult } from '../model/result.ts';
import { poolOf, type PoolJob } from '../pool/scoring-pool.ts';
import type { DefinitionRow, ScoreRow } from '../store/schema.ts';
import { keyOf, scoreRowsOf, type PreviousScores } from '../store/scores.ts';
import { allStores } from '../store/store.ts';
import { readSpan, yieldToEvents } from './collections.ts';
import { rowsOfColumns } from './column-rows.ts';
import type { ServiceContext } from './context.ts';
import { infoOf } from './definition-info.ts';
import { Pause } from './preview.ts';
import { awaitsActivation, clearPending, pendingActivations, type PendingActivation } from './pending-activations.ts';
import { ServiceError } from './service-error.ts';
import { movedProperties, rescoreReaders, scorePlanOf } from './rescore.ts';
import { runScoreRules } from './score-rules.ts';
import { scoresRead } from './score-properties.ts';
import { storeRows, versionsOf, type ScoreMove } from './store-results.ts';
import { inTransaction } from './transaction.ts';
import { warmIndexOf } from './warm-index.ts';
import { writeScopeIn } from './write-transaction.ts';

type ProgressListener = (progress: Progress) => void;

interface Run {
  listeners: Set<ProgressListener>;
  done: Promise<DefinitionInfo>;
}

/**
 * The retroactive re-scores of activation and update (scoring.md §9.2, §9.3). One run per pending
 * activation: a second call for the same one (a retried `activate`, the resume on `open`) joins
 * it and hears its progress instead of scoring every record twice.
 */
export class Activations {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly ctx: ServiceContext) {}

  /** Re-scores every record of `row`'s type still waiting for `pending`, or joins the run doing it. */
  run(row: DefinitionRow, pending: PendingActivation, onProgress?: ProgressListener): Promise<DefinitionInfo> {
    const key = `${row.id}\u0000${row.version}\u0000${pending.startedAt}`;
    let run = this.runs.get(key);
    if (!run) {
      const listeners = new Set<ProgressListener>();
      const done = rescoreActivated(this.ctx, row, pending, (progress) => {
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
   * Finishes the activations a closed page or a dead worker left half done (called on `open`).
   * A note whose version is no longer active is dropped: that version has nothing left to score.
   */
  async resumeAll(): Promise<void> {
    const store = this.ctx.opened();
    for (const [definitionId, pending] of await pendingActivations(store)) {
      const row = await store.definitions.get(definitionId, pending.version);
      if (row?.status === 'active') {
        await this.run(row, pending);
      } else {
        await this.ctx.serial(() => inTransaction(store, ['meta'], 'readwrite', (tx) => clearPending(tx, definitionId, pending)));
      }
    }
  }
}

/**
 * Scores in batches of their own transactions with progress, yielding between them so the worker
 * keeps answering. The data is read once, up front, from the warm index (warm-index.ts); a record
 * whose score row is newer than the activation (a write, a catch-up or an earlier run of this
 * activation scored it under the new version) or that was deleted keeps what is stored. The last
 * batch clears the pending note.
 *
 * Pipelined: while a batch's transaction commits (IndexedDB's own work, off this thread), the next
 * batch is scored, here or by the pool. At most one batch is scored ahead, and it is stored only in
 * its own transaction after the one before it has committed: a batch that fails stops the run with
 * its error, what committed before it stays as stored, and the batch scored ahead is dropped.
 */
async function rescoreActivated(ctx: ServiceContext, row: DefinitionRow, pending: PendingActivation, onProgress: ProgressListener): Promise<DefinitionInfo> {
  const store = ctx.opened();
  const definition = row.definition;
  const cause: ChangeCause = { kind: 'definition', ref: `${row.id}@${row.version}` };
  const snapshotAt = ctx.now();
  const report = (done: number, total: number) => {
    const progress = { definitionId: row.id, done, total };
    onProgress(progress);
    ctx.publish([{ type: 'progress', progress }]);
  };
  // The first progress before the index, which a cold worker loads for seconds; a warm one has it.
  report(0, await store.records.count(definition.objectType));
  const warm = warmIndexOf(ctx);
  const loaded = await warm.get(store);
  const overlay = await scoresRead(store, definition, loaded.index.recordsInOrder);
  const index = withRecordProperties(loaded.index, overlay);
  const compiled = ctx.compile(definition);
  const ids = index.recordsInOrder.filter((record) => record.objectType === definition.objectType).map((record) => record.id);
  if (ids.length === 0) await ctx.serial(() => inTransaction(store, ['meta'], 'readwrite', (tx) => clearPending(tx, row.id, pending)));
  const spans = batchSpans(ids.length, ctx.batchSize);
  const asOfNow = () => Math.max(snapshotAt, ctx.now());
  const pool = poolOf(ctx);
  const job = activationUsesPool(pool.stats().size) ? pool.job(loaded, definition, overlay, ids.length, warm.stats().budgetBytes) : undefined;
  const ahead = job && new ScoredAhead(job, ids, spans, versionsOf([row]));
  const pause = new Pause();
  let next: SlicedBatch | undefined;
  try {
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k]!;
      const prescored = ahead ? await ahead.batch(k, asOfNow) : await next?.scored;
      next = undefined;
      const following = spans[k + 1];
      await storeBatch(span, prescored, (anyWaiting) => {
        // Not where this batch has nothing to store (a resumed run's batches done before): the
        // next one likely has nothing either.
        if (ahead || !following || !anyWaiting) return;
        next = new SlicedBatch((recordIds, asOf) => rowsOfColumns(compiled.scoreColumns(index, { asOf, recordIds }), row.version), ids.slice(following.start, following.end), asOfNow(), pause);
      });
    }
  } finally {
    next?.stop();
    pause.close();
    ahead?.end();
  }
  // The orderings queries sort and count by, kept at rest: a fresh page's first query reads them
  // instead of building them from every score page (store/score-columns.ts).
  await ctx.serial(() => store.scores.keepOrderings(row.id));
  ctx.publish([{ type: 'definition', definitionId: row.id, status: 'active', version: row.version }]);
  await ctx.armTimer();
  return infoOf(row);

  /**
   * `recordIds` scored here now as the rows to store, straight from the engine's columns, without
   * explanations (the rows are lean; a read explains anew, explanation.ts).
   */
  function scoreHere(recordIds: readonly string[]): Prescored {
    const asOf = asOfNow();
    return { asOf, rows: rowsOfColumns(compiled.scoreColumns(index, { asOf, recordIds }), row.version) };
  }

  /**
   * Stores the batch `span`: scored ahead already (`prescored`), or here. `scoring` is told, once
   * the transaction knows, whether it stores anything: the next batch is scored from then on, while
   * this one waits for IndexedDB.
   */
  async function storeBatch(span: Span, prescored: Prescored | undefined, scoring: (anyWaiting: boolean) => void): Promise<void> {
    const batch = ids.slice(span.start, span.end);
    const last = span.end >= ids.length;
    const notices: ChangeNotice[] = [];
    await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      // The batch is a span of ids in key order: range reads, not a get per record. Everything the
      // batch reads is asked for at once: each request awaited alone costs a round trip.
      const after = span.start === 0 ? undefined : ids[span.start - 1];
      const [current, revision, stored, scope, settings] = await Promise.all([
        tx.definitions.get(row.id, row.version),
        tx.meta.get('dataRevision'),
        readSpan(after, batch.at(-1)!, (from, limit) => tx.scores.ofDefinition(row.id, { after: from, limit }), (score) => score.recordId),
        writeScopeIn(tx, notices),
        tx.meta.get('lifecycleSettings'),
        // The orderings held from the first batch on take each batch in as it commits, and are
        // kept at rest after the last: built from the pages at the end, they cost more.
        span.start === 0 ? tx.scores.count({ definitionId: row.id }) : undefined,
      ]);
      if (current?.status !== 'active') {
        throw new ServiceError({ code: 'conflict', message: `the definition "${row.id}" version ${row.version} was ${current ? 'deactivated' : 'deleted'} or replaced while it was being activated` });
      }
      // Records are read only to skip those deleted since the snapshot: none were while the data
      // revision is the snapshot's (store/data-revision.ts).
      const records = (revision ?? 0) === loaded.revision
        ? undefined
        : await readSpan(after, batch.at(-1)!, (from, limit) => tx.records.ofType(definition.objectType, { after: from, limit }), (record) => record.id);
      const waiting = batch.filter((id) => (records?.has(id) ?? true) && awaitsActivation(pending, stored.get(id)?.asOf));
      scoring(waiting.length > 0);
      // Scored here when not ahead: a resumed run skips the batches already stored.
      const scored = waiting.length === 0 ? undefined : prescored ?? scoreHere(waiting);
      const results = !scored ? [] : scored.rows.length === waiting.length ? scored.rows : only(scored.rows, waiting);
      const asOf = scored?.asOf ?? asOfNow();
      const moves: ScoreMove[] = [];
      await storeRows(tx, results, () => cause, asOf, notices, moves, previousOf(row.id, stored, results));
      // What reads this score moves with it, in the same transaction (decision D27); only a
      // definition that some active one reads has anything to move.
      if ((await scorePlanOf(tx, scope)).readers.get(row.id)?.size) {
        const moved = movedProperties(row.id, stored, results);
        if (moved.length > 0) await rescoreReaders(ctx, tx, new Map([[row.id, moved]]), scope, moves);
      }
      if (settings && settings.scoreRules.length > 0) await runScoreRules(ctx, tx, moves, notices);
      if (last) await clearPending(tx, row.id, pending);
    }));
    ctx.publish(notices);
    report(span.end, ids.length);
    await yieldToEvents();
  }
}

/**
 * Whether an activation hands its scoring to the pool's `scorers`: only when each has a core of its
 * own besides this worker's, which stores every batch meanwhile. With fewer cores the scorers take
 * turns with the storing: on 2 cores at 30,000 contacts a re-score with 2 scorers took 2.0x as long
 * as the worker alone, and 2.0x with 1 (docs/performance.md, Pool). Then the worker scores alone,
 * each batch while the last one commits.
 */
function activationUsesPool(scorers: number): boolean {
  return scorers >= 2 && scorers < (globalThis.navigator?.hardwareConcurrency ?? 1);
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
function only(results: readonly ScoreRow[], waiting: readonly string[]): ScoreRow[] {
  const wanted = new Set(waiting);
  return results.filter((result) => wanted.has(result.recordId));
}

/** Records a task of a batch scored here ahead scores: about 10 ms of the bench's, so IndexedDB's callbacks wait little. */
const sliceSize = 256;

/**
 * A batch scored here ahead of its transaction, a slice of records per task. It starts while the
 * batch before it is in its transaction, whose requests' callbacks run between the slices: the
 * scoring fills that batch's waits for IndexedDB (its reads, its writes and its commit), not just
 * the commit's. `stop` ends it at the next slice (the run failed).
 */
class SlicedBatch {
  readonly scored: Promise<Prescored>;
  private stopped = false;

  constructor(score: (recordIds: readonly string[], asOf: number) => ScoreRow[], recordIds: readonly string[], asOf: number, pause: Pause) {
    this.scored = (async () => {
      const rows: ScoreRow[] = [];
      for (let start = 0; start < recordIds.length && !this.stopped; start += sliceSize) {
        await pause.next();
        if (!this.stopped) for (const scored of score(recordIds.slice(start, start + sliceSize), asOf)) rows.push(scored);
      }
      return { asOf, rows };
    })();
    // Stopped or failed, it is not awaited: the run has ended with its own error.
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
  private readonly pending = new Map<number, { asOf: number; results: Promise<ScoreResult[] | undefined> }>();

  constructor(private readonly job: PoolJob, private readonly ids: readonly string[], private readonly spans: readonly Span[], private readonly versions: ReadonlyMap<string, number>, private readonly depth = 2) {}

  async batch(k: number, asOfNow: () => number): Promise<Prescored | undefined> {
    for (let j = k; j <= k + this.depth; j++) this.ask(j, asOfNow);
    const asked = this.pending.get(k)!;
    this.pending.delete(k);
    const results = await asked.results;
    return results && { asOf: asked.asOf, rows: scoreRowsOf(results, this.versions) };
  }

  end(): void {
    this.job.end();
  }

  private ask(k: number, asOfNow: () => number): void {
    const span = this.spans[k];
    if (!span || this.pending.has(k)) return;
    const asOf = asOfNow();
    this.pending.set(k, { asOf, results: this.job.results(this.ids.slice(span.start, span.end), asOf) });
  }
}
