// The SDK is the one package a page imports (DESIGN.md, the page↔worker contract): it re-exports
// the formats of formats.md, so a page validates and edits a definition without @leadscore/worker.
import { describe, expect, it } from 'vitest';
import { jsonSchema, operatorsByType, validateDefinition, type Definition } from '../src/index.ts';
import { workedExampleDefinition } from '../../worker/test/fixtures/worked-example.ts';

describe('@leadscore/sdk re-exports the formats (formats.md §1)', () => {
  it('validates the scoring.md §2.5 worked example, and names the path of a mistake', () => {
    expect(validateDefinition(workedExampleDefinition).ok).toBe(true);
    const broken = { ...workedExampleDefinition, groups: [{ ...workedExampleDefinition.groups[0]!, limit: -5 }] } as Definition;
    const checked = validateDefinition(broken);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.map((issue) => issue.path)).toEqual(['groups[0].limit']);
  });

  it('offers the operators of a property type (docs/definition-format.md, "Operators")', () => {
    expect(operatorsByType.boolean).toEqual(['is_known', 'is_unknown', 'is_true', 'is_false']);
  });

  it('gives the JSON Schema of a definition', () => {
    expect(jsonSchema('definition')).toMatchObject({ type: 'object', required: expect.arrayContaining(['id', 'objectType', 'groups']) });
  });
});
