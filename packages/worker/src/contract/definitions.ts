// The contract's definitions (scoring.md §9): drafts, tests and previews, activation, versions.
import { method } from './method.ts';
import type { Definition, ObjectType } from '../model/definition.ts';
import type { ScoreResult } from '../model/result.ts';
import type { Distribution } from './reads.ts';

export const definitionsContract = {
  saveDraft: method<(definition: Definition) => Promise<DefinitionInfo>>(),
  testDraft: method<(definition: Definition, recordIds: string[], asOf?: string) => Promise<ScoreResult[]>>(),
  previewDistribution: method<(definition: Definition, options?: { buckets?: number; asOf?: string }) => Promise<Distribution>>(),
  /**
   * Activates the latest version and re-scores every record of its type retroactively, in batches
   * of their own transactions, with progress. The version is active from the start, so writes made
   * meanwhile keep its scores current; if the re-score is interrupted, calling `activate` again
   * finishes it, and so does the next `open` of the database (D21). Refused (`invalid_input`) when
   * the definition names a list the data lacks (D16).
   */
  activate: method<(definitionId: string, onProgress?: (progress: Progress) => void) => Promise<DefinitionInfo>>(),
  /**
   * Saves `definition` as the next version of an active definition and re-scores under it (§9.3);
   * `not_found` when the definition is not active. The same definition again adds no version.
   */
  updateActive: method<(definition: Definition, onProgress?: (progress: Progress) => void) => Promise<DefinitionInfo>>(),
  /** Stops keeping the definition's scores and removes them; their history stays. */
  deactivate: method<(definitionId: string) => Promise<DefinitionInfo>>(),
  /** Removes every version, the scores and their history. */
  deleteDefinition: method<(definitionId: string) => Promise<void>>(),
  listDefinitions: method<() => Promise<DefinitionInfo[]>>(),
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

export interface Progress {
  definitionId: string;
  done: number;
  total: number;
}
