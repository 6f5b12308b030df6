// A definition file says which format it is in, and may name its JSON Schema for editors
// (docs/definition-format.md, The file).
import { describe, expect, it } from 'vitest';
import { definitionFile } from '../../src/model/definition.ts';
import { jsonSchema } from '../../src/model/json-schema.ts';
import { validateDefinition } from '../../src/model/validate.ts';
import { exampleDefinition } from './examples.ts';
import { expectIssues } from './helpers.ts';

describe('the definition file: $schema and formatVersion', () => {
  it('accepts "$schema" and formatVersion 1, and keeps neither: they say what the file is, not how it scores', () => {
    const checked = validateDefinition({ $schema: './definition.schema.json', formatVersion: 1, ...exampleDefinition });
    expect(checked).toEqual({ ok: true, value: exampleDefinition });
  });

  it('refuses a newer format in words, and any other formatVersion as not 1', () => {
    expectIssues(validateDefinition({ formatVersion: 2, ...exampleDefinition }), [
      ['formatVersion', 'formatVersion is 2, a newer format than this version of Leadscore reads (1): update Leadscore to use this file'],
    ]);
    expectIssues(validateDefinition({ formatVersion: '1', ...exampleDefinition }), [['formatVersion', 'formatVersion must be 1']]);
    expectIssues(validateDefinition({ formatVersion: 0, ...exampleDefinition }), [['formatVersion', 'formatVersion must be 1']]);
    expectIssues(validateDefinition({ $schema: 5, ...exampleDefinition }), [['$schema', '$schema must be text']]);
  });

  it('is written with formatVersion first, and reads back as the same definition', () => {
    const file = definitionFile(exampleDefinition as never);
    expect(Object.keys(file)[0]).toBe('formatVersion');
    expect(file.formatVersion).toBe(1);
    expect(validateDefinition(JSON.parse(JSON.stringify(file)))).toEqual({ ok: true, value: exampleDefinition });
  });

  it('is described by the JSON Schema: "$schema" is text and formatVersion the constant 1', () => {
    const properties = jsonSchema('definition').properties as Record<string, Record<string, unknown>>;
    expect(properties.$schema).toEqual({ type: 'string' });
    expect(properties.formatVersion).toEqual({ type: 'number', const: 1 });
  });
});
