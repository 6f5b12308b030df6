import { z } from 'zod';
import { propertiesSchema, type CrmRecord } from './dataset.ts';
import { validate, type Validation } from './validate.ts';

/**
 * A partial update of one stored record: the properties to set, `null` to remove one. Only
 * properties: associations change through their own calls, and a record's id, type and creation
 * time are what identify it.
 */
export const recordPatchSchema = z.strictObject({
  id: z.string().min(1),
  properties: propertiesSchema,
});
export type RecordPatch = z.infer<typeof recordPatchSchema>;

const batchSchema = z.strictObject({ patches: z.array(recordPatchSchema) });

/** A batch of patches checked with the model's messages: `patches[1].properties.amount must be …`. */
export function validatePatches(patches: unknown): Validation<RecordPatch[]> {
  const checked = validate(batchSchema, { patches }, 'the patches');
  return checked.ok ? { ok: true, value: checked.value.patches } : checked;
}

/**
 * The record with the patch applied: its properties set, those patched to `null` removed, all else
 * kept. `keepNull` names the properties whose `null` must reach the writer as such (a cleared
 * stage is a change the lifecycle records, not a missing property).
 */
export function applyPatch(record: CrmRecord, patch: RecordPatch, keepNull: readonly string[]): CrmRecord {
  const properties = { ...record.properties, ...patch.properties };
  for (const [name, value] of Object.entries(patch.properties)) if (value === null && !keepNull.includes(name)) delete properties[name];
  return { ...record, properties };
}
