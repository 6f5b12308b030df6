import type { ValidationIssue } from '@leadscore/sdk';
import { defineMessages } from '@leadscore/widgets';

const rejected = defineMessages({ rejected: 'Rejected' }, { da: { rejected: 'Afvist' } });

/** The message of an error from the client, with its validation issues (in the element's language where it has none of its own). */
export function errorText(error: unknown, at: Element = document.documentElement): string {
  const data = error as { message?: string; issues?: ValidationIssue[] };
  const issues = data.issues?.map((issue) => issue.message).join('; ');
  return issues ? `${data.message ?? rejected(at)('rejected')}: ${issues}` : (data.message ?? String(error));
}
