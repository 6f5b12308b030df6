// A definition's versions through the client (contract/definitions.ts): listed with when each was
// active, read, compared rule by rule, restored as a new draft; and a definition file's "$schema"
// and formatVersion at the boundary.
import { expect } from '@esm-bundle/chai';
import type { Definition, LeadscoreClient } from '../src/index.ts';
import { cleanUp, freshDbName, open, rejection, sleep } from './helpers.ts';

/** Version 1: a form submission +10. Version 2: +5, and a meeting booked +20. */
const v1: Definition = {
  id: 'engagement',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [{ id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 10 }] }],
};
const v2: Definition = {
  ...v1,
  groups: [
    { id: 'web', rules: [{ id: 'forms', type: 'event', event: 'form_submission', points: 5 }] },
    { id: 'sales', rules: [{ id: 'meetings', type: 'event', event: 'meeting_booked', points: 20 }] },
  ],
};

async function withTwoVersions(label: string): Promise<{ client: LeadscoreClient; times: number[] }> {
  const client = open(freshDbName(label));
  await client.importDataset({
    records: [{ id: 'c1', objectType: 'contact' }],
    events: [
      { id: 'e1', recordId: 'c1', type: 'form_submission', occurredAt: '2026-01-05T10:00:00Z' },
      { id: 'e2', recordId: 'c1', type: 'form_submission', occurredAt: '2026-01-06T10:00:00Z' },
      { id: 'e3', recordId: 'c1', type: 'meeting_booked', occurredAt: '2026-01-07T10:00:00Z' },
    ],
  });
  await client.saveDraft(v1);
  const t0 = Date.now();
  await client.activate('engagement');
  await sleep(5);
  const t1 = Date.now();
  await client.updateActive(v2);
  const t2 = Date.now();
  return { client, times: [t0, t1, t2] };
}

describe('definition versions', () => {
  afterEach(cleanUp);

  it('lists every version, oldest first, with when each was active', async () => {
    const { client, times: [t0, t1, t2] } = await withTwoVersions('versions-list');
    const versions = await client.listVersions('engagement');
    expect(versions.map((v) => [v.version, v.status, v.activePeriods.length, v.activePeriods[0]?.to === null])).to.deep.equal([[1, 'inactive', 1, false], [2, 'active', 1, true]]);
    const [first, second] = versions.map((v) => v.activePeriods[0]!);
    expect(Date.parse(first!.from)).to.be.within(t0!, t1!);
    // Version 1 was active until version 2 was: one instant ends the one and starts the other.
    expect(first!.to).to.equal(second!.from);
    expect(Date.parse(second!.from)).to.be.within(t1!, t2!);
    expect(versions[0]!.definition).to.deep.equal(v1);
    expect((await client.getVersion('engagement', 2)).definition).to.deep.equal(v2);
  });

  it('compares two versions rule by rule', async () => {
    const { client } = await withTwoVersions('versions-diff');
    const diff = await client.diffVersions('engagement', 1);
    expect(diff).to.deep.equal({
      same: false,
      changes: [],
      groups: { added: [{ id: 'sales' }], removed: [], changed: [] },
      rules: {
        added: [{ group: 'sales', rule: { id: 'meetings', type: 'event', event: 'meeting_booked', points: 20 } }],
        removed: [],
        changed: [{ id: 'forms', group: 'web', changes: [{ path: 'points', before: 10, after: 5 }] }],
      },
    });
    expect((await client.diffVersions('engagement', 2, 1)).rules.removed.map((entry) => entry.rule.id)).to.deep.equal(['meetings']);
    expect((await client.diffVersions('engagement', 2, 2)).same).to.equal(true);
  });

  it('restores an earlier version as a new draft, which scores as that version once activated', async () => {
    const { client } = await withTwoVersions('versions-restore');
    // c1 under version 2: two forms × 5 + a meeting 20.
    expect((await client.getScores('c1'))[0]?.value).to.equal(30);
    const restored = await client.restoreVersion('engagement', 1);
    expect([restored.version, restored.status]).to.deep.equal([3, 'draft']);
    expect(restored.definition).to.deep.equal(v1);
    // The active version goes on scoring until the draft is activated.
    expect((await client.getScores('c1'))[0]?.value).to.equal(30);
    const again = await client.restoreVersion('engagement', 1);
    expect(again.version).to.equal(3);
    await client.activate('engagement');
    expect((await client.getScores('c1'))[0]?.value).to.equal(20);
    expect((await client.listVersions('engagement')).map((v) => [v.version, v.status])).to.deep.equal([[1, 'inactive'], [2, 'inactive'], [3, 'active']]);
  });

  it('keeps a draft being edited as its own version when another is restored', async () => {
    const { client } = await withTwoVersions('versions-draft-kept');
    const edited: Definition = { ...v2, name: 'Engagement (edited)' };
    expect((await client.saveDraft(edited)).version).to.equal(3);
    const restored = await client.restoreVersion('engagement', 1);
    expect(restored.version).to.equal(4);
    expect((await client.getVersion('engagement', 3)).definition).to.deep.equal(edited);
  });

  it('says not_found for an unknown definition or version, naming the versions there are', async () => {
    const { client } = await withTwoVersions('versions-missing');
    const version = await rejection(client.getVersion('engagement', 7));
    expect([version.code, version.message]).to.deep.equal(['not_found', 'the definition "engagement" has no version 7 (its versions are 1, 2)']);
    expect((await rejection(client.listVersions('nope'))).code).to.equal('not_found');
    expect((await rejection(client.restoreVersion('engagement', 0))).code).to.equal('invalid_input');
  });

  it('takes a definition file with "$schema" and formatVersion 1, and stores neither', async () => {
    const client = open(freshDbName('versions-file'));
    const info = await client.saveDraft({ $schema: './definition.schema.json', formatVersion: 1, ...v1 } as Definition);
    expect(info.definition).to.deep.equal(v1);
    const newer = await rejection(client.saveDraft({ formatVersion: 2, ...v1 } as Definition));
    expect(newer.issues?.map((issue) => issue.message)).to.deep.equal(['formatVersion is 2, a newer format than this version of Leadscore reads (1): update Leadscore to use this file']);
  });
});
