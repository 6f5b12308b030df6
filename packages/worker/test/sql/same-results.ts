// How a warehouse engine's result must agree with the JavaScript engine's (issue 15): values,
// engagement, fit and group values to 1e-9, equal labels, the same records out of scope, and a
// nextChangeAt never later (formats.md §3: null is "never"; the compiled query may answer early).
import { expect } from 'vitest';
import type { ScoreResult, ToNext } from '../../src/index.ts';
import type { WarehouseResult } from '../../bin/warehouse/results.ts';

/** Records compared, and of them those whose nextChangeAt is the engine's to the millisecond. */
export const nextChangeStats = { compared: 0, equal: 0 };

export function expectSame(actual: WarehouseResult, expected: ScoreResult): void {
  const where = `record ${expected.recordId}`;
  if (expected.value === null) {
    expect(actual.value, where).toBeNull();
    return;
  }
  if (actual.value === null) throw new Error(`${where}: out of scope on the warehouse engine, scored ${expected.value} by the engine`);
  expect(actual.value, where).toBeCloseTo(expected.value, 9);
  expectCloseOrNull(actual.engagement, expected.engagement, `${where} engagement`);
  expectCloseOrNull(actual.fit, expected.fit, `${where} fit`);
  expect(actual.label, where).toBe(expected.label);
  expectSameToNext(actual.toNext, expected.toNext, `${where} toNext`);
  expect(actual.groups.map((group) => group.id)).toEqual(expected.groups.map((group) => group.id));
  actual.groups.forEach((group, g) => expect(group.value, `${where} group ${group.id}`).toBeCloseTo(expected.groups[g]!.value, 9));
  // formats.md §3: null is "never"; the compiled query may answer early, never late.
  const late = (at: string | null) => (at === null ? Infinity : Date.parse(at));
  const next = `${where} nextChangeAt ${actual.nextChangeAt} vs ${expected.nextChangeAt}`;
  expect(late(actual.nextChangeAt), next).toBeLessThanOrEqual(late(expected.nextChangeAt));
  nextChangeStats.compared++;
  if (late(actual.nextChangeAt) === late(expected.nextChangeAt)) nextChangeStats.equal++;
}

/** The same next labels, their points to 1e-9 (the values' own tolerance). */
function expectSameToNext(actual: ToNext | null, expected: ToNext | null, where: string): void {
  if (expected === null || actual === null) return void expect(actual, where).toBe(expected);
  expect(actual.label, where).toBe(expected.label);
  expect(actual.points, where).toBeCloseTo(expected.points, 9);
  if (!('engagement' in expected)) return void expect('engagement' in actual, where).toBe(false);
  expect('engagement' in actual, where).toBe(true);
  for (const dimension of ['engagement', 'fit'] as const) {
    const step = (actual as typeof expected)[dimension];
    expect(step?.label ?? null, `${where}.${dimension}`).toBe(expected[dimension]?.label ?? null);
    if (step && expected[dimension]) expect(step.points, `${where}.${dimension}`).toBeCloseTo(expected[dimension].points, 9);
  }
}

function expectCloseOrNull(actual: number | null, expected: number | null, where: string): void {
  if (expected === null) expect(actual, where).toBeNull();
  else expect(actual, where).toBeCloseTo(expected, 9);
}
