// The contract's definitions (scoring.md §9): drafts, tests and previews, activation, versions.
import { method } from './method.ts';
import type { Definition, ObjectType } from '../model/definition.ts';
import type { DefinitionDiff } from '../model/definition-diff.ts';
import type { ScoreResult } from '../model/result.ts';
import type { Distribution } from './reads.ts';

export const definitionsContract = {
  saveDraft: method<(definition: Definition) => Promise<DefinitionInfo>>(),
  testDraft: method<(definition: Definition, recordIds: string[], asOf?: string) => Promise<ScoreResult[]>>(),
  /**
   * The distribution `definition` would have on the stored data, nothing stored: scored without
   * explanations on the index the worker keeps warm, with progress as chunks finish. A newer
   * preview of the same definition id aborts this one, which rejects (`conflict`) and reports
   * nothing more: a builder previews on every edit and hears only the latest.
   */
  previewDistribution: method<(definition: Definition, options?: PreviewOptions, onProgress?: (progress: Progress) => void) => Promise<Distribution>>(),
  /**
   * Activates the latest version and re-scores every record of its type retroactively, in batches
   * of their own transactions, with progress. The version is active from the start, so writes made
   * meanwhile keep its scores current; if the re-score is interrupted, calling `activate` again
   * finishes it, and so does the next `open` of the database (D21). Refused (`invalid_input`) when
   * the definition names a list the data lacks (D16).
   *
   * With `backfill`, first fills in the score history the definition would have had over the days
   * before (docs/score-history.md): written in one transaction before the re-score,
   * finished on the next `open` when the page closed before it, never half written. Refused
   * (`conflict`) when the definition has a score history already.
   */
  activate: method<(definitionId: string, onProgress?: (progress: Progress) => void, options?: ActivateOptions) => Promise<DefinitionInfo>>(),
  /**
   * Saves `definition` as the next version of an active definition and re-scores under it (§9.3);
   * `not_found` when the definition is not active. The same definition again adds no version.
   */
  updateActive: method<(definition: Definition, onProgress?: (progress: Progress) => void) => Promise<DefinitionInfo>>(),
  /**
   * Stops keeping the definition's scores and removes them; their history stays. Refused
   * (`conflict`, naming them) while an active definition, a list or a lifecycle rule reads its
   * score (`getUsage`), unless `force`: what reads it is then re-scored without it.
   */
  deactivate: method<(definitionId: string, options?: { force?: boolean }) => Promise<DefinitionInfo>>(),
  /**
   * Removes every version, the scores and their history. Refused (`conflict`) while anything reads
   * its score, drafts included, unless `force`.
   */
  deleteDefinition: method<(definitionId: string, options?: { force?: boolean }) => Promise<void>>(),
  /**
   * "Used in": what reads the definition's score properties (`<id>`, `<id>.engagement`,
   * `<id>.fit`, `<id>.label`): other definitions (their active or latest version), dynamic lists
   * and lifecycle score rules. Empty for a definition nothing reads, or none at all.
   */
  getUsage: method<(definitionId: string) => Promise<DefinitionUsage[]>>(),
  listDefinitions: method<() => Promise<DefinitionInfo[]>>(),
  /**
   * Every stored version of a definition, oldest first, with when each was active. A draft being
   * edited is one version (saving it again keeps its number); activating, updating or restoring
   * starts the next. `not_found` when the definition has no version.
   */
  listVersions: method<(definitionId: string) => Promise<DefinitionVersion[]>>(),
  /** One stored version; `not_found` when the definition has no such version. */
  getVersion: method<(definitionId: string, version: number) => Promise<DefinitionVersion>>(),
  /**
   * What changed from version `from` to version `to` (default: the latest), rule by rule: the
   * diff `leadscore diff` prints (`diffDefinitions`).
   */
  diffVersions: method<(definitionId: string, from: number, to?: number) => Promise<DefinitionDiff>>(),
  /**
   * Saves an earlier version's definition as a new draft numbered after the latest version, so
   * nothing saved is overwritten (a draft being edited stays as its own version); test, preview
   * and activate it like any draft. When the latest version already holds that definition, none
   * is added and the latest is returned.
   */
  restoreVersion: method<(definitionId: string, version: number) => Promise<DefinitionInfo>>(),
};
export type DefinitionsApi = typeof definitionsContract;

export type DefinitionStatus = 'draft' | 'active' | 'inactive';

export interface DefinitionInfo {
  id: string;
  name: string;
  objectType: ObjectType;
  kind: Definition['kind'];
  status: DefinitionStatus;
  /** Increases with every saved change; scores record the version they were computed with. */
  version: number;
  updatedAt: string;
  definition: Definition;
}

/** One stored version of a definition, as `listVersions` and `getVersion` show it. */
export interface DefinitionVersion {
  id: string;
  version: number;
  status: DefinitionStatus;
  definition: Definition;
  /** ISO-8601 instants: when the version was first saved, and its last change of status. */
  createdAt: string;
  updatedAt: string;
  /**
   * When the version was active, oldest first: from its activation (`activate`, `updateActive`)
   * until another version was activated or the definition deactivated; `to` is null while it is
   * active. Empty for a version never activated. `getScores` with `asOf` scores with the version
   * whose period holds that instant.
   */
  activePeriods: { from: string; to: string | null }[];
}

/** One thing that reads a definition's score. */
export interface DefinitionUsage {
  kind: 'definition' | 'list' | 'lifecycleRule';
  id: string;
  /** The definition's or list's name (the id when a list has none); a lifecycle rule's id. */
  name: string;
  /** A reading definition's status: a draft reads it once activated. */
  status?: DefinitionStatus;
}

export interface PreviewOptions {
  /** How many equal-width buckets (1 to 1000, default 20). */
  buckets?: number;
  /** The instant scored as of (ISO-8601), default now. */
  asOf?: string;
}

export interface Progress {
  definitionId: string;
  done: number;
  total: number;
  /** `backfill` while an activation fills in the history (`done` and `total` count days); absent while it scores records. */
  step?: 'backfill';
}

export interface ActivateOptions {
  /** Fill in the score history of the last `days` days (a whole number from 1 to 365, default 90) at daily steps. */
  backfill?: { days?: number };
}
