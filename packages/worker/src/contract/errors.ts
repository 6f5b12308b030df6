// The errors of the page↔worker contract: every failure crosses the boundary as one of these.
import type { ValidationIssue } from '../model/validate.ts';

/** Every error the service reports carries one of these codes. */
export type ErrorCode =
  | 'invalid_input'
  | 'quota_exceeded'
  | 'not_found'
  | 'conflict'
  | 'closed'
  /** The database could not be opened: an upgrade waits for another tab that holds it open at an older version. */
  | 'blocked'
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
