// The contract's data in and out: records, associations, events, lists, CSV and dataset files, and
// time. Each write is one transaction with the re-scoring it causes (the record, and the records
// associated with it; for an association both ends, scoring.md §6.4): all of it is stored or none.
import { method } from './method.ts';
import type { CsvImportOptions, CsvImportReport, CsvImportResult } from '../import/csv.ts';
import type { CrmEvent, CrmList, CrmRecord, Dataset, Properties } from '../model/dataset.ts';
import type { ChangeSource, RefusedChange } from './lifecycle.ts';

export const dataContract = {
  /**
   * Stores records whole, replacing the stored ones with their ids: a property left out is gone
   * (use `updateRecords` to change some properties and keep the rest). Associations are the
   * exception: a record without `associations` keeps the stored ones (they change through
   * `associate` and `dissociate`, or when given; `associations: {}` clears them). A changed
   * `lifecyclestage` or `hs_lead_status` goes through the stage rules with `options.source`
   * (default `api`): a refused backward move keeps the stored value and is listed in the receipt.
   * A new contact created via a form or a subscription (`options.createdVia`) gets its stage from
   * the on-creation automation. Only the records whose data changed, and their neighbours, are
   * re-scored; the whole batch is one transaction. `onProgress` hears how many of the records are
   * stored as the write goes (see `WriteProgress`).
   */
  upsertRecords: method<(records: CrmRecord[], options?: { source?: ChangeSource; createdVia?: string }, onProgress?: (progress: WriteProgress) => void) => Promise<WriteReceipt>>(),
  /**
   * Changes some properties of stored records and keeps everything else: the other properties,
   * the associations, the object type and the creation time. A property set to `null` is removed
   * (`lifecyclestage: null` clears the stage). Stages and lead statuses go through the stage rules
   * as in `upsertRecords`, and the deal automations see the deal's kept associations (a deal moved
   * to closed won makes its contacts customers). A patch naming a record that is not stored
   * refuses the whole batch (`not_found`); one transaction, re-scoring what changed.
   */
  updateRecords: method<(patches: RecordPatch[], options?: { source?: ChangeSource }) => Promise<WriteReceipt>>(),
  /** Deletes the records with their events, property history, scores and score history. */
  deleteRecords: method<(ids: string[]) => Promise<WriteReceipt>>(),
  associate: method<(links: AssociationLink[]) => Promise<WriteReceipt>>(),
  dissociate: method<(links: AssociationLink[]) => Promise<WriteReceipt>>(),
  /**
   * Stores events, all or nothing; an event id its contact already has replaces that event. Re-scores
   * the contacts whose events changed and their neighbours. `onProgress` hears how many are stored.
   */
  trackEvents: method<(events: CrmEvent[], onProgress?: (progress: WriteProgress) => void) => Promise<WriteReceipt>>(),
  saveLists: method<(lists: CrmList[]) => Promise<WriteReceipt>>(),
  /**
   * Imports a CRM's CSV export, as text or as the file's bytes (UTF-8, UTF-16 with a byte order
   * mark, or Windows-1252), with its stages, their history and its associations when it is a
   * HubSpot, Salesforce or Zoho export; custom stages and lead statuses of the saved settings may
   * be named by label. Refused whole (`invalid_input`, each problem with its line) when the file's
   * structure is wrong; cells that cannot be read are left out and listed in `unreadable`.
   * `onProgress` hears how much of what the file holds is stored, as `importDataset` reports it.
   */
  importCsv: method<(csv: string | Uint8Array | ArrayBuffer, options?: ImportCsvOptions, onProgress?: (progress: WriteProgress) => void) => Promise<ImportReport>>(),
  /**
   * Reads a CSV export exactly as `importCsv` would, with the saved lifecycle settings, and stores
   * nothing: the dataset it would import and the report (columns, types, mapping, unreadable cells),
   * or the problems with their lines. What an import's mapping step shows before the import.
   */
  readCsv: method<(csv: string | Uint8Array | ArrayBuffer, options?: ImportCsvOptions) => Promise<CsvImportResult>>(),
  /**
   * Stores a whole dataset (formats.md §2) in one transaction: all of it or, when anything is
   * refused, none of it. `onProgress` hears how many of its records, events and property changes
   * are stored as the import goes.
   */
  importDataset: method<(dataset: Dataset, onProgress?: (progress: WriteProgress) => void) => Promise<WriteReceipt>>(),
  /**
   * The stored dataset. Each record carries its current scores as properties (`<definitionId>`,
   * `.engagement`, `.fit`, `.label`; decision D25), so a definition that reads another one scores
   * on the export in the command line.
   */
  exportDataset: method<() => Promise<Dataset>>(),
  /**
   * Re-scores every record whose nextChangeAt has passed, and runs the time rules that came due;
   * each step that passed is recorded at its own instant. Returns how many scores moved.
   */
  catchUp: method<() => Promise<number>>(),
};
export type DataApi = typeof dataContract;

/** The properties to change on one stored record; `null` removes a property. */
export interface RecordPatch {
  id: string;
  properties: Properties;
}

/** An association between two records; `primary` marks a contact's (or deal's) primary company. */
export interface AssociationLink {
  from: string;
  to: string;
  primary?: boolean;
}

/**
 * How far a long write is: `done` of its `total` items (records, events and property changes) are
 * written into its transaction. Reported as the write goes, `done` never going back, the last
 * report with `done` equal to `total`; the write is stored once its promise resolves (a write that
 * fails after its last report stores nothing, like any other).
 */
export interface WriteProgress {
  done: number;
  total: number;
}

/** What a write changed: the records it touched and the scores it moved. */
export interface WriteReceipt {
  written: number;
  rescored: number;
  /** Stage and lead-status changes the write carried that were refused (lifecycle.md §2.2). */
  refused?: RefusedChange[];
}

/** How `importCsv` reads a file (docs/import.md); every option has a default. */
export type ImportCsvOptions = Omit<CsvImportOptions, 'source' | 'lifecycle'>;

/** What `importCsv` stored and how it read the file. */
export interface ImportReport extends WriteReceipt, Pick<CsvImportReport, 'format' | 'exportKind' | 'objectType' | 'delimiter' | 'encoding' | 'timezone' | 'rows' | 'history' | 'unreadable'> {
  columns: { name: string; type: string }[];
}
