// Score rows are stored lean and the explanation is scored again on read (docs/results.md):
// through the SDK and its worker, getScores after an activation shows every group and rule, with
// the events and values that produced them, exactly as testDraft scores the same definition on the
// same records as of the same instant.
import { expect } from '@esm-bundle/chai';
import { fullDefinition } from '../../../bench/definitions.ts';
import { generateDataset } from '../../../bench/synthetic-dataset.ts';
import type { ScoreResult } from '../src/index.ts';
import { cleanUp, freshDbName, open, sleep } from './helpers.ts';

describe('getScores explains on read', () => {
  afterEach(cleanUp);

  it('returns after activation the explanation testDraft gives for the same records and instant', async function () {
    this.timeout(120_000);
    const { dataset, contactIds } = generateDataset({ seed: 3, scale: 0.002, asOf: new Date(Date.now() - 3_600_000).toISOString() });
    const client = open(freshDbName('explanation-on-read'));
    await client.importDataset(dataset);
    await client.saveDraft(fullDefinition);
    const activatedFrom = Date.now();
    await client.activate(fullDefinition.id);
    const activatedBy = Date.now();
    // Read later than the activation: an explanation scored as of the read would differ in asOf.
    await sleep(50);

    const shown = new Map<string, ScoreResult>();
    for (const id of contactIds) {
      const [result, ...others] = await client.getScores(id);
      expect(others, id).to.deep.equal([]);
      if (result) shown.set(id, result);
    }
    // The competitors list is out of scope; everyone else has a score.
    const competitors = new Set(dataset.lists![0]!.recordIds);
    expect([...shown.keys()]).to.deep.equal(contactIds.filter((id) => !competitors.has(id)));

    const instants = new Set([...shown.values()].map((result) => result.asOf));
    for (const asOf of instants) {
      expect(Date.parse(asOf)).to.be.within(activatedFrom, activatedBy);
      const ids = [...shown].filter(([, result]) => result.asOf === asOf).map(([id]) => id);
      const drafted = await client.testDraft(fullDefinition, ids, asOf);
      expect(drafted).to.deep.equal(ids.map((id) => shown.get(id)));
    }
    // Explanations, not only values: rules list the events and property values that matched.
    const rules = [...shown.values()].flatMap((result) => ('groups' in result ? result.groups.flatMap((group) => group.rules) : []));
    expect(rules.some((rule) => (rule.events?.length ?? 0) > 0), 'a rule with its events').to.equal(true);
    expect(rules.some((rule) => (rule.values?.length ?? 0) > 0), 'a rule with its values').to.equal(true);
  });
});
