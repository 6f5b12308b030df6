// lifecycle.md §1, §2 and §5: the stage order, who may move a stage which way, custom stages and
// lead statuses.
import { describe, expect, test } from 'vitest';
import { decideChange, replayChanges, type LifecycleChange } from '../../src/lifecycle/history.ts';
import { defaultLeadStatuses } from '../../src/lifecycle/lead-status.ts';
import { addOption, removeOption, renameOption, reorderOptions } from '../../src/lifecycle/option-edits.ts';
import { recordLifecycle } from '../../src/lifecycle/record-lifecycle.ts';
import { defaultLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { changeSources } from '../../src/lifecycle/sources.ts';
import { defaultStages } from '../../src/lifecycle/stages.ts';

const stages = defaultStages();
const pipelines = { stages, leadStatuses: defaultLeadStatuses() };
const none = { stage: null, leadStatus: null };

function stage(value: string | null, source: string, at = 0): LifecycleChange {
  return { field: 'stage', value, at, source };
}

describe('the default stages and lead statuses (§1.1, §5.1)', () => {
  test('eight stages in order, with their labels', () => {
    expect(stages).toEqual([
      { id: 'subscriber', label: 'Subscriber' },
      { id: 'lead', label: 'Lead' },
      { id: 'marketingqualifiedlead', label: 'Marketing qualified lead' },
      { id: 'salesqualifiedlead', label: 'Sales qualified lead' },
      { id: 'opportunity', label: 'Opportunity' },
      { id: 'customer', label: 'Customer' },
      { id: 'evangelist', label: 'Evangelist' },
      { id: 'other', label: 'Other' },
    ]);
  });

  test('eight lead statuses with their labels', () => {
    expect(defaultLeadStatuses().map((status) => `${status.id}=${status.label}`)).toEqual([
      'NEW=New', 'OPEN=Open', 'IN_PROGRESS=In progress', 'OPEN_DEAL=Open deal', 'UNQUALIFIED=Unqualified',
      'ATTEMPTED_TO_CONTACT=Attempted to contact', 'CONNECTED=Connected', 'BAD_TIMING=Bad timing',
    ]);
  });
});

describe('direction (§2.2, §2.3)', () => {
  const automatic = changeSources.filter((source) => source !== 'manual');

  test.each(automatic)('%s moves forward, also skipping stages', (source) => {
    expect(decideChange(pipelines, { ...none, stage: 'lead' }, stage('customer', source))).toMatchObject({ refused: false, oldValue: 'lead', newValue: 'customer' });
  });

  test.each(automatic)('%s is refused a backward move, recorded with the reason', (source) => {
    expect(decideChange(pipelines, { ...none, stage: 'customer' }, stage('lead', source, 5))).toEqual({
      field: 'stage', oldValue: 'customer', newValue: 'lead', at: 5, source, refused: true, reason: 'backward',
    });
  });

  test.each(automatic)('%s may clear the stage, and set any stage from no value', (source) => {
    expect(decideChange(pipelines, { ...none, stage: 'customer' }, stage(null, source))).toMatchObject({ refused: false, newValue: null });
    expect(decideChange(pipelines, none, stage('subscriber', source))).toMatchObject({ refused: false, newValue: 'subscriber' });
  });

  test('a person moves either way', () => {
    expect(decideChange(pipelines, { ...none, stage: 'customer' }, stage('subscriber', 'manual'))).toMatchObject({ refused: false });
    expect(decideChange(pipelines, { ...none, stage: 'subscriber' }, stage('customer', 'manual'))).toMatchObject({ refused: false });
  });

  test('a source the spec does not name is automatic (decision L3)', () => {
    expect(decideChange(pipelines, { ...none, stage: 'customer' }, stage('lead', 'salesforce-sync'))).toMatchObject({ refused: true, reason: 'backward' });
  });

  test('setting the stage it has records nothing; an unknown stage is refused as unknown', () => {
    expect(decideChange(pipelines, { ...none, stage: 'lead' }, stage('lead', 'import'))).toBeNull();
    expect(decideChange(pipelines, { ...none, stage: 'lead' }, stage('prospect', 'manual'))).toMatchObject({ refused: true, reason: 'unknown_value' });
  });

  test('a refused backward import inside a batch of valid changes leaves the rest applied', () => {
    const { history, values } = replayChanges(pipelines, [
      stage('lead', 'form', 1),
      stage('salesqualifiedlead', 'import', 2),
      stage('marketingqualifiedlead', 'import', 3),
      stage('opportunity', 'import', 4),
      { field: 'leadStatus', value: 'OPEN_DEAL', at: 5, source: 'import' },
    ]);
    expect(values).toEqual({ stage: 'opportunity', leadStatus: 'OPEN_DEAL' });
    expect(history.map((entry) => `${entry.oldValue}→${entry.newValue}${entry.refused ? ` refused (${entry.reason})` : ''}`)).toEqual([
      'null→lead',
      'lead→salesqualifiedlead',
      'salesqualifiedlead→marketingqualifiedlead refused (backward)',
      'salesqualifiedlead→opportunity',
      'null→OPEN_DEAL',
    ]);
  });
});

describe('lead status (§5.1)', () => {
  test('any source sets any value, back and forth', () => {
    const { values, history } = replayChanges(pipelines, [
      { field: 'leadStatus', value: 'CONNECTED', at: 1, source: 'workflow' },
      { field: 'leadStatus', value: 'NEW', at: 2, source: 'import' },
    ]);
    expect(values.leadStatus).toBe('NEW');
    expect(history.every((entry) => !entry.refused)).toBe(true);
  });

  test('a value the settings do not know is refused', () => {
    expect(decideChange(pipelines, none, { field: 'leadStatus', value: 'HOT', at: 1, source: 'manual' })).toMatchObject({ refused: true, reason: 'unknown_value' });
  });
});

describe('custom stages (§1.2)', () => {
  const custom = addOption(stages, { id: 'demo_booked', label: 'Demo booked' }, { after: 'marketingqualifiedlead' });

  test('a stage inserted between two default ones takes its place in the order', () => {
    expect(custom.map((option) => option.id).slice(1, 5)).toEqual(['lead', 'marketingqualifiedlead', 'demo_booked', 'salesqualifiedlead']);
  });

  test('forward and backward follow the new order', () => {
    const withCustom = { ...pipelines, stages: custom };
    expect(decideChange(withCustom, { ...none, stage: 'marketingqualifiedlead' }, stage('demo_booked', 'workflow'))).toMatchObject({ refused: false });
    expect(decideChange(withCustom, { ...none, stage: 'salesqualifiedlead' }, stage('demo_booked', 'workflow'))).toMatchObject({ refused: true, reason: 'backward' });
  });

  test('a custom stage has the four calculated properties but no legacy became-a date; a move back below it clears the later standard dates', () => {
    const settings = defaultLifecycleSettings();
    settings.stages.contact = custom;
    const changes = [
      { recordId: 'c1', property: 'lifecyclestage', value: 'marketingqualifiedlead', at: '2026-01-01T00:00:00Z', source: 'form' },
      { recordId: 'c1', property: 'lifecyclestage', value: 'demo_booked', at: '2026-01-02T00:00:00Z', source: 'workflow' },
      { recordId: 'c1', property: 'lifecyclestage', value: 'salesqualifiedlead', at: '2026-01-03T00:00:00Z', source: 'api' },
      { recordId: 'c1', property: 'lifecyclestage', value: 'demo_booked', at: '2026-01-04T00:00:00Z', source: 'manual' },
    ];
    const state = recordLifecycle({ id: 'c1', objectType: 'contact' }, changes, settings, Date.parse('2026-01-05T00:00:00Z'));
    expect(state.properties).toEqual({
      date_entered_marketingqualifiedlead: '2026-01-01T00:00:00Z',
      date_exited_marketingqualifiedlead: '2026-01-02T00:00:00Z',
      latest_time_in_marketingqualifiedlead: 86_400,
      cumulative_time_in_marketingqualifiedlead: 86_400,
      became_a_marketingqualifiedlead_date: '2026-01-01T00:00:00Z',
      date_entered_demo_booked: '2026-01-04T00:00:00Z',
      date_exited_demo_booked: '2026-01-03T00:00:00Z',
      latest_time_in_demo_booked: 86_400,
      cumulative_time_in_demo_booked: 86_400,
      date_entered_salesqualifiedlead: '2026-01-03T00:00:00Z',
      date_exited_salesqualifiedlead: '2026-01-04T00:00:00Z',
      latest_time_in_salesqualifiedlead: 86_400,
      cumulative_time_in_salesqualifiedlead: 86_400,
    });
  });

  test('rename, reorder, and remove (with a replacement when in use: decision L1)', () => {
    expect(renameOption(stages, 'lead', 'Prospect')[1]).toEqual({ id: 'lead', label: 'Prospect' });
    const reversed = [...stages].reverse().map((option) => option.id);
    expect(reorderOptions(stages, reversed).map((option) => option.id)).toEqual(reversed);
    expect(() => reorderOptions(stages, reversed.slice(1))).toThrow('the new order: leaves out "other"');
    expect(() => removeOption(custom, 'demo_booked', 3)).toThrow('"demo_booked": 3 records hold it: name a replacement to move them to');
    expect(removeOption(custom, 'demo_booked', 3, 'salesqualifiedlead').map((option) => option.id)).toEqual(stages.map((option) => option.id));
    expect(removeOption(custom, 'demo_booked', 0)).toHaveLength(8);
    expect(() => addOption(stages, { id: 'lead', label: 'Again' })).toThrow('"lead" exists already');
    expect(() => addOption(stages, { id: 'has space', label: 'X' })).toThrow('must be letters, digits');
    expect(() => addOption(stages, { id: 'x', label: 'X' }, { before: 'nope' })).toThrow('"nope": does not exist');
  });
});
