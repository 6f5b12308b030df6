// docs/training.md through the client: the worker's training lists what it did not learn from, a
// kept leaky property is used, and keeping an email is refused as invalid input.
import { expect } from '@esm-bundle/chai';
import type { CrmRecord } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection } from './helpers.ts';

/**
 * 200 contacts, the first 100 converted, each with an email; "Tag" is "Closed" for the converted
 * but c0 and c1, "Open" for the others but c100 and c101: "Open" is 100 contacts of which 2
 * converted, and ranking by the rates 0.02 and 0.98 gives an AUC of 0.98 (worked out in
 * packages/worker/test/ai/exclusions.test.ts). "plan" is honest: "pro" for 75 converted, 25 not.
 */
function contacts(): CrmRecord[] {
  return Array.from({ length: 200 }, (_, i) => {
    const won = i < 100;
    return {
      id: `c${i}`, objectType: 'contact',
      properties: {
        outcome: won ? 'Yes' : 'No', email: `p${i}@example.com`,
        Tag: won ? (i < 2 ? 'Open' : 'Closed') : (i < 102 ? 'Closed' : 'Open'),
        plan: (won ? i % 4 !== 0 : i % 4 === 0) ? 'pro' : 'free',
      },
    };
  });
}

describe('AI scores leave out what they must not learn from', () => {
  afterEach(cleanUp);

  it('lists the outcome, the email and the leaky tag; uses the tag when kept; refuses to keep the email', async () => {
    const client = open(freshDbName('training-exclusions'));
    await client.upsertRecords(contacts());
    const trained = await client.trainScore({ kind: 'fit', label: 'outcome', seed: 5 });
    expect(trained.excluded).to.deep.equal([
      { property: 'Tag', reason: 'leakage', leakage: { auc: 0.98, value: 'Open', contacts: 100, converted: 2 } },
      { property: 'email', reason: 'email', by: 'values' },
      { property: 'outcome', reason: 'outcome', by: 'name' },
    ]);
    expect(JSON.stringify(trained.definition)).not.to.contain('"property":"Tag"');

    const kept = await client.trainScore({ kind: 'fit', label: 'outcome', seed: 5, keep: ['Tag'] });
    expect(kept.excluded[0]).to.deep.equal({ property: 'Tag', reason: 'leakage', leakage: { auc: 0.98, value: 'Open', contacts: 100, converted: 2 }, kept: true });
    expect(JSON.stringify(kept.definition)).to.contain('"property":"Tag"');
    expect(kept.request.keep).to.deep.equal(['Tag']);

    const error = await rejection(client.trainScore({ kind: 'fit', label: 'outcome', keep: ['email'] }));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.equal('"email" cannot be kept: it is an email address; only properties flagged as likely leakage can be kept');
  });
});
