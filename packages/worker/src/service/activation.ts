import type { ChangeCause, ChangeNotice, DefinitionInfo, Progress } from '../contract/index.ts';
import { withRecordProperties } from '../engine/dataset-index.ts';
import type { ScoreResult } from '../model/result.ts';
import { poolOf, type PoolJob } from '../pool/scoring-pool.ts';
import type { DefinitionRow } from '../store/schema.ts';
import { allStores } from '../store/store.ts';
import { readSpan, yieldToEvents } from './collections.ts';
import type { ServiceContext } from './context.ts';
import { infoOf } from './definition-info.ts';
import { awaitsActivation, clearPending, pendingActivations, type PendingActivation } from './pending-activations.ts';
import { ServiceError } from './service-error.ts';
import { movedProperties, rescoreReaders } from './rescore.ts';
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
  const ahead = new ScoredAhead(poolOf(ctx).job(loaded, definition, overlay, ids.length, warm.stats().budgetBytes), ids, ctx.batchSize);
  try {
    for (let start = 0; start < ids.length; start += ctx.batchSize) {
      const prescored = await ahead.batch(start, () => Math.max(snapshotAt, ctx.now()));
      await storeBatch(start, prescored);
    }
  } finally {
    ahead.end();
  }
  ctx.publish([{ type: 'definition', definitionId: row.id, status: 'active', version: row.version }]);
  await ctx.armTimer();
  return infoOf(row);

  /** Stores batch `start`: scored by the pool already (`prescored`), or here. */
  async function storeBatch(start: number, prescored: { asOf: number; results: ScoreResult[] } | undefined): Promise<void> {
    const batch = ids.slice(start, start + ctx.batchSize);
    const last = start + batch.length >= ids.length;
    const asOf = prescored?.asOf ?? Math.max(snapshotAt, ctx.now());
    const notices: ChangeNotice[] = [];
    await ctx.serial(() => inTransaction(store, allStores, 'readwrite', async (tx) => {
      const current = await tx.definitions.get(row.id, row.version);
      if (current?.status !== 'active') {
        throw new ServiceError({ code: 'conflict', message: `the definition "${row.id}" version ${row.version} was ${current ? 'deactivated' : 'deleted'} or replaced while it was being activated` });
      }
      // The batch is a span of ids in key order: range reads, not a get per record.
      const after = start === 0 ? undefined : ids[start - 1];
      const [revision, rows] = await Promise.all([
        tx.meta.get('dataRevision'),
        readSpan(after, batch.at(-1)!, (from, limit) => tx.scores.ofDefinition(row.id, { after: from, limit }), (score) => score.recordId),
      ]);
      // Records are read only to skip those deleted since the snapshot: none were while the data
      // revision is the snapshot's (store/data-revision.ts).
      const records = (revision ?? 0) === loaded.revision
        ? undefined
        : await readSpan(after, batch.at(-1)!, (from, limit) => tx.records.ofType(definition.objectType, { after: from, limit }), (record) => record.id);
      const waiting = batch.filter((id) => (records?.has(id) ?? true) && awaitsActivation(pending, rows.get(id)?.asOf));
      // Scored here (or by the pool just before), not up front: a resumed run skips the batches already stored.
      // Without explanations: the rows are lean, and a read explains a score anew (explanation.ts).
      const results = waiting.length === 0 ? [] : prescored ? only(prescored.results, waiting) : compiled.scoreAll(index, { asOf, recordIds: waiting, explain: false });
      const moves: ScoreMove[] = [];
      await storeResults(tx, results, versionsOf([row]), () => cause, asOf, notices, moves);
      // What reads this score moves with it, in the same transaction (decision D27).
      const moved = movedProperties(row.id, rows, results);
      if (moved.length > 0) await rescoreReaders(ctx, tx, new Map([[row.id, moved]]), await writeScopeIn(tx, notices), moves);
      await runScoreRules(ctx, tx, moves, notices);
      if (last) await clearPending(tx, row.id, pending);
    }));
    ctx.publish(notices);
    report(start + batch.length, ids.length);
    await yieldToEvents();
  }
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
 * transaction. Without a pool, or when the pool failed for a batch, none is ready: it is scored here.
 */
class ScoredAhead {
  private readonly pending = new Map<number, { asOf: number; results: Promise<ScoreResult[] | undefined> }>();

  constructor(private readonly job: PoolJob | undefined, private readonly ids: readonly string[], private readonly size: number, private readonly depth = 2) {}

  async batch(start: number, asOfNow: () => number): Promise<{ asOf: number; results: ScoreResult[] } | undefined> {
    if (!this.job) return undefined;
    for (let k = 0; k <= this.depth; k++) this.ask(start + k * this.size, asOfNow);
    const asked = this.pending.get(start)!;
    this.pending.delete(start);
    const results = await asked.results;
    return results && { asOf: asked.asOf, results };
  }

  end(): void {
    this.job?.end();
  }

  private ask(start: number, asOfNow: () => number): void {
    if (start >= this.ids.length || this.pending.has(start)) return;
    const asOf = asOfNow();
    this.pending.set(start, { asOf, results: this.job!.results(this.ids.slice(start, start + this.size), asOf) });
  }
}
