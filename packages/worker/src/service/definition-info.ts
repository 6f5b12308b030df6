import type { Definition } from '../model/definition.ts';
import { toIso } from '../model/time.ts';
import { validateDefinition } from '../model/validate.ts';
import type { DefinitionInfo } from '../contract/index.ts';
import type { DefinitionRow } from '../store/schema.ts';
import { ServiceError } from './service-error.ts';

/** A definition as every method takes it: validated, or refused with every issue's path. */
export function validated(definition: Definition): Definition {
  const checked = validateDefinition(definition);
  if (!checked.ok) {
    throw new ServiceError({ code: 'invalid_input', message: `the definition is not valid: ${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'}`, issues: checked.issues });
  }
  return checked.value;
}

/** A stored definition version as the API shows it. */
export function infoOf(row: DefinitionRow): DefinitionInfo {
  return {
    id: row.id,
    name: row.definition.name,
    objectType: row.definition.objectType,
    kind: row.definition.kind,
    status: row.status,
    version: row.version,
    updatedAt: toIso(row.updatedAt),
    definition: row.definition,
  };
}
