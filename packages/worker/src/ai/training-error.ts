import { InvalidInputError } from '../engine/errors.ts';

/** scoring.md §10.2: too few samples, with the counts found; or options that cannot train. */
export function trainingError(message: string): InvalidInputError {
  return new InvalidInputError('The training request', [{ path: '', message }]);
}
