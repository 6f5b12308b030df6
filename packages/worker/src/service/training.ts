import { heldOutSamples, evaluateOn, trainDefinition } from '../ai/train.ts';
import type { Definition } from '../model/definition.ts';
import type { TrainedDefinition, TrainingApi, TrainingProgress, TrainingQuality, TrainRequest } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { asServiceError } from './service-error.ts';

export const trainingHandlers: Handlers<TrainingApi> = { trainScore, evaluateOnHeldOut };

/** scoring.md §10 in the worker: learns from the stored contacts; the page stays responsive. */
export async function trainScore(ctx: ServiceContext, request: TrainRequest, onProgress?: (progress: TrainingProgress) => void): Promise<TrainedDefinition> {
  const [dataset, settings] = await Promise.all([ctx.opened().loadDataset(), getLifecycleSettings(ctx)]);
  // A listener in the page is called through a port of its own: the answer waits for its last
  // report, or the page could hear the answer first (as a write does, write-progress.ts).
  let told: Promise<unknown> = Promise.resolve();
  try {
    const result = trainDefinition(dataset, { ...request, asOf: ctx.now(), settings }, (progress) => {
      try {
        told = Promise.resolve(onProgress?.(progress)).catch(() => undefined);
      } catch {
        // A caller's progress callback must not stop the training.
      }
    });
    await told;
    return { ...result, request };
  } catch (error) {
    throw asServiceError(error);
  }
}

export async function evaluateOnHeldOut(ctx: ServiceContext, definition: Definition, request: TrainRequest): Promise<TrainingQuality> {
  const [dataset, settings] = await Promise.all([ctx.opened().loadDataset(), getLifecycleSettings(ctx)]);
  try {
    return evaluateOn(definition, dataset, heldOutSamples(dataset, { ...request, asOf: ctx.now(), settings }));
  } catch (error) {
    throw asServiceError(error);
  }
}
