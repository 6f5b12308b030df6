// The generators themselves: every definition and dataset they yield is valid (formats.md §1–§2),
// and every pair can be scored (D16: the lists a definition names exist), so a failing property
// below is about scoring, never about malformed input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreDataset, validateDataset, validateDefinition } from '../../src/index.ts';
import { FULL, datasetArb, definitionArb, scenarioArb } from './arbitraries.ts';
import { RUNS } from './helpers.ts';

describe('formats.md §1–§2: the generators yield valid input', () => {
  it('yields only definitions that validateDefinition accepts', () => {
    fc.assert(fc.property(definitionArb(), (definition) => {
      const validation = validateDefinition(definition);
      expect(validation.ok ? [] : validation.issues).toEqual([]);
    }), RUNS);
  });

  it('yields only decaying definitions (§5) that validateDefinition accepts', () => {
    fc.assert(fc.property(definitionArb({ decayOnly: true }), (definition) => {
      const validation = validateDefinition(definition);
      expect(validation.ok ? [] : validation.issues).toEqual([]);
      for (const group of definition.groups) expect(group.decay).toBeDefined();
    }), RUNS);
  });

  it('yields only datasets that validateDataset accepts', () => {
    fc.assert(fc.property(datasetArb(FULL), (dataset) => {
      const validation = validateDataset(dataset);
      expect(validation.ok ? [] : validation.issues).toEqual([]);
    }), RUNS);
  });

  it('yields scenarios the engine scores without an input error', () => {
    fc.assert(fc.property(scenarioArb(FULL), ({ definition, dataset, asOf }) => {
      const results = scoreDataset(definition, dataset, { asOf });
      expect(results.length).toBe(dataset.records.filter((r) => r.objectType === definition.objectType).length);
    }), RUNS);
  });
});
