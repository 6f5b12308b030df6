// The generation activates its definitions in waves: together unless one reads another's score.
import type { Definition } from '@leadscore/sdk';
import { describe, expect, test } from 'vitest';
import { activationWaves } from '../src/screens/data/activation-waves.ts';
import { sampleCombined, sampleDefinitions, sampleEngagement, sampleFit } from '../src/screens/data/sample-definitions.ts';

/** A fit definition with one rule on `property` of the contact (a score property when it names a definition). */
function reading(id: string, property: string): Definition {
  return {
    id, name: id, objectType: 'contact', kind: 'fit',
    groups: [{ id: 'g', name: 'G', rules: [{ id: 'r', type: 'property', condition: { property, operator: 'is_known' }, points: 1 }] }],
  };
}

const ids = (waves: Definition[][]) => waves.map((wave) => wave.map((definition) => definition.id));

describe('activationWaves', () => {
  test('the sample definitions read no score: one wave, in their order', () => {
    expect(ids(activationWaves(sampleDefinitions))).toEqual([['sample-engagement', 'sample-fit', 'sample-combined']]);
  });

  test('a definition reading a score waits for the wave of the one it reads, and its readers for its own', () => {
    const hot = reading('hot-fit', 'sample-fit.label');
    const hotter = reading('hotter', 'hot-fit');
    const plain = reading('plain', 'jobtitle');
    expect(ids(activationWaves([sampleEngagement, sampleFit, hot, hotter, plain, sampleCombined]))).toEqual([
      ['sample-engagement', 'sample-fit', 'plain', 'sample-combined'],
      ['hot-fit'],
      ['hotter'],
    ]);
  });

  test('a definition reading one of the first wave goes to the second even when it comes before others of the first', () => {
    expect(ids(activationWaves([sampleEngagement, reading('after-engagement', 'sample-engagement'), sampleFit]))).toEqual([
      ['sample-engagement', 'sample-fit'],
      ['after-engagement'],
    ]);
  });
});
