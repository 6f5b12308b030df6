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
  excludeProperties?: string[];
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
  request: TrainRequest;
}

export interface TrainingProgress {
  step: string;
  done: number;
  total: number;
}
