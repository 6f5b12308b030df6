import { expect } from 'vitest';
import type { Validation } from '../../src/model/validate.ts';

/** A problem a test expects: its JSON path and its message (exact text, or a pattern). */
export type Expected = [path: string, message: string | RegExp];

/**
 * Asserts the input was rejected with exactly these problems, in any order: no problem missing and
 * no noise. Every message must start with its path, the way `leadscore validate` prints it.
 */
export function expectIssues(result: Validation<unknown>, expected: Expected[]): void {
  if (result.ok) throw new Error(`expected the input to be rejected with ${expected.map(([p]) => p).join(', ')}, but it validated`);
  const actual = result.issues.map((issue) => `${issue.path} :: ${issue.message}`).join('\n');
  expect(result.issues.map((issue) => issue.path).sort(), actual).toEqual(expected.map(([path]) => path).sort());
  for (const [path, message] of expected) {
    const found = result.issues.filter((issue) => issue.path === path);
    const matches = found.some((issue) => (typeof message === 'string' ? issue.message === message : message.test(issue.message)));
    expect(matches, `${path} should say ${String(message)}; got:\n${actual}`).toBe(true);
  }
  for (const issue of result.issues) {
    expect(issue.message.startsWith(`${issue.path || 'definition'} `) || issue.message.startsWith('dataset '), issue.message).toBe(true);
  }
}

export function expectOk(result: Validation<unknown>): void {
  expect(result.ok ? [] : result.issues.map((issue) => issue.message)).toEqual([]);
}

type Json = Record<string, unknown>;

export function eventRule(over: Json = {}): Json {
  return { id: 'r1', type: 'event', event: 'form_submission', points: 5, ...over };
}

export function propertyRule(over: Json = {}): Json {
  return { id: 'p1', type: 'property', condition: { property: 'jobtitle', operator: 'eq', value: 'CTO' }, points: 10, ...over };
}

/** A valid combined contact score with one event group; `over` replaces top-level fields. */
export function definition(over: Json = {}): Json {
  return { id: 'test', name: 'Test', objectType: 'contact', kind: 'combined', groups: [{ id: 'g1', rules: [eventRule()] }], ...over };
}

/** A definition whose only rule is `rule` (at `groups[0].rules[0]`). */
export function withRule(rule: Json, over: Json = {}, group: Json = {}): Json {
  return definition({ groups: [{ id: 'g1', rules: [rule], ...group }], ...over });
}

/** A definition whose only rule is a property rule with this condition (at `groups[0].rules[0].condition`). */
export function withCondition(condition: unknown, over: Json = {}): Json {
  return withRule(propertyRule({ condition }), over);
}

/** A valid dataset: contact c1 at company co1 with deal d1, and contact c2. */
export function dataset(over: Json = {}): Json {
  return {
    records: [
      { id: 'c1', objectType: 'contact', associations: { companies: ['co1'], primaryCompany: 'co1', deals: ['d1'] } },
      { id: 'c2', objectType: 'contact' },
      { id: 'co1', objectType: 'company', associations: { contacts: ['c1'], deals: ['d1'] } },
      { id: 'd1', objectType: 'deal', associations: { contacts: ['c1'], companies: ['co1'], primaryCompany: 'co1' } },
    ],
    events: [{ id: 'e1', recordId: 'c1', type: 'page_view', occurredAt: '2026-03-01T10:00:00Z' }],
    ...over,
  };
}
