import type { ChangeCause, ChangeNotice, DefinitionInfo, Progress } from '../contract/index.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import type { ScoreResult } from '../model/result.ts';
import { poolOf, type PoolJob } from '../pool/scoring-pool.ts';
import type { DefinitionRow, ScoreRow } from '../store/schema.ts';
import { keyOf, type PreviousScores } from '../store/scores.ts';
import { allStores } from '../store/store.ts';
import { readSpan, yieldToEvents } from './collections.ts';
import type { ServiceContext } from './context.ts';
import { infoOf } from './definition-info.ts';
import { awaitsActivation, clearPending, pendingActivations, type PendingActivation } from './pending-activations.ts';
import { ServiceError } from './service-error.ts';
import { movedProperties, rescoreReaders, scorePlanOf } from './rescore.ts';
import { runScoreRules } from './score-rules.ts';
import { scoresRead } from './score-properties.ts';
import { storeResults, versionsOf, type ScoreMove } from './store-results.ts';
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
  const ahead = job && new ScoredAhead(job, ids, spans);
  try {
    let prescored: Prescored | undefined;
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k]!;
      if (ahead) prescored = await ahead.batch(k, asOfNow);
      let scoredHere: Prescored | undefined;
      let stored = false;
      const following = spans[k + 1];
      await storeBatch(span, prescored, (anyWaiting) => {
        // In a task of its own: the commit is sent when the transaction's last task ends, and the
        // next batch is scored while IndexedDB writes. Not where this batch had nothing to store (a
        // resumed run's batches done before): the next one likely has nothing either.
        if (ahead || !following || !anyWaiting) return;
        setTimeout(() => {
          if (!stored) scoredHere = scoreSpan(following);
        }, 0);
      });
      stored = true;
      prescored = scoredHere;
    }
  } finally {
    ahead?.end();
  }
  // The orderings queries sort and count by, kept at rest: a fresh page's first query reads them
  // instead of building them from every score page (store/score-columns.ts).
  await ctx.serial(() => store.scores.keepOrderings(row.id));
  ctx.publish([{ type: 'definition', definitionId: row.id, status: 'active', version: row.version }]);
  await ctx.armTimer();
  return infoOf(row);

  /** Every record of `span` scored here now, without explanations (the rows are lean; a read explains anew, explanation.ts). */
  function scoreSpan(span: Span): Prescored {
    const asOf = asOfNow();
    return { asOf, results: compiled.scoreAll(index, { asOf, recordIds: ids.slice(span.start, span.end), explain: false }) };
  }

  /**
   * Stores the batch `span`: scored ahead already (`prescored`), or here. `committing` is told, at
   * the end of the transaction's work, whether it stores anything.
   */
  async function storeBatch(span: Span, prescored: Prescored | undefined, committing: (anyWaiting: boolean) => void): Promise<void> {
    const batch = ids.slice(span.start, span.end);
    const last = span.end >= ids.length;
    const notices: ChangeNotice[] = [];
    await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      // The batch is a span of ids in key order: range reads, not a get per record. Everything the
      // batch reads is asked for at once: each request awaited alone costs a round trip.
      const after = span.start === 0 ? undefined : ids[span.start - 1];
      const [current, revision, rows, scope, settings] = await Promise.all([
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
      const waiting = batch.filter((id) => (records?.has(id) ?? true) && awaitsActivation(pending, rows.get(id)?.asOf));
      // Scored here when not ahead: a resumed run skips the batches already stored.
      const scored = waiting.length === 0 ? undefined : prescored ?? { asOf: asOfNow(), results: compiled.scoreAll(index, { asOf: asOfNow(), recordIds: waiting, explain: false }) };
      const results = scored ? only(scored.results, waiting) : [];
      const asOf = scored?.asOf ?? asOfNow();
      const moves: ScoreMove[] = [];
      await storeResults(tx, results, versionsOf([row]), () => cause, asOf, notices, moves, previousOf(row.id, rows, results));
      // What reads this score moves with it, in the same transaction (decision D27); only a
      // definition that some active one reads has anything to move.
      if ((await scorePlanOf(tx, scope)).readers.get(row.id)?.size) {
        const moved = movedProperties(row.id, rows, results);
        if (moved.length > 0) await rescoreReaders(ctx, tx, new Map([[row.id, moved]]), scope, moves);
      }
      if (settings && settings.scoreRules.length > 0) await runScoreRules(ctx, tx, moves, notices);
      if (last) await clearPending(tx, row.id, pending);
      committing(results.length > 0);
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

/** A batch scored before its transaction, and the instant it was scored as of. */
interface Prescored {
  asOf: number;
  results: ScoreResult[];
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
function previousOf(definitionId: string, rows: ReadonlyMap<string, ScoreRow>, results: readonly ScoreResult[]): PreviousScores {
  const out = new Map<string, { value: number | null; label: string | null } | null>();
  for (const result of results) {
    const before = rows.get(result.recordId);
    out.set(keyOf({ definitionId, recordId: result.recordId }), before ? { value: before.value, label: before.label } : null);
  }
  return out;
}

/** The results of the records in `waiting`, in their order. */
function only(results: readonly ScoreResult[], waiting: readonly string[]): ScoreResult[] {
  const wanted = new Set(waiting);
  return results.filter((result) => wanted.has(result.recordId));
}

/**
 * Batches scored by a scoring pool ahead of the one being stored, so the scorers score while this
 * worker writes (a write transaction cannot wait for another worker: it would commit meanwhile).
 * Each batch is scored as of the time it is asked for, as a batch scored here is as of its own
 * transaction. When the pool failed for a batch, none is ready: it is scored here.
 */
class ScoredAhead {
  private readonly pending = new Map<number, { asOf: number; results: Promise<ScoreResult[] | undefined> }>();

  constructor(private readonly job: PoolJob, private readonly ids: readonly string[], private readonly spans: readonly Span[], private readonly depth = 2) {}

  async batch(k: number, asOfNow: () => number): Promise<Prescored | undefined> {
    for (let j = k; j <= k + this.depth; j++) this.ask(j, asOfNow);
    const asked = this.pending.get(k)!;
    this.pending.delete(k);
    const results = await asked.results;
    return results && { asOf: asked.asOf, results };
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
