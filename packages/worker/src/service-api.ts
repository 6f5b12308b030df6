// The worker service's API as the SDK sees it through comlink: types only, so the main thread
// never loads the engine or the store. `service.ts` implements it.
import type { CrmEvent, CrmList, CrmRecord, Dataset } from './model/dataset.ts';
import type { Definition, ObjectType } from './model/definition.ts';
import type { ScoredResult, ScoreResult } from './model/result.ts';
import type { ValidationIssue } from './model/validate.ts';

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
  | { type: 'progress'; progress: Progress };

export type SubscriptionTarget = { recordId: string } | { definitionId: string } | 'all';

export interface ImportReport extends WriteReceipt {
  rows: number;
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
  upsertRecords(records: CrmRecord[]): Promise<WriteReceipt>;
  /** Deletes the records with their events, property history, scores and score history. */
  deleteRecords(ids: string[]): Promise<WriteReceipt>;
  associate(links: AssociationLink[]): Promise<WriteReceipt>;
  dissociate(links: AssociationLink[]): Promise<WriteReceipt>;
  trackEvents(events: CrmEvent[]): Promise<WriteReceipt>;
  saveLists(lists: CrmList[]): Promise<WriteReceipt>;
  importCsv(csv: string, options: { objectType: ObjectType; idColumn?: string }): Promise<ImportReport>;
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

  // Time: re-score every record whose nextChangeAt has passed; returns how many moved.
  catchUp(): Promise<number>;

  // Subscriptions
  subscribe(target: SubscriptionTarget, listener: (notices: ChangeNotice[]) => void): Promise<string>;
  unsubscribe(subscriptionId: string): Promise<void>;

  close(): Promise<void>;
}
