import type { ValidationIssue } from '../model/validate.ts';

/**
 * Thrown by the engine's entry points when a caller hands them a definition that does not validate
 * or that names lists the data does not have: a programming error at the caller's boundary, with
 * every problem listed the way `validateDefinition` lists them.
 */
export class InvalidInputError extends Error {
  readonly code = 'invalid_input';
  readonly issues: ValidationIssue[];

  constructor(what: string, issues: ValidationIssue[]) {
    super(`${what} is not valid:\n${issues.map((issue) => `  ${issue.message}`).join('\n')}`);
    this.name = 'InvalidInputError';
    this.issues = issues;
  }
}
