// The contract's AI scores (scoring.md §10).
import { method } from './method.ts';
import type { Definition } from '../model/definition.ts';

export const trainingContract = {
  /**
   * Learns an editable definition from the stored contacts, in the worker, with progress; fails
   * with `invalid_input` stating the counts when fewer than 50 contacts, or 25 on a side, are found.
   */
  trainScore: method<(request: TrainRequest, onProgress?: (progress: TrainingProgress) => void) => Promise<TrainedDefinition>>(),
  /** The quality of any (edited) definition on the held-out contacts of a training request. */
  evaluateOnHeldOut: method<(definition: Definition, request: TrainRequest) => Promise<TrainingQuality>>(),
};
export type TrainingApi = typeof trainingContract;

/** What to learn from: the kind of score, which contacts converted, and what never to use. */
export interface TrainRequest {
  kind: 'fit' | 'engagement';
  /** By lifecycle: contacts that reached `end` within `days` of entering `start` converted. */
  start?: string;
  end?: string;
  days?: number;
  /** Or by an outcome property (true, 1 or "Yes"). */
  label?: string;
  /** Properties never used, besides the ones never used anyway (the outcome, identifiers, names, emails, phones, free text). */
  excludeProperties?: string[];
  /** Properties flagged as likely leakage (`excluded` reason `leakage`) to use all the same. */
  keep?: string[];
  /** The held-out split, and so the result, is the same for the same seed (default 42). */
  seed?: number;
  /** At most this many rules (default 25). */
  maxRules?: number;
  id?: string;
  name?: string;
}

export interface LabelQuality {
  label: string;
  records: number;
  converted: number;
  rate: number | null;
}

/** A definition's quality on the held-out contacts of a training request. */
export interface TrainingQuality {
  auc: number;
  labels: LabelQuality[];
}

export interface TrainedDefinition {
  /** An ordinary draft: save, edit, test and activate it like any other. */
  definition: Definition;
  metrics: TrainingQuality & { trainAuc: number; converted: number; notConverted: number; train: number; test: number; rules: number; candidates: number; seed: number };
  /** The properties left out of a fit score and why (docs/training.md); empty for engagement. */
  excluded: ExcludedProperty[];
  request: TrainRequest;
}

/**
 * A property the model did not learn from. `outcome`, `requested`, `identifier`, `name`, `email`,
 * `phone` and `free_text` are never used; `leakage` (it separates the outcome almost perfectly, so
 * it is likely recorded after it) is used only when the request keeps it (`kept: true`).
 */
export interface ExcludedProperty {
  /** As in the data; a primary company's property as `company.<name>`. */
  property: string;
  reason: 'outcome' | 'requested' | 'identifier' | 'name' | 'email' | 'phone' | 'free_text' | 'leakage';
  /** How it was recognised: by its name or by its values. */
  by?: 'name' | 'values';
  /**
   * leakage: the property's own AUC (its values' conversion rates ranking the contacts) and, when
   * one value tripped the check, that value (null: no value) with its contacts and converted.
   */
  leakage?: { auc: number; value?: string | null; contacts?: number; converted?: number };
  kept?: true;
}

export interface TrainingProgress {
  step: string;
  done: number;
  total: number;
}
