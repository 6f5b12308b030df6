// docs/compare.md, "Outcomes": the records an outcome judges, each at its own reference instant (no
// look-ahead), and a definition's AUC and conversion per label against them.
import { describe, expect, test } from 'vitest';
import { outcomeQuality, outcomeSamples } from '../../src/analysis/outcome.ts';
import { compileDefinition, indexDataset } from '../../src/engine/evaluate.ts';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';
import type { Dataset, PropertyChange } from '../../src/model/dataset.ts';
import type { Definition } from '../../src/model/definition.ts';

const AS_OF = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(AS_OF - days * DAY).toISOString();
const change = (recordId: string, property: string, value: string | number, days: number): PropertyChange => ({ recordId, property, value, at: at(days) });

/** visits ≥ 5: 10 points; industry tech: 5 points. high from 15, medium from 10. */
const definition: Definition = {
  id: 'fit', name: 'Fit', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'g', rules: [
    { id: 'visits', type: 'property', condition: { property: 'visits', operator: 'gte', value: 5 }, points: 10 },
    { id: 'tech', type: 'property', condition: { property: 'industry', operator: 'eq', value: 'tech' }, points: 5 },
  ] }],
  thresholds: { high: 15, medium: 10 },
};

/**
 * c1 won (history: No 30 days ago, Yes 20 days ago): scored 20 days ago, when visits was 2 → 5, low
 *    (scored now it would be 15, high: the look-ahead this avoids).
 * c2 won, no history: scored now → visits 7, retail → 10, medium.
 * c3 not won: visits 3, tech → 5, low.      c4 no value: visits 1, tech → 5, low.
 * c5 won = 0: visits 6, retail → 10, medium.
 * c6 won (Yes 50 days ago, No 40 days ago, Yes 5 days ago): the last run of yes starts 5 days ago →
 *    visits 8, tech → 15, high.
 * The company is not judged.
 */
const dataset: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', properties: { won: 'Yes', visits: 10, industry: 'tech' } },
    { id: 'c2', objectType: 'contact', properties: { won: true, visits: 7, industry: 'retail' } },
    { id: 'c3', objectType: 'contact', properties: { won: 'No', visits: 3, industry: 'tech' } },
    { id: 'c4', objectType: 'contact', properties: { visits: 1, industry: 'tech' } },
    { id: 'c5', objectType: 'contact', properties: { won: 0, visits: 6, industry: 'retail' } },
    { id: 'c6', objectType: 'contact', properties: { won: 'yes', visits: 8, industry: 'tech' } },
    { id: 'acme', objectType: 'company', properties: { won: 'Yes' } },
  ],
  propertyHistory: [
    change('c1', 'won', 'No', 30), change('c1', 'won', 'Yes', 20),
    change('c1', 'visits', 2, 40), change('c1', 'visits', 10, 10),
    change('c6', 'won', 'Yes', 50), change('c6', 'won', 'No', 40), change('c6', 'won', 'Yes', 5),
  ],
};

describe('outcome samples', () => {
  test('by property: yes converts, scored when the history shows it became yes, else at asOf', () => {
    expect(outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'won' }, AS_OF)).toEqual([
      { recordId: 'c1', converted: true, referenceAt: AS_OF - 20 * DAY },
      { recordId: 'c2', converted: true, referenceAt: AS_OF },
      { recordId: 'c3', converted: false, referenceAt: AS_OF },
      { recordId: 'c4', converted: false, referenceAt: AS_OF },
      { recordId: 'c5', converted: false, referenceAt: AS_OF },
      { recordId: 'c6', converted: true, referenceAt: AS_OF - 5 * DAY },
    ]);
  });

  test('a history change after asOf is not read', () => {
    // 25 days ago, c1's history shows No (30 days ago) and nothing later before then: scored at asOf.
    const samples = outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'won' }, AS_OF - 25 * DAY);
    expect(samples[0]).toEqual({ recordId: 'c1', converted: true, referenceAt: AS_OF - 25 * DAY });
  });

  test('by property, of companies', () => {
    expect(outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'won' }, AS_OF, 'company')).toEqual([{ recordId: 'acme', converted: true, referenceAt: AS_OF }]);
  });

  test('by lifecycle: as training samples them (scoring.md §10.1)', () => {
    const stage = (recordId: string, value: string, days: number): PropertyChange => ({ recordId, property: 'lifecyclestage', value, at: at(days), source: 'manual' });
    const staged: Dataset = {
      records: ['fast', 'slow', 'open'].map((id) => ({ id, objectType: 'contact' })),
      propertyHistory: [stage('fast', 'lead', 100), stage('fast', 'salesqualifiedlead', 90), stage('slow', 'lead', 100), stage('open', 'lead', 10)],
    };
    expect(outcomeSamples(staged, defaultLifecycleSettings(), { start: 'lead', end: 'salesqualifiedlead', days: 30 }, AS_OF)).toEqual([
      { recordId: 'fast', converted: true, referenceAt: AS_OF - 90 * DAY },
      { recordId: 'slow', converted: false, referenceAt: AS_OF - 70 * DAY },
    ]);
  });

  test('clear errors: an unknown property, an unknown stage, a lifecycle outcome of companies, days', () => {
    const settings = defaultLifecycleSettings();
    expect(() => outcomeSamples(dataset, settings, { property: 'wonn' }, AS_OF)).toThrow('The outcome is not valid:\n  "wonn" is not a property of any contact in the data');
    expect(() => outcomeSamples(dataset, settings, { start: 'lead', end: 'sql', days: 30 }, AS_OF)).toThrow('The outcome is not valid:\n  "sql" is not a stage of the contact pipeline (subscriber, lead,');
    expect(() => outcomeSamples(dataset, settings, { start: 'customer', end: 'lead', days: 30 }, AS_OF)).toThrow('the end stage "lead" must come after the start stage "customer"');
    expect(() => outcomeSamples(dataset, settings, { start: 'lead', end: 'customer', days: 30 }, AS_OF, 'company')).toThrow('a lifecycle outcome judges contacts, not company records');
    expect(() => outcomeSamples(dataset, settings, { start: 'lead', end: 'customer', days: 0 }, AS_OF)).toThrow('days must be a positive number of days, not 0');
  });
});

describe('outcome quality', () => {
  test('AUC and conversion per label, each record scored at its reference instant', () => {
    const samples = outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'won' }, AS_OF);
    // Converted: c1 5, c2 10, c6 15. Not: c3 5, c4 5, c5 10. Pairs (converted above not, ties ½):
    // 5: ½ + ½ + 0 = 1; 10: 1 + 1 + ½ = 2.5; 15: 1 + 1 + 1 = 3 → 6.5 of 9.
    expect(outcomeQuality(compileDefinition(definition), indexDataset(dataset), samples)).toEqual({
      auc: 6.5 / 9,
      labels: [
        { label: 'high', records: 1, converted: 1, rate: 1 },
        { label: 'medium', records: 2, converted: 1, rate: 0.5 },
        { label: 'low', records: 3, converted: 1, rate: 1 / 3 },
      ],
      records: 6,
      converted: 3,
      scored: 6,
    });
  });

  test('all on one side: no AUC; a definition of another object type is refused', () => {
    const samples = outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'won' }, AS_OF).filter((sample) => sample.converted);
    expect(outcomeQuality(compileDefinition(definition), indexDataset(dataset), samples).auc).toBeNull();
    const companies = outcomeSamples(dataset, defaultLifecycleSettings(), { property: 'won' }, AS_OF, 'company');
    expect(() => outcomeQuality(compileDefinition(definition), indexDataset(dataset), companies))
      .toThrow('the outcome judges company records, but definition "fit" scores contact records');
  });
});
