import { z } from 'zod';

/** Who made a change (lifecycle.md §2.1). */
export const changeSources = ['manual', 'import', 'form', 'api', 'integration', 'workflow', 'system'] as const;
export const changeSourceSchema = z.enum(changeSources);
export type ChangeSource = z.infer<typeof changeSourceSchema>;

/**
 * Only a person may move a stage backward (§2.2–2.3). A history entry whose source is none of the
 * seven counts as automatic too (decision L3): an unknown tool never gets a person's rights.
 */
export function isAutomatic(source: string): boolean {
  return source !== 'manual';
}
