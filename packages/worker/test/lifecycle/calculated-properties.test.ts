// lifecycle.md §3: every calculated property, with exact instants and second counts, for a contact
// that goes lead → MQL → SQL → back to lead (a person) → SQL, read at three different instants.
import { describe, expect, test } from 'vitest';
import type { CrmRecord, PropertyChange } from '../../src/model/dataset.ts';
import { recordLifecycle } from '../../src/lifecycle/record-lifecycle.ts';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';

const settings = defaultLifecycleSettings();
const contact: CrmRecord = { id: 'c1', objectType: 'contact' };

const t0 = '2026-01-01T00:00:00Z'; // lead, from a form
const t1 = '2026-01-03T12:00:00Z'; // MQL, by a workflow: 2.5 days as a lead = 216,000 s
const t2 = '2026-01-10T00:00:00Z'; // SQL, by a person: 6.5 days as MQL = 561,600 s
const t3 = '2026-01-20T06:00:00Z'; // back to lead, by a person: 10.25 days as SQL = 885,600 s
const t4 = '2026-02-01T00:00:00Z'; // SQL again, through the API: 11.75 days as a lead = 1,015,200 s

const history: PropertyChange[] = [
  { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: t0, source: 'form' },
  { recordId: 'c1', property: 'lifecyclestage', value: 'marketingqualifiedlead', at: t1, source: 'workflow' },
  { recordId: 'c1', property: 'lifecyclestage', value: 'salesqualifiedlead', at: t2, source: 'manual' },
  { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: t3, source: 'manual' },
  { recordId: 'c1', property: 'lifecyclestage', value: 'salesqualifiedlead', at: t4, source: 'api' },
];

function at(asOf: string) {
  return recordLifecycle(contact, history, settings, Date.parse(asOf));
}

describe('lead → MQL → SQL → lead (manual) → SQL', () => {
  test('in SQL for the first time (2026-01-15): SQL has no exit and no times yet', () => {
    const state = at('2026-01-15T00:00:00Z');
    expect(state.stage).toBe('salesqualifiedlead');
    expect(state.properties).toEqual({
      date_entered_lead: t0,
      date_exited_lead: t1,
      latest_time_in_lead: 216_000,
      cumulative_time_in_lead: 216_000,
      became_a_lead_date: t0,
      date_entered_marketingqualifiedlead: t1,
      date_exited_marketingqualifiedlead: t2,
      latest_time_in_marketingqualifiedlead: 561_600,
      cumulative_time_in_marketingqualifiedlead: 561_600,
      became_a_marketingqualifiedlead_date: t1,
      date_entered_salesqualifiedlead: t2,
      became_a_salesqualifiedlead_date: t2,
    });
    expect(state.refused).toEqual([]);
  });

  test('back in lead (2026-01-25): the lead times keep the first stay, the later became-a dates are cleared', () => {
    const state = at('2026-01-25T00:00:00Z');
    expect(state.stage).toBe('lead');
    expect(state.properties).toEqual({
      date_entered_lead: t3,
      date_exited_lead: t1,
      latest_time_in_lead: 216_000,
      cumulative_time_in_lead: 216_000,
      became_a_lead_date: t3,
      date_entered_marketingqualifiedlead: t1,
      date_exited_marketingqualifiedlead: t2,
      latest_time_in_marketingqualifiedlead: 561_600,
      cumulative_time_in_marketingqualifiedlead: 561_600,
      date_entered_salesqualifiedlead: t2,
      date_exited_salesqualifiedlead: t3,
      latest_time_in_salesqualifiedlead: 885_600,
      cumulative_time_in_salesqualifiedlead: 885_600,
    });
  });

  test('in SQL again (2026-03-01): lead has two completed stays, SQL keeps its previous stay, MQL was skipped', () => {
    const state = at('2026-03-01T00:00:00Z');
    expect(state.stage).toBe('salesqualifiedlead');
    expect(state.properties).toEqual({
      date_entered_lead: t3,
      date_exited_lead: t4,
      latest_time_in_lead: 1_015_200,
      cumulative_time_in_lead: 1_231_200,
      became_a_lead_date: t3,
      date_entered_marketingqualifiedlead: t1,
      date_exited_marketingqualifiedlead: t2,
      latest_time_in_marketingqualifiedlead: 561_600,
      cumulative_time_in_marketingqualifiedlead: 561_600,
      date_entered_salesqualifiedlead: t4,
      date_exited_salesqualifiedlead: t3,
      latest_time_in_salesqualifiedlead: 885_600,
      cumulative_time_in_salesqualifiedlead: 885_600,
      became_a_salesqualifiedlead_date: t4,
    });
  });

  test('before the first change the record has no stage and no properties', () => {
    const state = at('2025-12-31T23:59:59Z');
    expect(state.stage).toBeNull();
    expect(state.properties).toEqual({});
    expect(state.history).toEqual([]);
  });

  test('at the instant of a change the change has happened', () => {
    expect(at(t1).stage).toBe('marketingqualifiedlead');
    expect(at(t1).properties.latest_time_in_lead).toBe(216_000);
  });
});

describe('times in seconds (decision L6)', () => {
  test('a stay of 90.9 seconds counts 90 whole seconds', () => {
    const changes: PropertyChange[] = [
      { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: Date.parse('2026-01-01T00:00:00Z'), source: 'form' },
      { recordId: 'c1', property: 'lifecyclestage', value: 'customer', at: Date.parse('2026-01-01T00:01:30.900Z'), source: 'system' },
    ];
    const state = recordLifecycle(contact, changes, settings, Date.parse('2026-02-01T00:00:00Z'));
    expect(state.properties.latest_time_in_lead).toBe(90);
    expect(state.properties.date_exited_lead).toBe('2026-01-01T00:01:30.900Z');
  });
});

describe('clearing the stage (§2.2, §3.5)', () => {
  const changes: PropertyChange[] = [
    { recordId: 'c1', property: 'lifecyclestage', value: 'lead', at: '2026-01-01T00:00:00Z', source: 'form' },
    { recordId: 'c1', property: 'lifecyclestage', value: 'salesqualifiedlead', at: '2026-01-02T00:00:00Z', source: 'import' },
    { recordId: 'c1', property: 'lifecyclestage', value: 'subscriber', at: '2026-01-03T00:00:00Z', source: 'import' },
    { recordId: 'c1', property: 'lifecyclestage', value: null, at: '2026-01-04T00:00:00Z', source: 'integration' },
    { recordId: 'c1', property: 'lifecyclestage', value: 'subscriber', at: '2026-01-05T00:00:00Z', source: 'import' },
  ];
  const state = recordLifecycle(contact, changes, settings, Date.parse('2026-01-06T00:00:00Z'));

  test('an automatic backward move is refused; after a clear, an automatic source sets a lower stage', () => {
    expect(state.stage).toBe('subscriber');
    expect(state.refused).toEqual([{
      field: 'stage', oldValue: 'salesqualifiedlead', newValue: 'subscriber', at: Date.parse('2026-01-03T00:00:00Z'),
      source: 'import', refused: true, reason: 'backward',
    }]);
    expect(state.history.map((entry) => [entry.oldValue, entry.newValue, entry.refused])).toEqual([
      [null, 'lead', false],
      ['lead', 'salesqualifiedlead', false],
      ['salesqualifiedlead', 'subscriber', true],
      ['salesqualifiedlead', null, false],
      [null, 'subscriber', false],
    ]);
  });

  test('the clear ends the SQL stay; the became-a date of the latest stage stays (decision L5: from empty is reaching)', () => {
    expect(state.properties).toEqual({
      date_entered_lead: '2026-01-01T00:00:00Z',
      date_exited_lead: '2026-01-02T00:00:00Z',
      latest_time_in_lead: 86_400,
      cumulative_time_in_lead: 86_400,
      became_a_lead_date: '2026-01-01T00:00:00Z',
      date_entered_salesqualifiedlead: '2026-01-02T00:00:00Z',
      date_exited_salesqualifiedlead: '2026-01-04T00:00:00Z',
      latest_time_in_salesqualifiedlead: 172_800,
      cumulative_time_in_salesqualifiedlead: 172_800,
      became_a_salesqualifiedlead_date: '2026-01-02T00:00:00Z',
      date_entered_subscriber: '2026-01-05T00:00:00Z',
      became_a_subscriber_date: '2026-01-05T00:00:00Z',
    });
  });
});

describe('a record without a recorded change (decision L2)', () => {
  test('its current stage counts as imported when it was created', () => {
    const record: CrmRecord = { id: 'c2', objectType: 'contact', createdAt: '2026-03-01', properties: { lifecyclestage: 'lead', hs_lead_status: 'NEW' } };
    const state = recordLifecycle(record, [], settings, Date.parse('2026-03-02T00:00:00Z'));
    expect(state).toMatchObject({ stage: 'lead', leadStatus: 'NEW' });
    expect(state.properties).toEqual({ date_entered_lead: '2026-03-01T00:00:00Z', became_a_lead_date: '2026-03-01T00:00:00Z' });
  });

  test('without createdAt it is the stage throughout, with no dates', () => {
    const record: CrmRecord = { id: 'c3', objectType: 'contact', properties: { lifecyclestage: 'customer' } };
    const state = recordLifecycle(record, [], settings, Date.parse('2026-03-02T00:00:00Z'));
    expect(state.stage).toBe('customer');
    expect(state.properties).toEqual({});
  });

  test('recorded changes win over the current property', () => {
    const record: CrmRecord = { id: 'c1', objectType: 'contact', createdAt: '2026-01-01', properties: { lifecyclestage: 'customer' } };
    expect(recordLifecycle(record, history, settings, Date.parse('2026-01-02T00:00:00Z')).stage).toBe('lead');
  });
});
