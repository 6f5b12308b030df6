// The worker's one service object (DESIGN.md): validates input, writes through the store, finds the
// records a change affects, re-scores them, records score history, keeps every score current as time
// passes, and notifies subscribers. An ordinary object: tests call it without a worker.
//
// It implements the contract (contract/), concept by concept, with the handlers of service/:
// data-writes.ts (writes and the records they make dirty), import-scores.ts (scores computed in a
// warehouse), definitions.ts and activation.ts (a definition's life and its retroactive re-score), reads.ts, lifecycle.ts and lifecycle-settings.ts
// (stages, lead status and their automations, lifecycle.md), training.ts; store-results.ts
// (incremental re-scoring), catch-up.ts and due-timer.ts (time). This file holds the session: the
// open database, the subscriptions and the state the handlers share (service/context.ts).
import type { ChangeNotice, LeadscoreApi, SubscriptionTarget, WorkerProtocol } from './contract/index.ts';
import { Activations } from './service/activation.ts';
import { runCatchUp } from './service/catch-up.ts';
import { CompiledCache } from './service/compiled-cache.ts';
import type { ServiceContext } from './service/context.ts';
import { dataHandlers } from './service/data-writes.ts';
import { definitionHandlers } from './service/definitions.ts';
import { DueTimer } from './service/due-timer.ts';
import { withContext } from './service/handlers.ts';
import { importedScoresHandlers } from './service/import-scores.ts';
import { holdLock } from './service/life-lock.ts';
import { lifecycleHandlers } from './service/lifecycle.ts';
import { lifecycleReportHandlers } from './service/lifecycle-reports.ts';
import { listHandlers } from './service/lists.ts';
import { withRecordState } from './service/notice-state.ts';
import { Notifier } from './service/notifier.ts';
import { readHandlers } from './service/reads.ts';
import { compareHandlers } from './service/compare.ts';
import { ruleHealthHandlers } from './service/rule-health.ts';
import { scoreWeeksHandlers } from './service/score-weeks.ts';
import { ServiceError } from './service/service-error.ts';
import { statsHandlers } from './service/stats.ts';
import { thresholdHandlers } from './service/thresholds.ts';
import { trainingHandlers } from './service/training.ts';
import { WriteQueue } from './service/write-queue.ts';
import { openStore, type Store } from './store/store.ts';
import { poolOf } from './pool/scoring-pool.ts';

export interface ServiceOptions {
  /** The clock; tests pass their own. The engine itself never reads it. */
  now?: () => number;
  /** Records scored per batch (and per transaction) in a full re-score and in a catch-up pass. */
  batchSize?: number;
  /** The worker's own script, which the scoring pool's workers start from (pool/scoring-pool.ts); no pool without it. */
  scorerScript?: string;
}

/** The service's contract methods, added to it by its constructor. */
export interface LeadscoreService extends LeadscoreApi {}

export class LeadscoreService implements WorkerProtocol {
  private store: Store | undefined;
  private notifier: Notifier | undefined;
  private catching: Promise<number> | undefined;
  private lockHeld = false;
  /** Counts every batch of notices, local or from another tab (ServiceContext.scoresVersion). */
  private scoresVersion = 0;
  /** The latest instant the service's clock gave (constructor). */
  private latest = -Infinity;
  private readonly queue = new WriteQueue();
  private readonly timer: DueTimer;
  private readonly ctx: ServiceContext;
  private readonly scorerScript: string | undefined;

  constructor(options: ServiceOptions = {}) {
    this.scorerScript = options.scorerScript;
    const clock = options.now ?? (() => Date.now());
    // The service's time never goes back: a clock set back would date a change before the one it
    // follows (histories out of order, stays of negative length). An instant is never earlier than
    // the last one given, nor than the last catch-up the database remembers (open).
    const now = () => (this.latest = Math.max(this.latest, clock()));
    const compiled = new CompiledCache();
    this.timer = new DueTimer(() => this.store, now, () => this.ctx.catchUp());
    const ctx: Omit<ServiceContext, 'activations'> = {
      now,
      batchSize: options.batchSize ?? 1_000,
      opened: () => this.opened(),
      compile: (definition) => compiled.get(definition),
      serial: (work) => this.queue.run(work),
      publish: (notices) => {
        this.scoresVersion++;
        this.notifier?.publish(notices);
      },
      scoresVersion: () => this.scoresVersion,
      armTimer: () => this.timer.arm(),
      catchUp: () => {
        this.catching ??= runCatchUp(this.ctx).finally(() => (this.catching = undefined));
        return this.catching;
      },
    };
    this.ctx = Object.assign(ctx, { activations: new Activations(ctx as ServiceContext) });
    const api: LeadscoreApi = {
      ...withContext(this.ctx, dataHandlers),
      ...withContext(this.ctx, importedScoresHandlers),
      ...withContext(this.ctx, definitionHandlers),
      ...withContext(this.ctx, readHandlers),
      ...withContext(this.ctx, statsHandlers),
      ...withContext(this.ctx, lifecycleHandlers),
      ...withContext(this.ctx, lifecycleReportHandlers),
      ...withContext(this.ctx, listHandlers),
      ...withContext(this.ctx, thresholdHandlers),
      ...withContext(this.ctx, trainingHandlers),
      ...withContext(this.ctx, compareHandlers),
      ...withContext(this.ctx, ruleHealthHandlers),
      ...withContext(this.ctx, scoreWeeksHandlers),
    };
    Object.assign(this, api);
  }

  async open(options: { dbName: string; scoringWorkers?: number }): Promise<void> {
    poolOf(this.ctx).configure(options.scoringWorkers ?? 0, this.scorerScript);
    if (this.store && !this.store.closed) return;
    this.store = await openStore(options.dbName, { onClose: () => this.timer.clear() });
    this.latest = Math.max(this.latest, (await this.store.meta.get('lastTickAt')) ?? -Infinity);
    if (!this.notifier) {
      this.notifier = new Notifier(options.dbName, () => {
        this.scoresVersion++;
        void this.timer.arm();
      }, (recordId, notices) => withRecordState(this.ctx, recordId, notices));
    }
    // Time that passed while no page had the database open (DESIGN.md, Time).
    await this.ctx.catchUp();
    // An activation a closed page left half done finishes in the background, with progress notices.
    void this.ctx.activations.resumeAll().catch(() => undefined);
  }

  async holdLifeLock(name: string): Promise<void> {
    if (this.lockHeld) return;
    await holdLock(name);
    this.lockHeld = true;
  }

  async close(): Promise<void> {
    this.timer.stop();
    await this.queue.settled();
    poolOf(this.ctx).close();
    this.notifier?.close();
    this.notifier = undefined;
    this.store?.close();
    this.store = undefined;
  }

  async subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string> {
    this.opened();
    return this.notifier!.subscribe(target, listener);
  }

  async unsubscribe(subscriptionId: string): Promise<void> {
    this.notifier?.unsubscribe(subscriptionId);
  }

  private opened(): Store {
    if (!this.store || this.store.closed) throw new ServiceError({ code: 'closed', message: 'the database is not open: call open() first' });
    return this.store;
  }
}
