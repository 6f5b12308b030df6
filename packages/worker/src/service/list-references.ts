import { indexDataset } from '../engine/evaluate.ts';
import { InvalidInputError } from '../engine/errors.ts';
import type { CrmList } from '../model/dataset.ts';
import type { Definition } from '../model/definition.ts';
import type { ServiceContext } from './context.ts';
import { ServiceError } from './service-error.ts';

/**
 * Decision D16 before anything is stored: every list an active definition names exists and holds
 * the right records, and no list refers to itself. A definition that cannot score would make every
 * later write fail.
 */
export function checkReferences(ctx: ServiceContext, definitions: readonly Definition[], lists: CrmList[]): void {
  const index = indexDataset({ records: [], lists });
  for (const definition of definitions) {
    try {
      ctx.compile(definition).scoreAll(index, { asOf: ctx.now(), recordIds: [] });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      throw new ServiceError({
        code: 'invalid_input',
        message: `the definition "${definition.id}" cannot score with these lists: ${error.issues.map((issue) => issue.message).join('; ')}`,
        issues: error.issues,
      });
    }
  }
}
