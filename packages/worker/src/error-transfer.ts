import { transferHandlers } from 'comlink';
import { toErrorData } from './service/service-error.ts';

/**
 * Comlink copies only `message`, `name` and `stack` of a thrown Error; this keeps the error's
 * `code`, `issues` and `items`, which the SDK turns back into a LeadscoreError.
 */
const original = transferHandlers.get('throw')!;

transferHandlers.set('throw', {
  canHandle: original.canHandle,
  serialize(thrown: unknown) {
    const { value } = thrown as { value: unknown };
    return [{ isError: true, value: { name: 'LeadscoreError', ...toErrorData(value) } }, []];
  },
  deserialize: original.deserialize,
});
