// The worker service's API as the SDK sees it through comlink: types only, so the main thread
// never loads the engine or the store. `service.ts` implements it.
import type { CrmEvent, CrmList, CrmRecord, Dataset } from './model/dataset.ts';
import type { Definition, ObjectType } from './model/definition.ts';
import type { ScoredResult, ScoreResult } from './model/result.ts';
import type { ValidationIssue } from './model/validate.ts';
import type { LifecycleSettings, LifecycleSettingsInput } from './lifecycle/settings.ts';
import type { CsvImportOptions, CsvImportReport } from './import/csv.ts';

/** Every error the service reports carries one of these codes. */
export type ErrorCode =
  | 'invalid_input'
  | 'quota_exceeded'
  | 'not_found'
  | 'conflict'
  | 'closed'
  | 'worker_crashed'
  | 'internal';

/** One offending item of a rejected batch. */
export interface ItemProblem {
  /** Position in the batch. */
  index: number;
  id?: string;
  message: string;
}

/** What an error looks like once it has crossed the worker boundary. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  issues?: ValidationIssue[];
  items?: ItemProblem[];
}

/** An association between two records; `primary` marks a contact's (or deal's) primary company. */
export interface AssociationLink {
  from: string;
  to: string;
  primary?: boolean;
}

/** What a write changed: the records it touched and the scores it moved. */
export interface WriteReceipt {
  written: number;
  rescored: number;
  /** Stage and lead-status changes the write carried that were refused (lifecycle.md §2.2). */
  refused?: RefusedChange[];
}

/** How a score was caused to change (scoring.md §9.4). */
export type ChangeCause =
  | { kind: 'event'; ref: string }
  | { kind: 'property'; ref: string }
  | { kind: 'association'; ref: string }
  | { kind: 'list'; ref: string }
  | { kind: 'definition'; ref: string }
  | { kind: 'time' };

export interface ScoreChange {
  definitionId: string;
  recordId: string;
  /** ISO-8601 instant of the change. */
  at: string;
  /** null when the record was out of scope or not scored before. */
  oldValue: number | null;
  newValue: number | null;
  cause: ChangeCause;
}

export type DefinitionStatus = 'draft' | 'active' | 'inactive';

export interface DefinitionInfo {
  id: string;
  name: string;
  objectType: ObjectType;
  kind: Definition['kind'];
  status: DefinitionStatus;
  /** Increases with every saved change; scores record the version they were computed with. */
  version: number;
  updatedAt: string;
  definition: Definition;
}

export interface Distribution {
  definitionId: string;
  scored: number;
  outOfScope: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Equal-width buckets over [min, max] of the score limit: `from` inclusive, `to` exclusive (the last inclusive). */
  buckets: { from: number; to: number; count: number }[];
  /** Records per threshold label (high/medium/low or A1..C3). */
  labels: Record<string, number>;
}

export interface Progress {
  definitionId: string;
  done: number;
  total: number;
}

export interface RecordQuery {
  definitionId: string;
  label?: string;
  min?: number;
  max?: number;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
}

/** What subscribers receive: small notices, never whole datasets. */
export type ChangeNotice =
  | { type: 'score'; definitionId: string; recordId: string; value: number | null; label: string | null }
  | { type: 'record'; recordId: string }
  | { type: 'definition'; definitionId: string; status: DefinitionStatus; version: number }
  | { type: 'progress'; progress: Progress }
  /** A stage or lead-status change, refused ones too (lifecycle.md §4.1). */
  | ({ type: 'lifecycle'; recordId: string } & LifecycleHistoryEntry)
  /** An automation's `emit` action: the host page decides what it means (lifecycle.md §6.4). */
  | ({ type: 'automation' } & AutomationEvent)
  /** The lifecycle settings were saved. */
  | { type: 'lifecycleSettings' };

// ── AI scores (scoring.md §10) ─────────────────────────────────────────────────────────────────

/** What to learn from: the kind of score, which contacts converted, and what never to use. */
export interface TrainRequest {
  kind: 'fit' | 'engagement';
  /** By lifecycle: contacts that reached `end` within `days` of entering `start` converted. */
  start?: string;
  end?: string;
  days?: number;
  /** Or by an outcome property (true, 1 or "Yes"). */
  label?: string;
  excludeProperties?: string[];
  /** The held-out split, and so the result, is the same for the same seed (default 42). */
  seed?: number;
  /** At most this many rules (default 25). */
  maxRules?: number;
  id?: string;
  name?: string;
}

export interface LabelQuality {
  label: string;
  records: number;
  converted: number;
  rate: number | null;
}

/** A definition's quality on the held-out contacts of a training request. */
export interface TrainingQuality {
  auc: number;
  labels: LabelQuality[];
}

export interface TrainedDefinition {
  /** An ordinary draft: save, edit, test and activate it like any other. */
  definition: Definition;
  metrics: TrainingQuality & { trainAuc: number; converted: number; notConverted: number; train: number; test: number; rules: number; candidates: number; seed: number };
  request: TrainRequest;
}

export interface TrainingProgress {
  step: string;
  done: number;
  total: number;
}

// ── Lifecycle (lifecycle.md) ───────────────────────────────────────────────────────────────────

/** Who made a change (lifecycle.md §2.1); only `manual` may move a stage backward. */
export type ChangeSource = 'manual' | 'import' | 'form' | 'api' | 'integration' | 'workflow' | 'system';

export type LifecycleField = 'stage' | 'leadStatus';

/**
 * A change a caller asks for: a stage, a lead status or both; `null` clears. `at` defaults to now
 * and may not be earlier than the record's latest recorded change.
 */
export interface LifecycleChangeRequest {
  recordId: string;
  stage?: string | null;
  leadStatus?: string | null;
  source: ChangeSource;
  at?: string | number;
}

/** One recorded change: old and new value, time, source, and whether it was refused (and why). */
export interface LifecycleHistoryEntry {
  field: LifecycleField;
  oldValue: string | null;
  newValue: string | null;
  /** ISO-8601 instant. */
  at: string;
  source: string;
  refused: boolean;
  reason?: 'backward' | 'unknown_value';
}

/** A change the batch refused, by its place in the batch; the rest of the batch was applied. */
export interface RefusedChange extends LifecycleHistoryEntry {
  index: number;
  recordId: string;
}

export interface LifecycleReceipt {
  /** Changes stored (a request with both fields counts twice). */
  applied: number;
  /** Requests for the value the record already had: nothing recorded. */
  unchanged: number;
  refused: RefusedChange[];
  /** Scores moved by the new stages (and by what automations did in turn). */
  rescored: number;
}

/** lifecycle.md §3 for one stage as of `asOf`; absent values have none yet. */
export interface StageFigures {
  id: string;
  label: string;
  dateEntered?: string;
  dateExited?: string;
  /** Seconds. */
  latestTimeIn?: number;
  cumulativeTimeIn?: number;
  /** Legacy `became_a_<stage>_date`: standard stages only. */
  becameADate?: string;
}

/** A record's lifecycle as of an instant: what a timeline draws. */
export interface RecordLifecycleView {
  recordId: string;
  objectType: 'contact' | 'company';
  asOf: string;
  stage: string | null;
  leadStatus: string | null;
  /** The calculated properties under their formats.md §4 names (`date_entered_lead`, …). */
  properties: Record<string, string | number>;
  /** Every stage of the record's pipeline in order, with its figures. */
  stages: StageFigures[];
  /** Every change up to `asOf`, oldest first, refused ones included. */
  history: LifecycleHistoryEntry[];
}

/** What an automation's `emit` action delivers to the host page. */
export interface AutomationEvent {
  /** Unique per firing (rule, record and the stay or score change it fired for): dedupe by it. */
  id: string;
  ruleId: string;
  recordId: string;
  event: string;
  data?: Record<string, string | number | boolean | null>;
  at: string;
}

/** An edit of a pipeline's stages or of the lead statuses (lifecycle.md §1.2, §5.1). */
export type OptionEdit =
  | { add: { id: string; label: string }; before?: string; after?: string }
  | { rename: string; label: string }
  | { reorder: string[] }
  /** Records holding the removed option move to `replacement` (required when any do: decision L1). */
  | { remove: string; replacement?: string };

export type { LifecycleSettings, LifecycleSettingsInput } from './lifecycle/settings.ts';

export type SubscriptionTarget = { recordId: string } | { definitionId: string } | 'all';

/** How `importCsv` reads a file (docs/import.md); every option has a default. */
export type ImportCsvOptions = Omit<CsvImportOptions, 'source' | 'lifecycle'>;

/** What `importCsv` stored and how it read the file. */
export interface ImportReport extends WriteReceipt, Pick<CsvImportReport, 'format' | 'exportKind' | 'objectType' | 'delimiter' | 'encoding' | 'timezone' | 'rows' | 'history' | 'unreadable'> {
  columns: { name: string; type: string }[];
}

/** The service the worker exposes. Every method validates its input and is one transaction per write. */
export interface LeadscoreServiceApi {
  /**
   * Opens (or creates) the database and catches up on time that passed while it was closed: every
   * decay or timeframe step that passed is recorded in the history at its own instant (cause `time`).
   * An activation a closed page left half done then finishes in the background, with progress
   * notices (decision D21).
   */
  open(options: { dbName: string; lifeLock?: string }): Promise<void>;

  // Data in. Each write is one transaction with the re-scoring it causes (the record, and the
  // records associated with it; for an association both ends, §6.4): all of it is stored or none.
  /**
   * Stores records whole. A changed `lifecyclestage` or `hs_lead_status` goes through the stage
   * rules with `options.source` (default `api`): a refused backward move keeps the stored value and
   * is listed in the receipt. A new contact created via a form or a subscription
   * (`options.createdVia`) gets its stage from the on-creation automation.
   */
  upsertRecords(records: CrmRecord[], options?: { source?: ChangeSource; createdVia?: string }): Promise<WriteReceipt>;
  /** Deletes the records with their events, property history, scores and score history. */
  deleteRecords(ids: string[]): Promise<WriteReceipt>;
  associate(links: AssociationLink[]): Promise<WriteReceipt>;
  dissociate(links: AssociationLink[]): Promise<WriteReceipt>;
  trackEvents(events: CrmEvent[]): Promise<WriteReceipt>;
  saveLists(lists: CrmList[]): Promise<WriteReceipt>;
  /**
   * Imports a CRM's CSV export, as text or as the file's bytes (UTF-8, UTF-16 with a byte order
   * mark, or Windows-1252), with its stages, their history and its associations when it is a
   * HubSpot, Salesforce or Zoho export; custom stages and lead statuses of the saved settings may
   * be named by label. Refused whole (`invalid_input`, each problem with its line) when the file's
   * structure is wrong; cells that cannot be read are left out and listed in `unreadable`.
   */
  importCsv(csv: string | Uint8Array | ArrayBuffer, options?: ImportCsvOptions): Promise<ImportReport>;
  importDataset(dataset: Dataset): Promise<WriteReceipt>;
  exportDataset(): Promise<Dataset>;

  // Definitions (scoring.md §9)
  saveDraft(definition: Definition): Promise<DefinitionInfo>;
  testDraft(definition: Definition, recordIds: string[], asOf?: string): Promise<ScoreResult[]>;
  previewDistribution(definition: Definition, options?: { buckets?: number; asOf?: string }): Promise<Distribution>;
  /**
   * Activates the latest version and re-scores every record of its type retroactively, in batches
   * of their own transactions, with progress. The version is active from the start, so writes made
   * meanwhile keep its scores current; if the re-score is interrupted, calling `activate` again
   * finishes it, and so does the next `open` of the database (D21). Refused (`invalid_input`) when the definition names a list the data lacks (D16).
   */
  activate(definitionId: string, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo>;
  /**
   * Saves `definition` as the next version of an active definition and re-scores under it (§9.3);
   * `not_found` when the definition is not active. The same definition again adds no version.
   */
  updateActive(definition: Definition, onProgress?: (progress: Progress) => void): Promise<DefinitionInfo>;
  /** Stops keeping the definition's scores and removes them; their history stays. */
  deactivate(definitionId: string): Promise<DefinitionInfo>;
  /** Removes every version, the scores and their history. */
  deleteDefinition(definitionId: string): Promise<void>;
  listDefinitions(): Promise<DefinitionInfo[]>;

  // Reads
  getScores(recordId: string): Promise<ScoredResult[]>;
  getHistory(recordId: string, definitionId?: string): Promise<ScoreChange[]>;
  getDistribution(definitionId: string, options?: { buckets?: number }): Promise<Distribution>;
  queryRecords(query: RecordQuery): Promise<Page<ScoredResult>>;

  // Lifecycle (lifecycle.md)
  /**
   * Sets or clears stages and lead statuses, in order. A backward move from an automatic source is
   * refused, recorded as refused and listed in the receipt; the rest of the batch is applied
   * (§2.2). An unknown record, a deal, or a stage the pipeline lacks rejects the whole batch.
   */
  setLifecycle(changes: LifecycleChangeRequest[]): Promise<LifecycleReceipt>;
  /** A record's stage, lead status, calculated properties and history as of `asOf` (default now). */
  getLifecycle(recordId: string, asOf?: string | number): Promise<RecordLifecycleView>;
  getLifecycleSettings(): Promise<LifecycleSettings>;
  /** Saves validated settings whole; removing a stage or status records hold needs `editStages`. */
  saveLifecycleSettings(settings: LifecycleSettingsInput): Promise<LifecycleSettings>;
  /** Adds, renames, reorders or removes a stage of one pipeline, moving records off a removed one. */
  editStages(objectType: 'contact' | 'company', edit: OptionEdit): Promise<LifecycleSettings>;
  editLeadStatuses(edit: OptionEdit): Promise<LifecycleSettings>;

  // AI scores (scoring.md §10)
  /**
   * Learns an editable definition from the stored contacts, in the worker, with progress; fails
   * with `invalid_input` stating the counts when fewer than 50 contacts, or 25 on a side, are found.
   */
  trainScore(request: TrainRequest, onProgress?: (progress: TrainingProgress) => void): Promise<TrainedDefinition>;
  /** The quality of any (edited) definition on the held-out contacts of a training request. */
  evaluateOnHeldOut(definition: Definition, request: TrainRequest): Promise<TrainingQuality>;

  // Time: re-score every record whose nextChangeAt has passed, and run the time rules that came
  // due; returns how many scores moved.
  catchUp(): Promise<number>;

  // Subscriptions
  subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string>;
  unsubscribe(subscriptionId: string): Promise<void>;

  close(): Promise<void>;
}
