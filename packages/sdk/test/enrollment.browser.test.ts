// Decision L10 through the client: a score or time rule, once saved, does not act on the records
// that already meet it (HubSpot's default); countEnrollment says how many do and what applying it
// would do, enrollExisting applies it in one transaction, recorded as source `workflow` with the
// rule's id and `enrollment: true`. Also what the settings screen previews: a list's members before
// it is saved, and how many records hold a stage before it is removed.
import { expect } from '@esm-bundle/chai';
import type { AutomationEvent, Definition, LeadscoreClient, WriteProgress } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, open, rejection, until } from './helpers.ts';

/** 10 points a form: 6 forms make 60. */
const engagement: Definition = {
  id: 'eng',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [{ id: 'forms', rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
};

const mqlRule = { id: 'mql', definitionId: 'eng', when: { atLeast: 50 }, actions: [{ type: 'setStage' as const, stage: 'marketingqualifiedlead' }] };

/**
 * Five contacts: c1 lead with 60, c2 subscriber with 50, c3 SQL with 80, c4 lead with 40, c5 no
 * stage with 10. "≥ 50 → MQL": c1, c2, c3 meet it; c3 is past MQL, so 2 to apply and 1 refused.
 */
async function fiveContacts(label: string): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.upsertRecords(['c1', 'c2', 'c3', 'c4', 'c5'].map((id) => ({ id, objectType: 'contact' as const, properties: { firstname: id.toUpperCase() } })));
  await client.setLifecycle([
    { recordId: 'c1', stage: 'lead', source: 'manual' },
    { recordId: 'c2', stage: 'subscriber', source: 'manual' },
    { recordId: 'c3', stage: 'salesqualifiedlead', source: 'manual' },
    { recordId: 'c4', stage: 'lead', source: 'manual' },
  ]);
  const forms = { c1: 6, c2: 5, c3: 8, c4: 4, c5: 1 };
  const at = Date.now() - 60_000;
  await client.trackEvents(Object.entries(forms).flatMap(([recordId, count]) =>
    Array.from({ length: count }, (_, i) => ({ id: `${recordId}-f${i}`, recordId, type: 'form_submission', occurredAt: new Date(at + i).toISOString() }))));
  await client.saveDraft(engagement);
  await client.activate('eng');
  return client;
}

const stages = async (client: LeadscoreClient) =>
  Object.fromEntries(await Promise.all(['c1', 'c2', 'c3', 'c4', 'c5'].map(async (id) => [id, (await client.getLifecycle(id)).stage])));

describe('rules applied to the records that already meet them (decision L10)', () => {
  afterEach(cleanUp);

  it('a saved score rule leaves who already qualifies alone; counted (3 match, 2 to apply, 1 refused), then applied', async () => {
    const client = await fiveContacts('enroll-score');
    expect((await client.getScores('c1'))[0]?.value).to.equal(60);

    // Counted before it is saved: the unsaved rule, checked against the saved settings.
    const before = await client.countEnrollment({ scoreRule: mqlRule });
    expect({ ...before, asOf: undefined }).to.deep.equal({ ruleId: 'mql', kind: 'score', matching: 3, toApply: 2, refused: 1, unchanged: 0, sample: ['c1', 'c2'], asOf: undefined });

    await client.saveLifecycleSettings({ scoreRules: [mqlRule] });
    // The default, as HubSpot's: saving the rule moves nobody who already meets it.
    expect(await stages(client)).to.deep.equal({ c1: 'lead', c2: 'subscriber', c3: 'salesqualifiedlead', c4: 'lead', c5: null });

    const progress: WriteProgress[] = [];
    const receipt = await client.enrollExisting('mql', (report) => progress.push(report));
    expect({ ...receipt, refused: receipt.refused.map(({ recordId, oldValue, newValue, source, reason, ruleId, enrollment }) => ({ recordId, oldValue, newValue, source, reason, ruleId, enrollment })) }).to.deep.equal({
      ruleId: 'mql', matching: 3, applied: 2, changes: 2, emitted: 0, unchanged: 0, rescored: 0,
      refused: [{ recordId: 'c3', oldValue: 'salesqualifiedlead', newValue: 'marketingqualifiedlead', source: 'workflow', reason: 'backward', ruleId: 'mql', enrollment: true }],
    });
    expect(progress.at(0)).to.deep.equal({ done: 0, total: 3 });
    expect(progress.at(-1)).to.deep.equal({ done: 3, total: 3 });
    expect(await stages(client)).to.deep.equal({ c1: 'marketingqualifiedlead', c2: 'marketingqualifiedlead', c3: 'salesqualifiedlead', c4: 'lead', c5: null });

    // History tells the enrollment apart: source workflow, the rule, enrollment; the refusal is recorded too (§2.2).
    const { history } = await client.getLifecycle('c1');
    expect({ ...history.at(-1), at: undefined }).to.deep.equal({ field: 'stage', oldValue: 'lead', newValue: 'marketingqualifiedlead', at: undefined, source: 'workflow', refused: false, ruleId: 'mql', enrollment: true });
    expect((await client.getLifecycle('c3')).history.filter((entry) => entry.refused).map((entry) => `${entry.oldValue}→${entry.newValue} ${entry.source} ${entry.ruleId} ${entry.enrollment}`))
      .to.deep.equal(['salesqualifiedlead→marketingqualifiedlead workflow mql true']);

    // Counted again: nobody left to move; c3 would still be refused.
    const after = await client.countEnrollment({ ruleId: 'mql' });
    expect([after.matching, after.toApply, after.refused, after.unchanged, after.sample]).to.deep.equal([3, 0, 1, 2, []]);
  });

  it('a rule crossing later still fires as before, naming its rule but not as an enrollment', async () => {
    const client = await fiveContacts('enroll-crossing');
    await client.saveLifecycleSettings({ scoreRules: [mqlRule] });
    await client.trackEvents([{ id: 'c4-f9', recordId: 'c4', type: 'form_submission', occurredAt: new Date(Date.now() - 1_000).toISOString() }]);
    const last = (await client.getLifecycle('c4')).history.at(-1);
    expect([last?.newValue, last?.source, last?.ruleId, last?.enrollment]).to.deep.equal(['marketingqualifiedlead', 'workflow', 'mql', undefined]);
  });

  it('1,200 records: progress as the chunks of 500 are decided, and every one moved', async () => {
    const client = open(freshDbName('enroll-large'));
    const ids = Array.from({ length: 1_200 }, (_, i) => `p${String(i).padStart(4, '0')}`);
    await client.upsertRecords(ids.map((id) => ({ id, objectType: 'contact' as const })));
    await client.trackEvents(ids.map((id) => ({ id: `${id}-f`, recordId: id, type: 'form_submission', occurredAt: new Date(Date.now() - 60_000).toISOString() })));
    await client.saveDraft(engagement);
    await client.activate('eng');
    await client.saveLifecycleSettings({ scoreRules: [{ id: 'to-lead', definitionId: 'eng', when: { atLeast: 10 }, actions: [{ type: 'setStage', stage: 'lead' }] }] });
    expect((await client.countEnrollment({ ruleId: 'to-lead' })).toApply).to.equal(1_200);
    const progress: WriteProgress[] = [];
    const receipt = await client.enrollExisting('to-lead', (report) => progress.push(report));
    expect(progress).to.deep.equal([{ done: 0, total: 1_200 }, { done: 500, total: 1_200 }, { done: 1_000, total: 1_200 }, { done: 1_200, total: 1_200 }]);
    expect([receipt.matching, receipt.applied, receipt.changes, receipt.refused.length]).to.deep.equal([1_200, 1_200, 1_200, 0]);
    expect(await client.countHolders('stage', 'lead')).to.equal(1_200);
  });

  it('refuses a rule switched off, an unknown rule and an invalid unsaved one, storing nothing', async () => {
    const client = await fiveContacts('enroll-refused');
    await client.saveLifecycleSettings({ scoreRules: [{ ...mqlRule, enabled: false }] });
    expect((await rejection(client.enrollExisting('mql'))).message).to.contain('"mql" is switched off');
    expect((await rejection(client.enrollExisting('nope'))).code).to.equal('not_found');
    const invalid = await rejection(client.countEnrollment({ scoreRule: { ...mqlRule, actions: [{ type: 'setStage', stage: 'hot' }] } }));
    expect(invalid.issues?.map((issue) => issue.message)).to.deep.equal(['rule.actions[0].stage names the stage "hot", which the pipeline does not have']);
    expect((await rejection(client.countEnrollment({} as never))).code).to.equal('invalid_input');
    expect(await stages(client)).to.deep.equal({ c1: 'lead', c2: 'subscriber', c3: 'salesqualifiedlead', c4: 'lead', c5: null });
  });

  it('a time rule: "entered SQL more than 5 days ago and still SQL" fires for who already is, once per stay', async () => {
    const client = open(freshDbName('enroll-time'));
    await client.upsertRecords(['c1', 'c2', 'c3'].map((id) => ({ id, objectType: 'contact' as const })));
    const now = Date.now();
    await client.setLifecycle([
      { recordId: 'c1', stage: 'salesqualifiedlead', source: 'manual', at: now - 10 * DAY_MS },
      { recordId: 'c2', stage: 'salesqualifiedlead', source: 'manual', at: now - 2 * DAY_MS },
      { recordId: 'c3', stage: 'salesqualifiedlead', source: 'manual', at: now - 12 * DAY_MS },
      { recordId: 'c3', stage: 'opportunity', source: 'manual', at: now - 3 * DAY_MS },
    ]);
    const rule = { id: 'follow-up', stage: 'salesqualifiedlead', measure: 'date_entered' as const, moreThanDays: 5, actions: [{ type: 'emit' as const, event: 'follow_up' }] };
    await client.saveLifecycleSettings({ timeRules: [rule] });
    const events: AutomationEvent[] = [];
    await client.onAutomation((event) => events.push(event));
    await client.catchUp();
    expect(events).to.deep.equal([]);

    const count = await client.countEnrollment({ ruleId: 'follow-up' });
    expect([count.kind, count.matching, count.toApply, count.refused, count.unchanged, count.sample]).to.deep.equal(['time', 1, 1, 0, 0, ['c1']]);
    const receipt = await client.enrollExisting('follow-up');
    expect([receipt.matching, receipt.applied, receipt.changes, receipt.emitted]).to.deep.equal([1, 1, 0, 1]);
    await until(() => events.length >= 1);
    expect(events.map(({ ruleId, recordId, event, enrollment }) => ({ ruleId, recordId, event, enrollment }))).to.deep.equal([{ ruleId: 'follow-up', recordId: 'c1', event: 'follow_up', enrollment: true }]);
    // Fired for c1's stay: neither counted again nor fired again by the schedule.
    expect((await client.countEnrollment({ ruleId: 'follow-up' })).matching).to.equal(0);
    await client.catchUp();
    expect(events).to.have.length(1);
  });
});

describe('what the settings screen previews', () => {
  afterEach(cleanUp);

  it('a list\'s members before it is saved, static and dynamic', async () => {
    const client = await fiveContacts('list-preview');
    await client.upsertRecords([{ id: 'co1', objectType: 'company' }]);
    const dynamic = await client.previewList({ id: 'hot', objectType: 'contact', condition: { property: 'firstname', operator: 'is_any_of', values: ['C1', 'C2', 'C3'] } }, { limit: 2 });
    expect(dynamic).to.deep.equal({ listId: 'hot', size: 3, members: [{ id: 'c1', name: 'C1' }, { id: 'c2', name: 'C2' }] });
    const staticList = await client.previewList({ id: 'picked', objectType: 'contact', recordIds: ['c5', 'c4', 'c4', 'co1', 'gone'] });
    expect(staticList).to.deep.equal({ listId: 'picked', size: 2, members: [{ id: 'c4', name: 'C4' }, { id: 'c5', name: 'C5' }] });
    expect((await rejection(client.previewList({ id: 'x', objectType: 'contact', condition: { operator: 'in_list', value: 'missing' } }))).code).to.equal('invalid_input');
    expect((await rejection(client.previewList({ id: 'x', objectType: 'contact' }, { limit: 101 }))).issues?.[0]?.path).to.equal('options.limit');
    expect(await client.getLists()).to.deep.equal([]);
    await client.saveLists([{ id: 'vip', objectType: 'contact', recordIds: ['c2'] }, { id: 'hot', objectType: 'contact', condition: { property: 'firstname', operator: 'eq', value: 'C1' } }]);
    expect(await client.getLists()).to.deep.equal([
      { id: 'hot', objectType: 'contact', condition: { property: 'firstname', operator: 'eq', value: 'C1' } },
      { id: 'vip', objectType: 'contact', recordIds: ['c2'] },
    ]);
    // A list that names a saved one sees the saved one's members.
    expect((await client.previewList({ id: 'both', objectType: 'contact', condition: { any: [{ operator: 'in_list', value: 'vip' }, { operator: 'in_list', value: 'hot' }] } })).members.map((m) => m.id)).to.deep.equal(['c1', 'c2']);
  });

  it('how many records hold a stage or a lead status', async () => {
    const client = await fiveContacts('holders');
    expect(await client.countHolders('stage', 'lead', 'contact')).to.equal(2);
    expect(await client.countHolders('stage', 'lead', 'company')).to.equal(0);
    expect(await client.countHolders('stage', 'salesqualifiedlead')).to.equal(1);
    expect(await client.countHolders('leadStatus', 'OPEN')).to.equal(0);
    expect((await rejection(client.countHolders('status' as never, 'x'))).issues?.[0]?.path).to.equal('field');
  });
});
