// scoring.md §8.2: thresholds and labels, with D17.
import { describe, expect, it } from 'vitest';
import { InvalidInputError, compileDefinition, type Definition } from '../../src/index.ts';
import { contact, dataset, daysBefore, definition, event, group, onEvent, onProperty, scoreOne, thrown } from './fixtures.ts';

/** Contact c1 with one page view worth `engagement` and, for fit, a known email worth `fit`. */
function scoreWith(def: Definition) {
  const data = dataset([contact('c1', { email: 'c1@example.com' })], { events: [event('v', 'c1', 'page_view', daysBefore(1))] });
  return scoreOne(def, data, 'c1');
}

const engagementScore = (points: number, rest: Partial<Definition> = {}) =>
  definition([group('g', [onEvent('view', 'page_view', points)])], { thresholds: { high: 70, medium: 40 }, ...rest });

const fitScore = (points: number) =>
  definition([group('g', [onProperty('email', { property: 'email', operator: 'is_known' }, points)])], {
    kind: 'fit', thresholds: { high: 70, medium: 40 },
  });

const combinedScore = (fit: number, engagement: number) => definition([
  group('engagement', [onEvent('view', 'page_view', engagement)]),
  group('fit', [onProperty('email', { property: 'email', operator: 'is_known' }, fit)]),
], { kind: 'combined', thresholds: { fit: { high: 60, medium: 30 }, engagement: { high: 50, medium: 20 } } });

describe('§8.2 engagement and fit labels: high ≥ 70, medium ≥ 40, low otherwise', () => {
  it.each([
    [100, 'high'],
    [70, 'high'],
    [69.5, 'medium'],
    [40, 'medium'],
    [39.999, 'low'],
    [0, 'low'],
    [-20, 'low'],
  ])('an engagement score of %s is %s', (points, label) => {
    const result = scoreWith(engagementScore(points));
    expect(result.value).toBe(points);
    expect(result.label).toBe(label);
  });

  it.each([
    [70, 'high'],
    [40, 'medium'],
    [39, 'low'],
  ])('a fit score of %s is %s', (points, label) => {
    expect(scoreWith(fitScore(points)).label).toBe(label);
  });

  it('labels the value after the score limit', () => {
    const result = scoreWith(engagementScore(200, { limit: { max: 50 } }));
    expect(result.value).toBe(50);
    expect(result.label).toBe('medium');
  });

  it('has no label without thresholds', () => {
    expect(scoreWith(definition([group('g', [onEvent('view', 'page_view', 80)])])).label).toBeNull();
  });
});

describe('§8.2 combined labels A1 … C3: letter from fit, digit from engagement', () => {
  it.each([
    [80, 60, 'A1'],
    [60, 50, 'A1'],
    [80, 30, 'A2'],
    [70, 0, 'A3'],
    [45, 55, 'B1'],
    [30, 20, 'B2'],
    [59.5, 49.9, 'B2'],
    [30, -5, 'B3'],
    [10, 60, 'C1'],
    [0, 20, 'C2'],
    [29, 19, 'C3'],
  ])('fit %s and engagement %s give %s', (fit, engagement, label) => {
    const result = scoreWith(combinedScore(fit, engagement));
    expect(result.fit).toBe(fit);
    expect(result.engagement).toBe(engagement);
    expect(result.label).toBe(label);
  });

  it('a contact with low fit and high engagement is C1', () => {
    expect(scoreWith(combinedScore(5, 90)).label).toBe('C1');
  });
});

describe('§8.2 / D17 high must be above medium', () => {
  it('rejects thresholds whose high equals medium', () => {
    const error = thrown(() => compileDefinition(engagementScore(10, { thresholds: { high: 40, medium: 40 } })));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues.some((issue) => issue.path.startsWith('thresholds'))).toBe(true);
  });
});
