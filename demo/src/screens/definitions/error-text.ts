import type { ValidationIssue } from '@leadscore/sdk';

/** The message of an error from the client, with its validation issues. */
export function errorText(error: unknown): string {
  const data = error as { message?: string; issues?: ValidationIssue[] };
  const issues = data.issues?.map((issue) => issue.message).join('; ');
  return issues ? `${data.message ?? 'Rejected'}: ${issues}` : (data.message ?? String(error));
}
