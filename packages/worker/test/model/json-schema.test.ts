import { describe, expect, it } from 'vitest';
import { operators } from '../../src/model/condition.ts';
import { jsonSchema, schemaNames } from '../../src/model/json-schema.ts';

type Json = Record<string, any>;

/** Follows a local `$ref` ("#/$defs/x") to the schema it names. */
function resolve(root: Json, schema: Json): Json {
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  return ref.slice(2).split('/').reduce<Json>((node, key) => node[key], root);
}

describe('formats.md — JSON Schema generated from the zod schemas', () => {
  it('covers definition, dataset and result', () => {
    expect([...schemaNames].sort()).toEqual(['dataset', 'definition', 'result']);
  });

  it.each(['definition', 'dataset', 'result'] as const)('%s is a JSON-serialisable object with $schema', (name) => {
    const schema = jsonSchema(name);
    expect(typeof schema).toBe('object');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('closes the top-level definition object and lists its fields', () => {
    const schema = jsonSchema('definition');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'name', 'objectType', 'kind', 'groups']));
  });

  it('lists the kinds and object types', () => {
    const properties = jsonSchema('definition').properties as Json;
    expect(properties.kind.enum).toEqual(['engagement', 'fit', 'combined']);
    expect(properties.objectType.enum).toEqual(['contact', 'company', 'deal']);
  });

  it('closes nested objects too: groups, rules and conditions reject unknown keys', () => {
    const root = jsonSchema('definition');
    const group = (root.properties as Json).groups.items as Json;
    expect(group.additionalProperties).toBe(false);
    expect(group.properties.decay.properties.everyMonths.enum).toEqual([1, 3, 6, 12]);
    const rules = group.properties.rules.items.oneOf as Json[];
    expect(rules).toHaveLength(2);
    for (const rule of rules) expect(rule.additionalProperties).toBe(false);
    const condition = resolve(root, rules[0]!.properties.condition);
    const branches = (condition.anyOf ?? condition.oneOf) as Json[];
    const test = branches.map((branch) => resolve(root, branch)).find((branch) => branch.properties?.operator);
    expect(test?.additionalProperties).toBe(false);
    expect(test?.properties.operator.enum).toEqual([...operators]);
  });

  it('closes the dataset and result objects', () => {
    const dataset = jsonSchema('dataset');
    expect(dataset.additionalProperties).toBe(false);
    expect((dataset.properties as Json).records.items.additionalProperties).toBe(false);
    const result = jsonSchema('result');
    const branches = (result.anyOf ?? result.oneOf) as Json[];
    expect(branches).toHaveLength(2);
    for (const branch of branches) expect(branch.additionalProperties).toBe(false);
  });
});
