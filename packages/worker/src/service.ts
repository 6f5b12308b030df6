// The worker's one service object (DESIGN.md): validates input, writes through the store, finds the
// records a change affects, re-scores them, records score history, keeps every score current as time
// passes, and notifies subscribers. An ordinary class: tests call it without a worker.
//
// This file holds the service's state and its public methods; each concept lives in service/:
// data-writes.ts (writes and the records they make dirty), definitions.ts and activation.ts (a
// definition's life and its retroactive re-score), store-results.ts (incremental re-scoring),
// catch-up.ts and due-timer.ts (time), reads.ts; lifecycle.ts, lifecycle-run.ts and
// lifecycle-settings.ts (stages, lead status and their automations, lifecycle.md).
import type { CrmEvent, CrmList, CrmRecord, Dataset } from './model/dataset.ts';
import type { Definition, ObjectType } from './model/definition.ts';
import type { ScoredResult, ScoreResult } from './model/result.ts';
import type { LifecycleSettings, LifecycleSettingsInput } from './lifecycle/settings.ts';
import type {
  AssociationLink, ChangeNotice, ChangeSource, LifecycleChangeRequest, LifecycleReceipt, OptionEdit, RecordLifecycleView,
  TrainedDefinition, TrainingProgress, TrainingQuality, TrainRequest, DefinitionInfo, Distribution, ImportCsvOptions, ImportReport, LeadscoreServiceApi, Page, Progress,
  RecordQuery, ScoreChange, SubscriptionTarget, WriteReceipt,
} from './service-api.ts';
import { Activations } from './service/activation.ts';
import { runCatchUp } from './service/catch-up.ts';
import { CompiledCache } from './service/compiled-cache.ts';
import type { ServiceContext } from './service/context.ts';
import * as writes from './service/data-writes.ts';
import * as definitions from './service/definitions.ts';
import { DueTimer } from './service/due-timer.ts';
import { holdLock } from './service/life-lock.ts';
import { Notifier } from './service/notifier.ts';
import * as lifecycle from './service/lifecycle.ts';
import * as lifecycleSettings from './service/lifecycle-settings.ts';
import * as reads from './service/reads.ts';
import * as training from './service/training.ts';
import { ServiceError } from './service/service-error.ts';
import { WriteQueue } from './service/write-queue.ts';
import { openStore, type Store } from './store/store.ts';

export interface ServiceOptions {
  /** The clock; tests pass their own. The engine itself never reads it. */
  now?: () => number;
  /** Records scored per batch (and per transaction) in a full re-score and in a catch-up pass. */
  batchSize?: number;
}

export class LeadscoreService implements LeadscoreServiceApi {
  private store: Store | undefined;
  private notifier: Notifier | undefined;
  private catching: Promise<number> | undefined;
  private lockHeld = false;
  /** Counts every batch of notices, local or from another tab (ServiceContext.scoresVersion). */
  private scoresVersion = 0;
  private readonly queue = new WriteQueue();
  private readonly compiled = new CompiledCache();
  private readonly timer: DueTimer;
  private readonly ctx: ServiceContext;
  private readonly activations: Activations;

  constructor(options: ServiceOptions = {}) {
    const now = options.now ?? (() => Date.now());
    this.timer = new DueTimer(() => this.store, now, () => this.catchUp());
    this.ctx = {
      now,
      batchSize: options.batchSize ?? 1_000,
      opened: () => this.opened(),
      compile: (definition) => this.compiled.get(definition),
      serial: (work) => this.queue.run(work),
      publish: (notices) => {
        this.scoresVersion++;
        this.notifier?.publish(notices);
      },
      scoresVersion: () => this.scoresVersion,
      armTimer: () => this.timer.arm(),
    };
    this.activations = new Activations(this.ctx);
  }

  async open(options: { dbName: string; lifeLock?: string }): Promise<void> {
    if (this.store && !this.store.closed) return;
    if (options.lifeLock && !this.lockHeld) {
      await holdLock(options.lifeLock);
      this.lockHeld = true;
    }
    this.store = await openStore(options.dbName, { onClose: () => this.timer.clear() });
    if (!this.notifier) {
      this.notifier = new Notifier(options.dbName, () => {
        this.scoresVersion++;
        void this.timer.arm();
      });
    }
    // Time that passed while no page had the database open (DESIGN.md, Time).
    await this.catchUp();
    // An activation a closed page left half done finishes in the background, with progress notices.
    void this.activations.resumeAll().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.timer.stop();
    await this.queue.settled();
    this.notifier?.close();
    this.notifier = undefined;
    this.store?.close();
    this.store = undefined;
  }

  // Data in (service/data-writes.ts)
  upsertRecords(records: CrmRecord[], options?: { source?: ChangeSource; createdVia?: string }): Promise<WriteReceipt> { return writes.upsertRecords(this.ctx, records, options); }
  deleteRecords(ids: string[]): Promise<WriteReceipt> { return writes.deleteRecords(this.ctx, ids); }
  associate(links: AssociationLink[]): Promise<WriteReceipt> { return writes.associate(this.ctx, links); }
  dissociate(links: AssociationLink[]): Promise<WriteReceipt> { return writes.dissociate(this.ctx, links); }
  trackEvents(events: CrmEvent[]): Promise<WriteReceipt> { return writes.trackEvents(this.ctx, events); }
  saveLists(lists: CrmList[]): Promise<WriteReceipt> { return writes.saveLists(this.ctx, lists); }
  importCsv(csv: string | Uint8Array | ArrayBuffer, options?: ImportCsvOptions): Promise<ImportReport> { return writes.importCsv(this.ctx, csv, options); }
  importDataset(dataset: Dataset): Promise<WriteReceipt> { return writes.importDataset(this.ctx, dataset); }
  exportDataset(): Promise<Dataset> { return reads.exportDataset(this.ctx); }

  // Definitions, scoring.md §9 (service/definitions.ts, service/activation.ts)
  saveDraft(definition: Definition): Promise<DefinitionInfo> { return definitions.saveDraft(this.ctx, definition); }
  testDraft(definition: Definition, recordIds: string[], asOf?: string): Promise<ScoreResult[]> { return definitions.testDraft(this.ctx, definition, recordIds, asOf); }
  previewDistribution(definition: Definition, options?: { buckets?: number; asOf?: string }): Promise<Distribution> { return definitions.previewDistribution(this.ctx, definition, options); }
  activate(definitionId: string, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> { return definitions.activate(this.ctx, this.activations, definitionId, onProgress); }
  updateActive(definition: Definition, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo> { return definitions.updateActive(this.ctx, this.activations, definition, onProgress); }
  deactivate(definitionId: string): Promise<DefinitionInfo> { return definitions.deactivate(this.ctx, definitionId); }
  deleteDefinition(definitionId: string): Promise<void> { return definitions.deleteDefinition(this.ctx, definitionId); }
  listDefinitions(): Promise<DefinitionInfo[]> { return definitions.listDefinitions(this.ctx); }

  // Lifecycle, lifecycle.md (service/lifecycle*.ts)
  setLifecycle(changes: LifecycleChangeRequest[]): Promise<LifecycleReceipt> { return lifecycle.setLifecycle(this.ctx, changes); }
  getLifecycle(recordId: string, asOf?: string | number): Promise<RecordLifecycleView> { return lifecycle.getLifecycle(this.ctx, recordId, asOf); }
  getLifecycleSettings(): Promise<LifecycleSettings> { return lifecycleSettings.getLifecycleSettings(this.ctx); }
  saveLifecycleSettings(settings: LifecycleSettingsInput): Promise<LifecycleSettings> { return lifecycleSettings.saveLifecycleSettings(this.ctx, settings); }
  editStages(objectType: 'contact' | 'company', edit: OptionEdit): Promise<LifecycleSettings> { return lifecycleSettings.editStages(this.ctx, objectType, edit); }
  editLeadStatuses(edit: OptionEdit): Promise<LifecycleSettings> { return lifecycleSettings.editLeadStatuses(this.ctx, edit); }

  // AI scores, scoring.md §10 (service/training.ts)
  trainScore(request: TrainRequest, onProgress?: (progress: TrainingProgress) => void): Promise<TrainedDefinition> { return training.trainScore(this.ctx, request, onProgress); }
  evaluateOnHeldOut(definition: Definition, request: TrainRequest): Promise<TrainingQuality> { return training.evaluateOnHeldOut(this.ctx, definition, request); }

  // Reads (service/reads.ts)
  getScores(recordId: string): Promise<ScoredResult[]> { return reads.getScores(this.ctx, recordId); }
  getHistory(recordId: string, definitionId?: string): Promise<ScoreChange[]> { return reads.getHistory(this.ctx, recordId, definitionId); }
  getDistribution(definitionId: string, options?: { buckets?: number }): Promise<Distribution> { return reads.getDistribution(this.ctx, definitionId, options); }
  queryRecords(query: RecordQuery): Promise<Page<ScoredResult>> { return reads.queryRecords(this.ctx, query); }

  /**
   * Re-scores every record whose nextChangeAt has passed (service/catch-up.ts); each step that
   * passed is recorded at its own instant. Calls made while one runs share it.
   */
  catchUp(): Promise<number> {
    this.catching ??= runCatchUp(this.ctx).finally(() => (this.catching = undefined));
    return this.catching;
  }

  // Subscriptions (service/notifier.ts)
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
