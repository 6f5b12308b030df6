import type { ErrorCode, ErrorData, ItemProblem } from '../contract/index.ts';
import { InvalidInputError } from '../engine/errors.ts';
import type { ValidationIssue } from '../model/validate.ts';

/** The service's one error type: a code, a sentence, and the problems behind it. */
export class ServiceError extends Error implements ErrorData {
  readonly code: ErrorCode;
  readonly issues?: ValidationIssue[];
  readonly items?: ItemProblem[];

  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'ServiceError';
    this.code = data.code;
    if (data.issues) this.issues = data.issues;
    if (data.items) this.items = data.items;
  }
}

/** Any failure as error data that survives structured cloning (comlink copies only plain fields). */
export function toErrorData(error: unknown): ErrorData {
  if (error instanceof ServiceError) {
    return { code: error.code, message: error.message, issues: error.issues, items: error.items };
  }
  const candidate = error as Partial<ErrorData> | null;
  if (candidate && typeof candidate.code === 'string' && typeof candidate.message === 'string') {
    return { code: candidate.code as ErrorCode, message: candidate.message, issues: candidate.issues, items: candidate.items };
  }
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return { code: 'quota_exceeded', message: 'the browser refused to store more data (storage quota exceeded)' };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * A call's input refused at one place: `path` names it as the contract names the argument
 * (`options.asOf`, `changes[2].source`), and `detail` says what is wrong there, after the path.
 */
export function invalidAt(path: string, detail: string): ServiceError {
  const message = `${path} ${detail}`;
  return new ServiceError({ code: 'invalid_input', message, issues: [{ path, message }] });
}

/** A value of the input as JSON, for a message; what JSON cannot write (a BigInt, a cycle) by its kind. */
export function quoted(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `a ${typeof value}`;
  }
}

/** The engine's refusal of a request (InvalidInputError) as the service's `invalid_input`; any other error as it is. */
export function asServiceError(error: unknown): unknown {
  if (!(error instanceof InvalidInputError)) return error;
  return new ServiceError({ code: 'invalid_input', message: error.issues.map((issue) => issue.message).join('; '), issues: error.issues });
}
