// scoring.md §8.1–8.2 and decision D25 through the client: a score is a property of the record it
// scores, read by other definitions (also of associated records), by dynamic lists and by lifecycle
// score rules (for contacts, companies and deals, with conditions); when it moves, what reads it is
// re-scored in the same transaction, in dependency order, also by activations and time steps.
import { expect } from '@esm-bundle/chai';
import type { AutomationEvent, ChangeNotice, Dataset, Definition, LeadscoreClient } from '../src/index.ts';
import { cleanUp, collect, DAY_MS, freshDbName, open, rejection, startClockWorker } from './helpers.ts';

/** 10 points a page view; high from 30, medium from 10. */
const eng: Definition = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'web', rules: [{ id: 'view', type: 'event', event: 'page_view', points: 10 }] }],
  thresholds: { high: 30, medium: 10 },
};

/** Reads eng's value and label on the contact itself. */
const blend: Definition = {
  id: 'blend', name: 'Blend', objectType: 'contact', kind: 'fit',
  groups: [{ id: 'f', rules: [
    { id: 'engaged', type: 'property', condition: { property: 'eng', operator: 'gte', value: 20 }, points: 50 },
    { id: 'hot', type: 'property', condition: { property: 'eng.label', operator: 'eq', value: 'high' }, points: 25 },
  ] }],
};

/** Scores only the contacts of the dynamic list "hot" (eng.label is high). */
const vip: Definition = {
  id: 'vip', name: 'VIP', objectType: 'contact', kind: 'fit', scope: { mode: 'lists', includeLists: ['hot'] },
  groups: [{ id: 'f', rules: [{ id: 'titled', type: 'property', condition: { property: 'jobtitle', operator: 'is_known' }, points: 5 }] }],
};

/** A company reading its contacts' blend. */
const acct: Definition = {
  id: 'acct', name: 'Account', objectType: 'company', kind: 'fit',
  groups: [{ id: 'f', rules: [{ id: 'blended', type: 'property', of: 'contacts', condition: { property: 'blend', operator: 'gte', value: 50 }, points: 40 }] }],
};

/** A deal: 5 a meeting booked by its contacts, 80 when a company of it has acct ≥ 40. */
const dealScore: Definition = {
  id: 'dealscore', name: 'Deal score', objectType: 'deal', kind: 'combined',
  groups: [
    { id: 'e', rules: [{ id: 'meeting', type: 'event', event: 'meeting_booked', points: 5 }] },
    { id: 'f', rules: [{ id: 'account', type: 'property', of: 'companies', condition: { property: 'acct', operator: 'gte', value: 40 }, points: 80 }] },
  ],
};

const crm: Dataset = {
  records: [
    { id: 'c1', objectType: 'contact', properties: { jobtitle: 'CTO' }, associations: { primaryCompany: 'co1' } },
    { id: 'c2', objectType: 'contact', associations: { deals: ['d1'] } },
    { id: 'co1', objectType: 'company' },
    { id: 'd1', objectType: 'deal', properties: { dealstage: 'contractsent' }, associations: { companies: ['co1'] } },
    { id: 'd2', objectType: 'deal', properties: { dealstage: 'closedwon' }, associations: { companies: ['co1'] } },
  ],
  lists: [{ id: 'hot', name: 'Hot contacts', objectType: 'contact', condition: { property: 'eng.label', operator: 'eq', value: 'high' } }],
};

const scoreRules = [
  // "Notify the owner when a deal's score passes 75", while the deal is open.
  { id: 'notify-owner', objectType: 'deal' as const, definitionId: 'dealscore', when: { atLeast: 75 },
    condition: { property: 'dealstage', operator: 'is_none_of' as const, values: ['closedwon', 'closedlost'] },
    actions: [{ type: 'emit' as const, event: 'notify_owner', data: { to: 'owner' } }] },
  { id: 'account-ready', objectType: 'company' as const, definitionId: 'acct', when: { atLeast: 40 }, actions: [{ type: 'emit' as const, event: 'account_ready' }] },
  // "… and lead status is unknown, and engagement is at least medium" (a score property of the contact).
  { id: 'new-lead', definitionId: 'blend', when: { atLeast: 50 },
    condition: { all: [{ property: 'hs_lead_status', operator: 'is_unknown' as const }, { property: 'eng.label', operator: 'is_any_of' as const, values: ['medium', 'high'] }] },
    actions: [{ type: 'setLeadStatus' as const, value: 'NEW' }] },
];

const page = (id: string, recordId = 'c1') => ({ id, recordId, type: 'page_view', occurredAt: new Date().toISOString() });

async function activated(client: LeadscoreClient, ...definitions: Definition[]): Promise<void> {
  for (const definition of definitions) {
    await client.saveDraft(definition);
    await client.activate(definition.id);
  }
}

/** Every record's value under every definition, as `getScores` returns them. */
async function values(client: LeadscoreClient): Promise<Record<string, Record<string, number | null>>> {
  const out: Record<string, Record<string, number | null>> = {};
  for (const id of ['c1', 'c2', 'co1', 'd1', 'd2']) {
    out[id] = Object.fromEntries((await client.getScores(id)).map((score) => [score.definitionId, score.value]));
  }
  return out;
}

const automations = (notices: ChangeNotice[]) => notices.filter((notice): notice is ChangeNotice & AutomationEvent & { type: 'automation' } => notice.type === 'automation')
  .map((notice) => `${notice.ruleId} ${notice.recordId} ${notice.event}`);

describe('D25 scores as properties: read, re-scored in order, exported', () => {
  afterEach(cleanUp);

  it('one event moves a chain eng → blend → acct → deal score in one write, fires the deal\'s rule once, and the export carries the scores', async () => {
    const client = open(freshDbName('score-chain'));
    await client.importDataset(crm);
    await activated(client, eng, blend, vip, acct, dealScore);
    await client.saveLifecycleSettings({ scoreRules });
    // No events yet: eng 0 (low), blend 0, vip out of scope (c1 is not "hot"), acct 0, deals 0.
    expect(await values(client)).to.deep.equal({
      c1: { blend: 0, eng: 0 }, c2: { blend: 0, eng: 0 }, co1: { acct: 0 }, d1: { dealscore: 0 }, d2: { dealscore: 0 },
    });
    const { notices } = await collect(client, 'all');

    // Two views: eng 20 (medium) → blend 50 → acct 40 (c1 ≥ 50) → both deals 80 (co1's acct ≥ 40).
    const receipt = await client.trackEvents([page('e1'), page('e2')]);
    expect(receipt).to.deep.equal({ written: 2, rescored: 5 });
    expect(await values(client)).to.deep.equal({
      c1: { blend: 50, eng: 20 }, c2: { blend: 0, eng: 0 }, co1: { acct: 40 }, d1: { dealscore: 80 }, d2: { dealscore: 80 },
    });
    // d1 is two associations from c1: re-scored because acct, which it reads, moved.
    expect((await client.getHistory('d1', 'dealscore')).map((change) => [change.oldValue, change.newValue, change.cause])).to.deep.equal([
      [0, 80, { kind: 'property', ref: 'acct' }], [null, 0, { kind: 'definition', ref: 'dealscore@1' }],
    ]);
    expect((await client.getHistory('c1', 'blend'))[0]!.cause).to.deep.equal({ kind: 'event', ref: 'e2' });
    expect((await client.getLifecycle('c1')).leadStatus).to.equal('NEW');

    // A third view: eng 30 (high) → blend 75, c1 joins "hot" so vip scores it (5); acct stays 40.
    expect(await client.trackEvents([page('e3')])).to.deep.equal({ written: 1, rescored: 3 });
    expect((await values(client)).c1).to.deep.equal({ blend: 75, eng: 30, vip: 5 });
    // Scored anew as of now (getScores with asOf), blend reads eng's stored value as the write did.
    const now = (await client.getScores('c1', { asOf: new Date().toISOString() })).map((score) => [score.definitionId, score.value]);
    expect(now).to.deep.equal([['blend', 75], ['eng', 30], ['vip', 5]]);
    // c2 books a meeting: d1 85, still above 75 — the owner was notified once, on the crossing.
    await client.trackEvents([{ id: 'm1', recordId: 'c2', type: 'meeting_booked', occurredAt: new Date().toISOString() }]);
    expect((await values(client)).d1).to.deep.equal({ dealscore: 85 });
    // d2 crossed too, but it is closed won: the rule's condition keeps it quiet.
    expect(automations(notices).sort()).to.deep.equal(['account-ready co1 account_ready', 'notify-owner d1 notify_owner']);
    const notify = notices.find((notice) => notice.type === 'automation' && notice.ruleId === 'notify-owner');
    expect(notify).to.include({ recordId: 'd1', event: 'notify_owner' });
    expect((notify as AutomationEvent).data).to.deep.equal({ to: 'owner' });

    const exported = await client.exportDataset();
    const properties = (id: string) => exported.records.find((record) => record.id === id)!.properties;
    expect(properties('c1')).to.deep.equal({ jobtitle: 'CTO', hs_lead_status: 'NEW', eng: 30, 'eng.label': 'high', blend: 75, vip: 5 });
    // c2 is not in "hot": no vip property, not 0 (§7.1).
    expect(properties('c2')).to.deep.equal({ lifecyclestage: 'opportunity', eng: 0, 'eng.label': 'low', blend: 0 });
    expect(properties('d1')).to.deep.equal({ dealstage: 'contractsent', dealscore: 85, 'dealscore.engagement': 5, 'dealscore.fit': 80 });
  });

  it('an update of a read definition re-scores its readers in the activation\'s batches', async () => {
    const client = open(freshDbName('score-update'));
    await client.importDataset({ ...crm, events: [page('e1'), page('e2'), page('e3')] });
    await activated(client, eng, blend, acct);
    expect((await values(client)).c1).to.deep.equal({ blend: 75, eng: 30 });
    // 5 a view: eng 15 (medium) → blend 0 → acct 0.
    await client.updateActive({ ...eng, groups: [{ id: 'web', rules: [{ id: 'view', type: 'event', event: 'page_view', points: 5 }] }] });
    expect(await values(client)).to.deep.include({ c1: { blend: 0, eng: 15 }, co1: { acct: 0 } });
    expect((await client.getHistory('co1', 'acct'))[0]).to.deep.include({ oldValue: 40, newValue: 0, cause: { kind: 'property', ref: 'blend' } });
  });

  it('a time step of a read score moves its reader when the catch-up replays it', async function () {
    this.timeout(30_000);
    const dbName = freshDbName('score-time');
    const occurredAt = Date.parse('2026-01-01T12:00:00Z');
    const now = Date.now();
    const decaying: Definition = {
      id: 'decaying', name: 'Decaying', objectType: 'contact', kind: 'engagement',
      groups: [{ id: 'forms', decay: { percent: 50, everyMonths: 1 }, rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
    };
    const reader: Definition = {
      id: 'reader', name: 'Reader', objectType: 'contact', kind: 'fit',
      groups: [{ id: 'f', rules: [{ id: 'fresh', type: 'property', condition: { property: 'decaying', operator: 'gte', value: 10 }, points: 7 }] }],
    };
    const first = open(dbName, startClockWorker(occurredAt + DAY_MS - now));
    await first.importDataset({ records: [{ id: 'c1', objectType: 'contact' }], events: [{ id: 'f1', recordId: 'c1', type: 'form_submission', occurredAt: '2026-01-01T12:00:00Z' }] });
    await activated(first, decaying, reader);
    expect(Object.fromEntries((await first.getScores('c1')).map((score) => [score.definitionId, score.value]))).to.deep.equal({ decaying: 10, reader: 7 });
    await first.close();

    // 31 days on: the form is worth 5 (§5.3), so the reader's rule no longer holds.
    const second = open(dbName, startClockWorker(occurredAt + 31 * DAY_MS - now));
    expect(Object.fromEntries((await second.getScores('c1')).map((score) => [score.definitionId, score.value]))).to.deep.equal({ decaying: 5, reader: 0 });
    expect((await second.getHistory('c1', 'reader'))[0]).to.deep.include({ oldValue: 7, newValue: 0, cause: { kind: 'property', ref: 'decaying' } });
  });
});

describe('D25 what may read a score', () => {
  afterEach(cleanUp);

  it('refuses a score that reads itself back, through a list and another definition, at save and at list saves', async () => {
    const client = open(freshDbName('score-cycles'));
    await client.importDataset(crm);
    await activated(client, eng, blend, vip);
    await client.saveLists([{ id: 'blend-high', objectType: 'contact', condition: { property: 'blend', operator: 'gte', value: 70 } }]);
    const draft = await rejection(client.saveDraft({ ...eng, scope: { mode: 'all', excludeLists: ['blend-high'] } }));
    expect(draft.code).to.equal('invalid_input');
    expect(draft.issues).to.deep.equal([{
      path: 'scope.excludeLists[0]',
      message: 'scope.excludeLists[0] closes a loop: "eng" → list "blend-high" → "blend" → "eng"; a score cannot depend on itself, so remove one of these reads',
    }]);
    // vip scores the list "hot": "hot" cannot read vip.
    const list = await rejection(client.saveLists([{ id: 'hot', objectType: 'contact', condition: { property: 'vip', operator: 'is_known' } }]));
    expect(list.issues).to.deep.equal([{
      path: 'lists[0].condition.property',
      message: 'lists[0].condition.property closes a loop: list "hot" → "vip" → list "hot"; a score cannot depend on itself, so remove one of these reads',
    }]);
    expect((await client.exportDataset()).lists!.find((stored) => stored.id === 'hot')!.condition).to.deep.equal(crm.lists![0]!.condition);
  });

  it('refuses reads of a definition that is missing, inactive, of another kind of record, or lacks the part read', async () => {
    const client = open(freshDbName('score-reads'));
    await client.importDataset(crm);
    await activated(client, eng);
    await client.saveDraft(acct);
    const missing = await rejection(client.saveDraft({ ...blend, groups: [{ id: 'f', rules: [{ id: 'x', type: 'property', condition: { property: 'engagement.label', operator: 'eq', value: 'high' }, points: 1 }] }] }));
    expect(missing.issues!.map((issue) => issue.message)).to.deep.equal([
      'groups[0].rules[0].condition.property names the score property "engagement.label", but there is no definition "engagement"',
    ]);
    const wrongPart = await rejection(client.saveDraft({ ...blend, groups: [{ id: 'f', rules: [{ id: 'x', type: 'property', condition: { property: 'eng.fit', operator: 'gt', value: 1 }, points: 1 }] }] }));
    expect(wrongPart.issues!.map((issue) => issue.message)).to.deep.equal([
      'groups[0].rules[0].condition.property reads "eng.fit", which "eng" does not write: it writes "eng" or "eng.label" (engagement and fit are parts of combined scores)',
    ]);
    // A deal reading a contact score through its contacts is fine; reading it on the deal is not.
    const wrongKind = await rejection(client.saveDraft({ ...dealScore, groups: [dealScore.groups[0]!, { id: 'f', rules: [{ id: 'x', type: 'property', condition: { property: 'eng', operator: 'gt', value: 1 }, points: 1 }] }] }));
    expect(wrongKind.issues!.map((issue) => issue.message)).to.deep.equal([
      'groups[1].rules[0].condition.property reads "eng", but "eng" scores contact records, not the deal read here',
    ]);
    // A draft may read a draft; activating it needs what it reads active.
    const readsDraft = { ...dealScore, id: 'reads-draft' };
    await client.saveDraft(readsDraft);
    const inactive = await rejection(client.activate('reads-draft'));
    expect(inactive.issues!.map((issue) => issue.message)).to.deep.equal(['groups[1].rules[0].condition.property reads "acct", but "acct" is not active: activate it first']);
    // An update may not take away what an active reader, or a list, reads.
    await activated(client, blend);
    const update = await rejection(client.updateActive({ ...eng, thresholds: undefined }));
    expect(update.issues!.map((issue) => issue.message)).to.deep.equal([
      'definition "blend" groups[0].rules[1].condition.property reads "eng.label", which "eng" does not write: it writes "eng" (a label needs thresholds)',
      'list "hot" condition.property reads "eng.label", which "eng" does not write: it writes "eng" (a label needs thresholds)',
    ]);

    const settings = await rejection(client.saveLifecycleSettings({ scoreRules: [
      { id: 'a', definitionId: 'nope', when: { atLeast: 1 }, actions: [{ type: 'emit', event: 'x' }] },
      { id: 'b', objectType: 'company', definitionId: 'acct', when: { atLeast: 1 }, actions: [{ type: 'emit', event: 'x' }] },
      { id: 'c', definitionId: 'eng', objectType: 'company', when: { atLeast: 1 }, actions: [{ type: 'emit', event: 'x' }] },
      { id: 'd', definitionId: 'eng', when: { atLeast: 1 }, condition: { property: 'acct', operator: 'is_known' }, actions: [{ type: 'emit', event: 'x' }] },
    ] }));
    expect(settings.issues!.map((issue) => issue.message)).to.deep.equal([
      'scoreRules[0].definitionId names the definition "nope", which does not exist',
      'scoreRules[1].definitionId names the definition "acct", which is not active: activate it first',
      'scoreRules[2].definitionId names "eng", which scores contact records, but the rule is for company records (contact unless "objectType" says otherwise): set "objectType": "contact"',
      'scoreRules[3].condition.property reads "acct", but "acct" scores company records, not the contact read here',
    ]);
  });
});

describe('D25 "Used in": what reads a definition, and retiring one that is read', () => {
  afterEach(cleanUp);

  it('lists the readers; deactivating or deleting a read definition is refused unless forced, then its readers lose it', async () => {
    const client = open(freshDbName('score-usage'));
    await client.importDataset({ ...crm, events: [page('e1'), page('e2'), page('e3')] });
    await activated(client, eng, blend, vip, acct, dealScore);
    await client.saveLifecycleSettings({ scoreRules });
    await client.saveDraft({ ...blend, id: 'blend-draft', name: 'Blend draft' });
    expect(await client.getUsage('eng')).to.deep.equal([
      { kind: 'definition', id: 'blend', name: 'Blend', status: 'active' },
      { kind: 'definition', id: 'blend-draft', name: 'Blend draft', status: 'draft' },
      { kind: 'list', id: 'hot', name: 'Hot contacts' },
      { kind: 'lifecycleRule', id: 'new-lead', name: 'new-lead' },
    ]);
    expect(await client.getUsage('acct')).to.deep.equal([
      { kind: 'definition', id: 'dealscore', name: 'Deal score', status: 'active' },
      { kind: 'lifecycleRule', id: 'account-ready', name: 'account-ready' },
    ]);
    expect(await client.getUsage('vip')).to.deep.equal([]);

    // A draft does not keep eng active, but the active blend, the list "hot" and the rule "new-lead" do.
    const refused = await rejection(client.deactivate('eng'));
    expect(refused.code).to.equal('conflict');
    expect(refused.message).to.equal('the definition "eng" is used by definition "blend" (Blend), list "hot" (Hot contacts), lifecycle rule "new-lead": change them first, or pass { force: true } to have it deactivated anyway (what reads its score then reads no value)');
    expect((await client.listDefinitions()).find((info) => info.id === 'eng')!.status).to.equal('active');
    const deleting = await rejection(client.deleteDefinition('blend'));
    expect(deleting.code).to.equal('conflict');
    expect(deleting.message).to.equal('the definition "blend" is used by definition "acct" (Account), lifecycle rule "new-lead": change them first, or pass { force: true } to have it deleted anyway (what reads its score then reads no value)');

    // eng 30, blend 75, vip 5, acct 40, d1 80; forced, eng's readers read no value.
    await client.deactivate('eng', { force: true });
    expect(await values(client)).to.deep.equal({
      c1: { blend: 0 }, c2: { blend: 0 }, co1: { acct: 0 }, d1: { dealscore: 0 }, d2: { dealscore: 0 },
    });
    expect((await client.getHistory('c1', 'vip'))[0]).to.deep.include({ oldValue: 5, newValue: null, cause: { kind: 'property', ref: 'eng' } });
    await client.deleteDefinition('dealscore', { force: true });
    expect(await client.getUsage('acct')).to.deep.equal([{ kind: 'lifecycleRule', id: 'account-ready', name: 'account-ready' }]);
  });
});
