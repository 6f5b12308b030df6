import type { ValidationIssue } from '../model/validate.ts';

/** Why a store operation failed; the SDK maps these onto its own error codes. */
export type StoreErrorCode = 'invalid_input' | 'quota_exceeded' | 'closed' | 'blocked' | 'not_found' | 'internal';

/** One item of a batch that was refused, by its position in the batch and, when it has one, its id. */
export interface StoreErrorItem {
  index: number;
  id?: string;
  message: string;
}

/**
 * The one error the store throws. A write that throws it stored nothing of its batch: validation
 * runs before the transaction opens, and any later failure aborts the transaction.
 */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly items: StoreErrorItem[] | undefined;
  /** A refused batch's validation issues, each at its path (`records[3].id`). */
  readonly issues: ValidationIssue[] | undefined;

  constructor(code: StoreErrorCode, message: string, options: { items?: StoreErrorItem[]; issues?: ValidationIssue[]; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StoreError';
    this.code = code;
    this.items = options.items;
    this.issues = options.issues;
  }
}

/**
 * The store's reading of what IndexedDB threw. `doing` says what was being attempted
 * ("records.put of 3 records") so the message names the batch as well as the cause.
 */
export function toStoreError(error: unknown, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  switch (name) {
    case 'QuotaExceededError':
      return new StoreError('quota_exceeded',
        `${doing} was not stored: the browser's storage quota for this site is used up (${detail}). Nothing of the batch was written; free space or ask for persistent storage, then retry.`,
        { cause: error });
    case 'InvalidStateError':
      return new StoreError('closed', `${doing} failed: the database is closed (${detail}). Open the store again.`, { cause: error });
    case 'VersionError':
      return new StoreError('internal', `${doing} failed: the database was written by a newer version of Leadscore than this one (${detail}). Load the newer version.`, { cause: error });
    case 'TransactionInactiveError':
      // A request made while the transaction waits on something other than IndexedDB.
      return new StoreError('internal',
        `${doing} failed: the transaction had already committed (${detail}). Inside store.transaction, await only store calls.`,
        { cause: error });
    default:
      return new StoreError('internal', `${doing} failed: ${name ? `${name}: ` : ''}${detail}. Nothing of the batch was written.`, { cause: error });
  }
}
