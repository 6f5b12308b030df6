// lifecycle.md through the client: stages and lead status with their sources, the calculated
// properties from the stored history, refusals that never fail a batch, custom stages, and the
// automations (deals, companies following contacts, score rules, time rules).
import { expect } from '@esm-bundle/chai';
import type { AutomationEvent, Definition, LeadscoreClient, LifecycleNotice } from '../src/index.ts';
import { cleanUp, DAY_MS, freshDbName, open, rejection, startClockWorker, until } from './helpers.ts';

const t0 = '2026-01-01T00:00:00Z';
const t1 = '2026-01-03T12:00:00Z';
const t2 = '2026-01-10T00:00:00Z';
const t3 = '2026-01-20T06:00:00Z';
const t4 = '2026-02-01T00:00:00Z';

const formEngagement: Definition = {
  id: 'engagement',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [{ id: 'forms', rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
};

async function withContacts(label: string, ids: string[]): Promise<LeadscoreClient> {
  const client = open(freshDbName(label));
  await client.upsertRecords(ids.map((id) => ({ id, objectType: 'contact' as const })));
  return client;
}

const stageHistory = async (client: LeadscoreClient, id: string) =>
  (await client.getLifecycle(id)).history.filter((entry) => entry.field === 'stage').map((entry) => `${entry.oldValue}→${entry.newValue} ${entry.source}${entry.refused ? ' refused' : ''}`);

describe('lifecycle: stages and calculated properties', () => {
  afterEach(cleanUp);

  it('lead → MQL → SQL → lead (manual) → SQL: every calculated property from the stored history', async () => {
    const client = await withContacts('lifecycle-props', ['c1']);
    const receipt = await client.setLifecycle([
      { recordId: 'c1', stage: 'lead', source: 'form', at: t0 },
      { recordId: 'c1', stage: 'marketingqualifiedlead', source: 'workflow', at: t1 },
      { recordId: 'c1', stage: 'salesqualifiedlead', source: 'manual', at: t2 },
      { recordId: 'c1', stage: 'lead', source: 'manual', at: t3 },
      { recordId: 'c1', stage: 'salesqualifiedlead', source: 'api', at: t4 },
    ]);
    expect(receipt).to.deep.equal({ applied: 5, unchanged: 0, refused: [], rescored: 0 });

    const back = await client.getLifecycle('c1', '2026-01-25T00:00:00Z');
    expect(back.stage).to.equal('lead');
    expect(back.properties).to.deep.equal({
      date_entered_lead: t3, date_exited_lead: t1, latest_time_in_lead: 216_000, cumulative_time_in_lead: 216_000, became_a_lead_date: t3,
      date_entered_marketingqualifiedlead: t1, date_exited_marketingqualifiedlead: t2,
      latest_time_in_marketingqualifiedlead: 561_600, cumulative_time_in_marketingqualifiedlead: 561_600,
      date_entered_salesqualifiedlead: t2, date_exited_salesqualifiedlead: t3,
      latest_time_in_salesqualifiedlead: 885_600, cumulative_time_in_salesqualifiedlead: 885_600,
    });
    const now = await client.getLifecycle('c1', '2026-03-01T00:00:00Z');
    expect(now.properties.cumulative_time_in_lead).to.equal(1_231_200);
    expect(now.stages.find((stage) => stage.id === 'salesqualifiedlead')).to.deep.equal({
      id: 'salesqualifiedlead', label: 'Sales qualified lead', dateEntered: t4, dateExited: t3, latestTimeIn: 885_600, cumulativeTimeIn: 885_600, becameADate: t4,
    });
    // The record's property is the current stage, so score rules on lifecyclestage read it.
    const [record] = (await client.exportDataset()).records;
    expect(record?.properties?.lifecyclestage).to.equal('salesqualifiedlead');
  });

  it('a refused backward import inside a batch of valid changes: recorded, reported, the rest applied', async () => {
    const client = await withContacts('lifecycle-refused', ['c1', 'c2', 'c3']);
    await client.setLifecycle([{ recordId: 'c2', stage: 'salesqualifiedlead', source: 'manual' }]);
    const receipt = await client.setLifecycle([
      { recordId: 'c1', stage: 'customer', source: 'import' },
      { recordId: 'c2', stage: 'lead', source: 'import' },
      { recordId: 'c3', stage: 'subscriber', leadStatus: 'OPEN', source: 'import' },
    ]);
    expect(receipt.applied).to.equal(3);
    expect(receipt.refused.map(({ index, recordId, oldValue, newValue, source, reason }) => ({ index, recordId, oldValue, newValue, source, reason }))).to.deep.equal([
      { index: 1, recordId: 'c2', oldValue: 'salesqualifiedlead', newValue: 'lead', source: 'import', reason: 'backward' },
    ]);
    expect((await client.getLifecycle('c2')).stage).to.equal('salesqualifiedlead');
    expect(await stageHistory(client, 'c2')).to.deep.equal(['null→salesqualifiedlead manual', 'salesqualifiedlead→lead import refused']);
    expect(await client.getLifecycle('c3')).to.include({ stage: 'subscriber', leadStatus: 'OPEN' });
  });

  it('a record upsert that moves the stage backward keeps the stored stage and reports the refusal', async () => {
    const client = await withContacts('lifecycle-upsert', ['c1']);
    await client.setLifecycle([{ recordId: 'c1', stage: 'opportunity', source: 'manual' }]);
    const receipt = await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { lifecyclestage: 'lead', jobtitle: 'CTO' } }]);
    expect(receipt.refused?.map((refusal) => [refusal.index, refusal.newValue, refusal.source, refusal.reason])).to.deep.equal([[0, 'lead', 'api', 'backward']]);
    const [record] = (await client.exportDataset()).records;
    expect(record?.properties).to.deep.equal({ lifecyclestage: 'opportunity', jobtitle: 'CTO' });
  });

  it('clear, then set backwards from an automatic source', async () => {
    const client = await withContacts('lifecycle-clear', ['c1']);
    await client.setLifecycle([{ recordId: 'c1', stage: 'customer', source: 'import' }]);
    const refused = await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'integration' }]);
    expect(refused.refused).to.have.length(1);
    const cleared = await client.setLifecycle([
      { recordId: 'c1', stage: null, source: 'integration' },
      { recordId: 'c1', stage: 'lead', source: 'integration' },
    ]);
    expect(cleared).to.include({ applied: 2 });
    expect(cleared.refused).to.deep.equal([]);
    const state = await client.getLifecycle('c1');
    expect(state.stage).to.equal('lead');
    expect(await stageHistory(client, 'c1')).to.deep.equal([
      'null→customer import', 'customer→lead integration refused', 'customer→null integration', 'null→lead integration',
    ]);
    // §3.5: clearing keeps the became-a date of the latest stage.
    expect(state.properties).to.have.property('became_a_customer_date');
  });

  it('rejects a batch naming an unknown record, a deal or a stage the pipeline lacks, naming each item', async () => {
    const client = await withContacts('lifecycle-invalid', ['c1']);
    await client.upsertRecords([{ id: 'd1', objectType: 'deal' }]);
    const error = await rejection(client.setLifecycle([
      { recordId: 'c1', stage: 'lead', source: 'manual' },
      { recordId: 'nobody', stage: 'lead', source: 'manual' },
      { recordId: 'd1', stage: 'lead', source: 'manual' },
      { recordId: 'c1', stage: 'hot', source: 'manual' },
    ]));
    expect(error.code).to.equal('invalid_input');
    expect(error.items?.map((item) => item.index)).to.deep.equal([1, 2, 3]);
    expect((await client.getLifecycle('c1')).stage).to.equal(null);
  });
});

describe('lifecycle: custom stages and settings', () => {
  afterEach(cleanUp);

  it('a custom stage inserted between two default ones orders forward and backward', async () => {
    const client = await withContacts('lifecycle-custom', ['c1']);
    const settings = await client.editStages('contact', { add: { id: 'demo_booked', label: 'Demo booked' }, after: 'marketingqualifiedlead' });
    expect(settings.stages.contact.map((stage) => stage.id).slice(2, 5)).to.deep.equal(['marketingqualifiedlead', 'demo_booked', 'salesqualifiedlead']);
    await client.setLifecycle([{ recordId: 'c1', stage: 'marketingqualifiedlead', source: 'form' }]);
    expect((await client.setLifecycle([{ recordId: 'c1', stage: 'demo_booked', source: 'workflow' }])).refused).to.deep.equal([]);
    expect((await client.setLifecycle([{ recordId: 'c1', stage: 'marketingqualifiedlead', source: 'api' }])).refused[0]?.reason).to.equal('backward');
    const state = await client.getLifecycle('c1');
    expect(state.stage).to.equal('demo_booked');
    expect(state.properties).to.have.property('date_entered_demo_booked');
    expect(state.properties).not.to.have.property('became_a_demo_booked_date');
  });

  it('removing a stage records hold needs a replacement, and moves them', async () => {
    const client = await withContacts('lifecycle-remove', ['c1']);
    await client.editStages('contact', { add: { id: 'demo_booked', label: 'Demo booked' }, after: 'marketingqualifiedlead' });
    await client.setLifecycle([{ recordId: 'c1', stage: 'demo_booked', source: 'manual' }]);
    const error = await rejection(client.editStages('contact', { remove: 'demo_booked' }));
    expect(error.code).to.equal('invalid_input');
    expect(error.message).to.contain('1 record holds it: name a replacement');
    await client.editStages('contact', { remove: 'demo_booked', replacement: 'salesqualifiedlead' });
    expect((await client.getLifecycle('c1')).stage).to.equal('salesqualifiedlead');
    expect((await client.getLifecycleSettings()).stages.contact).to.have.length(8);
  });

  it('custom lead statuses: added, set by any source, removed with a replacement', async () => {
    const client = await withContacts('lifecycle-statuses', ['c1']);
    const settings = await client.editLeadStatuses({ add: { id: 'NURTURE', label: 'Nurture' }, before: 'NEW' });
    expect(settings.leadStatuses.slice(0, 2)).to.deep.equal([{ id: 'NURTURE', label: 'Nurture' }, { id: 'NEW', label: 'New' }]);
    await client.setLifecycle([{ recordId: 'c1', leadStatus: 'CONNECTED', source: 'api' }]);
    expect((await client.setLifecycle([{ recordId: 'c1', leadStatus: 'NURTURE', source: 'api' }])).refused).to.deep.equal([]);
    await client.editLeadStatuses({ remove: 'NURTURE', replacement: 'OPEN' });
    expect((await client.getLifecycle('c1')).leadStatus).to.equal('OPEN');
    await client.editLeadStatuses({ rename: 'OPEN', label: 'Open for talks' });
    expect((await client.getLifecycleSettings()).leadStatuses.find((status) => status.id === 'OPEN')?.label).to.equal('Open for talks');
  });

  it('settings are validated and kept; a rule naming an unknown stage is refused', async () => {
    const client = open(freshDbName('lifecycle-settings'));
    const error = await rejection(client.saveLifecycleSettings({ scoreRules: [{ id: 'r', definitionId: 'd', when: { atLeast: 5 }, actions: [{ type: 'setStage', stage: 'hot' }] }] }));
    expect(error.code).to.equal('invalid_input');
    expect(error.issues?.map((issue) => issue.message)).to.deep.equal(['scoreRules[0].actions[0].stage names the stage "hot", which the pipeline does not have']);
    await client.saveLifecycleSettings({ automations: { companyFollowsContacts: { enabled: false } } });
    expect((await client.getLifecycleSettings()).automations.companyFollowsContacts.enabled).to.equal(false);
  });
});

describe('lifecycle: automations', () => {
  afterEach(cleanUp);

  it('a score crossing its threshold moves the contact to MQL exactly once', async () => {
    const client = await withContacts('lifecycle-score-rule', ['c1']);
    await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'form' }]);
    await client.saveDraft(formEngagement);
    await client.activate('engagement');
    // A score rule names an active definition (decision D25).
    await client.saveLifecycleSettings({
      scoreRules: [{ id: 'mql', definitionId: 'engagement', when: { atLeast: 20 }, actions: [{ type: 'setStage', stage: 'marketingqualifiedlead' }] }],
    });
    const at = Date.now() - 60_000;
    for (let i = 1; i <= 4; i++) {
      await client.trackEvents([{ id: `f${i}`, recordId: 'c1', type: 'form_submission', occurredAt: new Date(at + i).toISOString() }]);
    }
    expect((await client.getScores('c1'))[0]?.value).to.equal(40);
    expect(await stageHistory(client, 'c1')).to.deep.equal(['null→lead form', 'lead→marketingqualifiedlead workflow']);
  });

  it('a deal associated with a contact and a company makes them opportunities; won, customers', async () => {
    const client = open(freshDbName('lifecycle-deals'));
    await client.upsertRecords([
      { id: 'co1', objectType: 'company' },
      { id: 'c1', objectType: 'contact', associations: { companies: ['co1'] } },
      { id: 'c2', objectType: 'contact' },
    ]);
    await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'form' }, { recordId: 'co1', stage: 'lead', source: 'form' }]);
    await client.upsertRecords([{ id: 'd1', objectType: 'deal', properties: { dealstage: 'appointmentscheduled' }, associations: { contacts: ['c1'], companies: ['co1'] } }]);
    expect((await client.getLifecycle('c1')).stage).to.equal('opportunity');
    expect((await client.getLifecycle('co1')).stage).to.equal('opportunity');
    await client.associate([{ from: 'd1', to: 'c2' }]);
    expect((await client.getLifecycle('c2')).stage).to.equal('opportunity');

    // An upsert that gives the associations stores them as given.
    await client.upsertRecords([{ id: 'd1', objectType: 'deal', properties: { dealstage: 'closedwon' }, associations: { contacts: ['c1', 'c2'], companies: ['co1'] } }]);
    for (const id of ['c1', 'c2', 'co1']) {
      const state = await client.getLifecycle(id);
      expect(state.stage, id).to.equal('customer');
      expect(state.history.at(-1)?.source, id).to.equal('system');
    }
  });

  it('a company follows its most advanced contact, forward only', async () => {
    const client = open(freshDbName('lifecycle-follow'));
    await client.upsertRecords([
      { id: 'co1', objectType: 'company' },
      { id: 'c1', objectType: 'contact', associations: { companies: ['co1'] } },
      { id: 'c2', objectType: 'contact', associations: { companies: ['co1'] } },
    ]);
    await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'form' }]);
    expect((await client.getLifecycle('co1')).stage).to.equal('lead');
    await client.setLifecycle([{ recordId: 'c2', stage: 'salesqualifiedlead', source: 'manual' }]);
    expect((await client.getLifecycle('co1')).stage).to.equal('salesqualifiedlead');
    // c2 moving back does not move the company back (automations move forward only).
    await client.setLifecycle([{ recordId: 'c2', stage: 'subscriber', source: 'manual' }]);
    const company = await client.getLifecycle('co1');
    expect(company.stage).to.equal('salesqualifiedlead');
    expect(company.history.filter((entry) => entry.refused)).to.deep.equal([]);
  });

  it('a new contact from a form is a lead (on-creation automation)', async () => {
    const client = open(freshDbName('lifecycle-creation'));
    await client.upsertRecords([{ id: 'c1', objectType: 'contact' }], { createdVia: 'form' });
    await client.upsertRecords([{ id: 'c2', objectType: 'contact' }], { createdVia: 'subscription' });
    await client.upsertRecords([{ id: 'c3', objectType: 'contact' }]);
    expect((await client.getLifecycle('c1')).stage).to.equal('lead');
    expect((await client.getLifecycle('c2')).stage).to.equal('subscriber');
    expect((await client.getLifecycle('c3')).stage).to.equal(null);
  });

  it('time rules: "entered SQL more than N days ago and still in SQL" emits an event once per stay, also when it comes due later', async () => {
    const client = await withContacts('lifecycle-time-rule', ['c1', 'c2']);
    await client.saveLifecycleSettings({
      timeRules: [
        { id: 'follow-up', stage: 'salesqualifiedlead', measure: 'date_entered', moreThanDays: 5, actions: [{ type: 'emit', event: 'follow_up', data: { owner: 'sales' } }] },
        // 1.5 seconds: comes due while the client is open.
        { id: 'quick', stage: 'opportunity', measure: 'date_entered', moreThanDays: 1.5 / 86_400, actions: [{ type: 'emit', event: 'quick' }] },
      ],
    });
    const events: AutomationEvent[] = [];
    await client.onAutomation((event) => events.push(event));
    const sixDaysAgo = Date.now() - 6 * DAY_MS;
    await client.setLifecycle([{ recordId: 'c1', stage: 'salesqualifiedlead', source: 'manual', at: sixDaysAgo }]);
    await until(() => events.length >= 1);
    expect(events[0]).to.deep.include({ ruleId: 'follow-up', recordId: 'c1', event: 'follow_up', data: { owner: 'sales' }, id: `follow-up:c1:${sixDaysAgo}` });

    await client.setLifecycle([{ recordId: 'c2', stage: 'opportunity', source: 'manual' }]);
    expect(events.filter((event) => event.ruleId === 'quick')).to.have.length(0);
    await until(() => events.some((event) => event.ruleId === 'quick'), 10_000);
    await client.catchUp();
    expect(events.map((event) => `${event.ruleId}:${event.recordId}`)).to.deep.equal(['follow-up:c1', 'quick:c2']);
  });

  it('a time rule that came due while no page was open fires on the next start (catch-up), once', async () => {
    const dbName = freshDbName('lifecycle-time-closed');
    const first = open(dbName);
    await first.upsertRecords([{ id: 'c1', objectType: 'contact' }]);
    await first.saveLifecycleSettings({
      timeRules: [{ id: 'follow-up', stage: 'salesqualifiedlead', measure: 'date_entered', moreThanDays: 5, actions: [{ type: 'emit', event: 'follow_up' }] }],
    });
    await first.setLifecycle([{ recordId: 'c1', stage: 'salesqualifiedlead', source: 'manual' }]);
    // Another tab, at today's clock, hears what the later start emits.
    const events: AutomationEvent[] = [];
    await first.onAutomation((event) => events.push(event));
    // A page opened six days later: its worker's clock runs six days ahead.
    const later = open(dbName, startClockWorker(6 * DAY_MS));
    await later.listDefinitions();
    await until(() => events.length >= 1);
    expect(events.map((event) => `${event.ruleId}:${event.recordId}:${event.event}`)).to.deep.equal(['follow-up:c1:follow_up']);
    await later.catchUp();
    await first.catchUp();
    expect(events).to.have.length(1);
  });

  it('notifies lifecycle changes, refused ones too, to the record subscriber', async () => {
    const client = await withContacts('lifecycle-notices', ['c1']);
    const changes: LifecycleNotice[] = [];
    await client.onLifecycle((change) => changes.push(change), 'c1');
    await client.setLifecycle([{ recordId: 'c1', stage: 'customer', source: 'import' }, { recordId: 'c1', stage: 'lead', source: 'import' }]);
    await until(() => changes.length >= 2);
    expect(changes.map((change) => [change.oldValue, change.newValue, change.refused])).to.deep.equal([[null, 'customer', false], ['customer', 'lead', true]]);
  });
});
