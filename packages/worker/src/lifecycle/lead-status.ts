import type { LifecycleOption } from './stages.ts';

/** The default lead-status values (lifecycle.md §5.1): sub-stages of a sales qualified lead. */
export const standardLeadStatusIds = [
  'NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING',
] as const;

const labels: Record<(typeof standardLeadStatusIds)[number], string> = {
  NEW: 'New',
  OPEN: 'Open',
  IN_PROGRESS: 'In progress',
  OPEN_DEAL: 'Open deal',
  UNQUALIFIED: 'Unqualified',
  ATTEMPTED_TO_CONTACT: 'Attempted to contact',
  CONNECTED: 'Connected',
  BAD_TIMING: 'Bad timing',
};

export function defaultLeadStatuses(): LifecycleOption[] {
  return standardLeadStatusIds.map((id) => ({ id, label: labels[id] }));
}
