import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/model/validate.ts';
import { definition, eventRule, expectOk, propertyRule, withCondition, withRule } from './helpers.ts';

// docs/definition-format.md is what marketers copy from: every example in it must validate.
const doc = readFileSync(new URL('../../../../docs/definition-format.md', import.meta.url), 'utf8');
type Json = Record<string, unknown>;

const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Json);
/** The operator and timeframe tables' examples; other tables show fields, not JSON. */
const tableExamples = doc.split('\n')
  .filter((line) => line.startsWith('|'))
  .flatMap((line) => [...line.matchAll(/`(\{ "(?:property|operator|op)"[^`]*\})`/g)].map((m) => JSON.parse(m[1]!) as Json));

/** The example as (part of) a whole definition. */
function inContext(example: Json): Json {
  if ('groups' in example) return example;
  if ('rules' in example) return definition({ groups: [example] });
  if ('type' in example) return withRule(example);
  if ('fit' in example) return definition({ groups: [{ id: 'e', rules: [eventRule()] }, { id: 'p', rules: [propertyRule()] }], thresholds: example });
  if ('high' in example) return withRule(eventRule(), { kind: 'engagement', thresholds: example });
  if ('mode' in example) return definition({ scope: example });
  if ('op' in example) return withRule(eventRule({ timeframe: example }));
  return withCondition(example);
}

describe('docs/definition-format.md', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    expect(tableExamples.length).toBeGreaterThanOrEqual(25);
  });

  it.each([...blocks, ...tableExamples].map((example) => [JSON.stringify(example).slice(0, 80), example] as const))(
    'example validates: %s', (_, example) => {
      expectOk(validateDefinition(inContext(example)));
    },
  );
});
