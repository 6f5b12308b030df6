// Validation issues where they belong: an issue's path (`groups[1].rules[0].points`) says which
// field, card or rule it is about, and its message starts with that path.
import { html, nothing } from 'lit';
import type { ValidationIssue } from '@leadscore/sdk';

/** The messages of the issues at `prefix` (or under it), the prefix left out where they start with it. */
export function problemsAt(issues: ValidationIssue[], prefix: string, exact = false): string[] {
  return issues
    .filter((issue) => (exact ? issue.path === prefix : issue.path === prefix || issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`)))
    .map((issue) => (issue.message.startsWith(`${prefix}.`) ? issue.message.slice(prefix.length + 1) : issue.message));
}

/** The issues of one field, next to it. */
export function issueFor(issues: ValidationIssue[], path: string) {
  const own = problemsAt(issues, path, true);
  return own.length ? html`<span class="issue" data-testid="field-issue" data-path=${path}>${own.join('; ')}</span>` : nothing;
}
