// Issue 16: every definition and dataset a caller can hand the validators, however malformed, is
// either refused with a clear message at a path or accepted and scored to finite numbers; never a
// thrown error, a hang, a garbled message or a changed prototype. Inputs: anything at all, valid
// ones with one part replaced by something hostile, and conditions nested deeper than the limit.
// LEADSCORE_FUZZ_RUNS sets the cases per entry point (2,000 in npm test, 10,000 in npm run test:reliability, which CI runs; more for a nightly run).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputLimits } from '../../packages/worker/src/model/input-limits.ts';
import { wellFormedDataset } from '../../packages/worker/src/store/well-formed.ts';
import { InvalidInputError, scoreDataset, validateDataset, validateDefinition, type Dataset, type Definition } from '../../packages/worker/src/index.ts';
import { asOfArb, datasetArb, definitionArb, FULL } from '../../packages/worker/test/properties/arbitraries.ts';
import { replaceOne } from './replace-one.ts';

const RUNS = Number(process.env.LEADSCORE_FUZZ_RUNS ?? 2_000);

// Valid inputs to break, and to score what is accepted with: pools drawn once, as drawing one
// per case costs more than the case itself; small datasets, as a case breaks one part of them.
const datasets = fc.constantFrom(...fc.sample(datasetArb(FULL).filter((dataset) => (dataset.events ?? []).length <= 20), { numRuns: 300, seed: 16 }));
const definitions = fc.constantFrom(...fc.sample(definitionArb(), { numRuns: 300, seed: 16 }));

/** Values a hostile or careless caller sends: wrong kinds, extreme numbers, prototype keys, deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -0, 1.8e308, -1.8e308, Number.MAX_VALUE, Number.MIN_VALUE, 1e300, NaN, Infinity, -Infinity, '', ' ', '\u0000', 'x'.repeat(5_000), [], {}),
  fc.constantFrom(JSON.parse('{"__proto__": {"polluted": true}}'), JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'), Object.create(null)),
  fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A condition `depth` levels deep: { "not": { "not": … { test } } }. */
function nested(depth: number): unknown {
  let condition: unknown = { property: 'country', operator: 'is_known' };
  for (let i = 0; i < depth; i++) condition = i % 2 === 0 ? { not: condition } : { all: [condition] };
  return condition;
}

/** What a refusal must be: issues, each at a path (text) with a message that names it and reads as a sentence. */
function expectClearIssues(issues: readonly { path: string; message: string }[], what: string): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message.startsWith(issue.path === '' ? what : issue.path), issue.message).toBe(true);
    // Words of a check that read a half-parsed value: a clear message never shows them, outside
    // the path and the quotes of what the input itself says.
    expect(issue.message.slice(issue.path.length).replace(/"(?:[^"\\]|\\.)*"/g, '""'), issue.message).not.toMatch(/\bundefined\b|\[object |\bNaN\b|Infinity|function |=>/);
  }
}

/** Scored, every number finite; or refused as bad input (a list the dataset lacks, say), clearly. */
function expectFiniteResults(definition: Definition, dataset: Dataset, asOf: number): void {
  let results;
  try {
    results = scoreDataset(definition, dataset, { asOf, explain: false });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    expect(error.issues.length, error.message).toBeGreaterThan(0);
    return;
  }
  for (const result of results) {
    if (result.value === null) continue;
    for (const number of [result.value, result.engagement ?? 0, result.fit ?? 0, ...result.groups.map((group) => group.value)]) {
      expect(Number.isFinite(number), `${result.recordId}: ${number}`).toBe(true);
    }
  }
}

function expectPrototypesIntact(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/**
 * RUNS inputs, anything at all or one of `valid` with a part replaced, each checked by `check`
 * with one of `others` (what an accepted input is scored with) and an instant; no prototype changes.
 */
function fuzz<T, O>(valid: fc.Arbitrary<T>, others: fc.Arbitrary<O>, check: (input: unknown, other: O, asOf: number) => void): void {
  const broken = fc.tuple(valid, fc.nat(), hostileValue).map(([value, pick, bad]) => replaceOne(value, pick, bad).value);
  fc.assert(
    fc.property(fc.oneof({ arbitrary: hostileValue, weight: 1 }, { arbitrary: broken, weight: 4 }), others, asOfArb, (input, other, asOf) => {
      check(input, other, asOf);
      expectPrototypesIntact();
    }),
    { numRuns: RUNS },
  );
}

describe('validateDefinition', () => {
  it(`refuses clearly or accepts what scores to finite numbers (${RUNS} cases)`, () => {
    fuzz(definitions, datasets, (input, dataset, asOf) => {
      const checked = validateDefinition(input);
      if (checked.ok) expectFiniteResults(checked.value, dataset, asOf);
      else expectClearIssues(checked.issues, 'definition');
    });
  }, 600_000);

  it('refuses conditions nested deeper than the limit, at the path where the limit is passed', () => {
    const deep = (depth: number) => ({ id: 'deep', name: 'Deep', objectType: 'contact', kind: 'fit', groups: [{ id: 'g', name: 'G', rules: [{ id: 'r', type: 'property', points: 1, condition: nested(depth) }] }] });
    expect(validateDefinition(deep(10)).ok).toBe(true);
    for (const depth of [inputLimits.depth, 5_000, 100_000]) {
      const checked = validateDefinition(deep(depth));
      expect(checked.ok).toBe(false);
      if (checked.ok) continue;
      expect(checked.issues).toHaveLength(1);
      expect(checked.issues[0]!.message).toMatch(new RegExp(`^groups\\[0\\]\\.rules\\[0\\]\\.condition(\\.not|\\.all\\[0\\])+ nests deeper than ${inputLimits.depth} levels`));
    }
  });
});

describe('validateDataset', () => {
  it(`refuses clearly or accepts what scores to finite numbers (${RUNS} cases)`, () => {
    fuzz(datasets, definitions, (input, definition, asOf) => {
      const checked = validateDataset(input);
      if (checked.ok) expectFiniteResults(definition, checked.value, asOf);
      else expectClearIssues(checked.issues, 'dataset');
    });
  }, 600_000);

  it('refuses a "__proto__" key instead of dropping it', () => {
    const checked = validateDataset(JSON.parse('{"records": [{"id": "c1", "objectType": "contact", "properties": {"__proto__": "x", "country": "DK"}}]}'));
    expect(checked).toEqual({ ok: false, issues: [{ path: 'records[0].properties.__proto__', message: 'records[0].properties.__proto__ is not allowed: "__proto__" cannot be a key' }] });
  });

  it('takes ids of up to 256 characters and refuses longer ones at their path, the bulk writes\' fast check too', () => {
    const longest = 'c'.repeat(256);
    const dataset = (id: string) => ({ records: [{ id, objectType: 'contact' }], events: [{ id: 'e1', recordId: id, type: 'x'.repeat(257), occurredAt: 0 }] });
    expect(validateDataset({ records: [{ id: longest, objectType: 'contact' }] }).ok).toBe(true);
    expect(wellFormedDataset({ records: [{ id: longest, objectType: 'contact' }] }, { crossChecks: true })).toBeDefined();
    const checked = validateDataset(dataset(`${longest}c`));
    expect(checked.ok ? [] : checked.issues.map((issue) => issue.path)).toEqual(['records[0].id', 'events[0].recordId', 'events[0].type']);
    expect(checked.ok ? '' : checked.issues[0]!.message).toBe('records[0].id must be at most 256 characters long');
    expect(wellFormedDataset(dataset(`${longest}c`), { crossChecks: true })).toBeUndefined();
  });

  it('reads a property value past the year 9999 as no date, so no instant of change is made of it', () => {
    const checked = validateDataset({ records: [{ id: 'c1', objectType: 'contact', properties: { signupDate: 1e300 } }, { id: 'c2', objectType: 'contact', properties: { signupDate: '2026-03-20' } }] });
    expect(checked.ok).toBe(true);
    const definition = validateDefinition({ id: 'recent', name: 'Recent', objectType: 'contact', kind: 'fit', groups: [{ id: 'g', rules: [{ id: 'r', type: 'property', points: 10, condition: { property: 'signupDate', operator: 'in_last', amount: 30, unit: 'days' } }] }] });
    if (!checked.ok || !definition.ok) throw new Error('both are valid');
    const [far, near] = scoreDataset(definition.value, checked.value, { asOf: '2026-04-01', explain: false });
    // 2026-03-20 is 12 days before asOf: 10 points while it is at most 30 days ago, that is until
    // the millisecond after 2026-04-19T00:00:00Z (decision D4).
    expect([far!.value, far!.nextChangeAt]).toEqual([0, null]);
    expect([near!.value, near!.nextChangeAt]).toEqual([10, '2026-04-19T00:00:00.001Z']);
  });
});
