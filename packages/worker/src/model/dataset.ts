import { z } from 'zod';
import { conditionSchema } from './condition.ts';
import { checkDataset } from './dataset-checks.ts';
import { idText } from './input-limits.ts';
import { isObject } from './report.ts';
import { objectTypeSchema } from './definition.ts';
import { instantSchema } from './time.ts';

/** A property's value; arrays are multi-valued enumerations. null means "no value". */
export const propertyValueSchema = z.union(
  [z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number()]))],
  { error: 'must be text, a number, true/false, null or a list of text and numbers' },
);
export type PropertyValue = z.infer<typeof propertyValueSchema>;

export const propertiesSchema = z.record(z.string(), propertyValueSchema);
export type Properties = z.infer<typeof propertiesSchema>;

/** Associations are declared on either end and are symmetric (formats.md §2). */
export const associationsSchema = z.strictObject({
  companies: z.array(idText()).optional(),
  primaryCompany: idText().optional(),
  contacts: z.array(idText()).optional(),
  deals: z.array(idText()).optional(),
});
export type Associations = z.infer<typeof associationsSchema>;

export const recordSchema = z.strictObject({
  id: idText(),
  objectType: objectTypeSchema,
  createdAt: instantSchema.optional(),
  properties: propertiesSchema.optional(),
  associations: associationsSchema.optional(),
});
export type CrmRecord = z.infer<typeof recordSchema>;

/** Events reference contacts (formats.md §2); their types are open strings. */
export const eventSchema = z.strictObject({
  id: idText(),
  recordId: idText(),
  type: idText(),
  occurredAt: instantSchema,
  properties: propertiesSchema.optional(),
});
export type CrmEvent = z.infer<typeof eventSchema>;

/** A static list names its records; a dynamic list has a condition evaluated at `asOf` (§7.2). */
export const listSchema = z.strictObject({
  id: idText(),
  name: z.string().optional(),
  objectType: objectTypeSchema,
  recordIds: z.array(idText()).optional(),
  condition: conditionSchema.optional(),
});
export type CrmList = z.infer<typeof listSchema>;

export const propertyChangeSchema = z.strictObject({
  recordId: idText(),
  property: idText(),
  value: propertyValueSchema,
  at: instantSchema,
  source: z.string().optional(),
});
export type PropertyChange = z.infer<typeof propertyChangeSchema>;

export const propertyTypeSchema = z.enum(['string', 'number', 'boolean', 'date', 'datetime', 'enum', 'multi']);
export type PropertyType = z.infer<typeof propertyTypeSchema>;

export const propertyTypesSchema = z.strictObject({
  contact: z.record(z.string(), propertyTypeSchema).optional(),
  company: z.record(z.string(), propertyTypeSchema).optional(),
  deal: z.record(z.string(), propertyTypeSchema).optional(),
});
export type PropertyTypes = z.infer<typeof propertyTypesSchema>;

export const datasetSchema = z
  .strictObject({
    records: z.array(recordSchema),
    events: z.array(eventSchema).optional(),
    lists: z.array(listSchema).optional(),
    propertyHistory: z.array(propertyChangeSchema).optional(),
    propertyTypes: propertyTypesSchema.optional(),
  })
  // The cross-field checks also run when fields have problems, so one pass reports everything;
  // not on what is no object at all, which the shape's one message covers.
  .superRefine(checkDataset, { when: ({ value }) => isObject(value) });

export type Dataset = z.infer<typeof datasetSchema>;
