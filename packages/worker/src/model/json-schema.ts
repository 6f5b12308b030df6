import { z } from 'zod';
import { datasetSchema } from './dataset.ts';
import { definitionSchema } from './definition.ts';
import { scoreResultSchema } from './result.ts';

const schemas = { definition: definitionSchema, dataset: datasetSchema, result: scoreResultSchema };
export type SchemaName = keyof typeof schemas;
export const schemaNames = Object.keys(schemas) as SchemaName[];

/**
 * JSON Schema (draft 2020-12) of a format, generated from the zod schema so the two never drift.
 * Cross-field rules (decay vs. timeframe and the like) are not expressible there; `leadscore
 * validate` checks them.
 */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  return z.toJSONSchema(schemas[name], { io: 'input', unrepresentable: 'any', cycles: 'ref' }) as Record<string, unknown>;
}
