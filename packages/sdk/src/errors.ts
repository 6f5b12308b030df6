import type { ErrorCode as ServiceErrorCode, ErrorData, ItemProblem, ValidationIssue } from '@leadscore/worker';

/**
 * Every code a LeadscoreError carries: the service's, and `load_failed` when a script of the SDK
 * could not be loaded or started (the scoring worker, or the SDK behind the embed snippet).
 */
export type ErrorCode = ServiceErrorCode | 'load_failed';

/**
 * The one error the client throws. `code` says what kind of failure it is; `issues` lists the
 * validation problems (each with its JSON path) and `items` the offending items of a rejected batch.
 */
export class LeadscoreError extends Error {
  readonly code: ErrorCode;
  readonly issues: ValidationIssue[];
  readonly items: ItemProblem[];

  constructor(data: Omit<ErrorData, 'code'> & { code: ErrorCode }) {
    super(data.message);
    this.name = 'LeadscoreError';
    this.code = data.code;
    this.issues = data.issues ?? [];
    this.items = data.items ?? [];
  }
}

const codes: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid_input', 'quota_exceeded', 'not_found', 'conflict', 'closed', 'blocked', 'worker_crashed', 'internal', 'load_failed',
]);

/** What a call rejected with, as a LeadscoreError: the worker's error data survives comlink as fields. */
export function toLeadscoreError(error: unknown): LeadscoreError {
  if (error instanceof LeadscoreError) return error;
  const data = (typeof error === 'object' && error !== null ? error : {}) as Partial<ErrorData>;
  const code = typeof data.code === 'string' && codes.has(data.code) ? data.code : 'internal';
  const message = typeof data.message === 'string' ? data.message : String(error);
  return new LeadscoreError({ code, message, issues: data.issues, items: data.items });
}

/** The scoring worker at `source` did not start; `detail` says what the browser reported. */
export function workerStartError(source: string, detail: string): LeadscoreError {
  return new LeadscoreError({ code: 'load_failed', message: `Leadscore's scoring worker could not start from ${source}: ${detail}` });
}
