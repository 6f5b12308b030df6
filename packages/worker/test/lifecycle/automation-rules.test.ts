// lifecycle.md §6: the pure decisions behind the automations.
import { describe, expect, test } from 'vitest';
import { isWonDeal, mostAdvancedStage, scoreRuleFires, stageOnCreation, timeRuleDueAt, timeRuleMatches } from '../../src/lifecycle/automation-rules.ts';
import { defaultLifecycleSettings, validateLifecycleSettings, type ScoreRule, type TimeRule } from '../../src/lifecycle/settings.ts';
import { defaultStages } from '../../src/lifecycle/stages.ts';

const DAY = 86_400_000;
const settings = defaultLifecycleSettings();

describe('score rules (§6.2)', () => {
  const toMql: ScoreRule = {
    id: 'mql', enabled: true, objectType: 'contact', definitionId: 'engagement', when: { atLeast: 50 },
    actions: [{ type: 'setStage', stage: 'marketingqualifiedlead' }],
  };

  test('fires when the score crosses the threshold, not while it stays above it', () => {
    const values = [null, 20, 49, 50, 70, 55, 30, 60];
    const fired = values.slice(1).map((value, i) => scoreRuleFires(toMql, values[i] === null ? null : { value: values[i]!, label: null }, { value, label: null }));
    expect(fired).toEqual([false, false, true, false, false, false, true]);
  });

  test('a first score already above the threshold fires', () => {
    expect(scoreRuleFires(toMql, null, { value: 80, label: 'high' })).toBe(true);
  });

  test('a label rule fires when the label becomes the one named', () => {
    const rule: ScoreRule = { ...toMql, when: { label: 'high' } };
    expect(scoreRuleFires(rule, { value: 40, label: 'medium' }, { value: 60, label: 'high' })).toBe(true);
    expect(scoreRuleFires(rule, { value: 60, label: 'high' }, { value: 70, label: 'high' })).toBe(false);
  });

  test('a switched-off rule never fires', () => {
    expect(scoreRuleFires({ ...toMql, enabled: false }, null, { value: 80, label: null })).toBe(false);
  });
});

describe('time rules (§6.3)', () => {
  const followUp: TimeRule = {
    id: 'follow-up', enabled: true, objectType: 'contact', stage: 'salesqualifiedlead', measure: 'date_entered', moreThanDays: 5,
    actions: [{ type: 'emit', event: 'follow_up' }],
  };
  const entered = Date.parse('2026-01-10T00:00:00Z');
  const inSql = { stage: 'salesqualifiedlead', figures: { dateEntered: entered } };

  test('date entered more than 5 days ago while still in the stage', () => {
    expect(timeRuleMatches(followUp, inSql, entered + 5 * DAY)).toBe(false);
    expect(timeRuleMatches(followUp, inSql, entered + 5 * DAY + 1)).toBe(true);
    expect(timeRuleDueAt(followUp, inSql, entered)).toBe(entered + 5 * DAY + 1);
    expect(timeRuleMatches(followUp, { ...inSql, stage: 'opportunity' }, entered + 9 * DAY)).toBe(false);
  });

  test('latest and cumulative time never match while the record is in the stage, whatever an earlier stay was', () => {
    const long: TimeRule = { ...followUp, measure: 'cumulative_time_in' };
    const backInSql = { stage: 'salesqualifiedlead', figures: { dateEntered: entered, latestTimeIn: 30 * 86_400, cumulativeTimeIn: 30 * 86_400 } };
    expect(timeRuleMatches(long, backInSql, entered + 40 * DAY)).toBe(false);
    expect(timeRuleMatches({ ...long, measure: 'latest_time_in' }, backInSql, entered + 40 * DAY)).toBe(false);
    expect(timeRuleMatches(long, { ...backInSql, stage: 'opportunity' }, entered + 40 * DAY)).toBe(true);
    expect(timeRuleDueAt(long, backInSql, entered)).toBeNull();
  });
});

describe('default automations (§6.1)', () => {
  test('a deal is won when dealstage is closedwon', () => {
    expect(isWonDeal(settings, { dealstage: 'closedwon' })).toBe(true);
    expect(isWonDeal(settings, { dealstage: 'contractsent' })).toBe(false);
    expect(isWonDeal(settings, undefined)).toBe(false);
  });

  test('a company follows its most advanced contact', () => {
    expect(mostAdvancedStage(defaultStages(), ['lead', null, 'opportunity', 'subscriber', 'unknown'])).toBe('opportunity');
    expect(mostAdvancedStage(defaultStages(), [null])).toBeNull();
  });

  test('a new contact from a form is a lead, from a subscription a subscriber; switched off, nothing', () => {
    expect(stageOnCreation(settings, 'form')).toBe('lead');
    expect(stageOnCreation(settings, 'subscription')).toBe('subscriber');
    expect(stageOnCreation(settings, 'api')).toBeNull();
    const off = validateLifecycleSettings({ automations: { onCreation: { enabled: false } } });
    expect(off.ok && stageOnCreation(off.value, 'form')).toBeNull();
    const noSubscribers = validateLifecycleSettings({ stages: { contact: defaultStages().slice(1) } });
    expect(noSubscribers.ok && stageOnCreation(noSubscribers.value, 'subscription')).toBeNull();
    const custom = validateLifecycleSettings({ automations: { onCreation: { stages: { api: 'other' } } } });
    expect(custom.ok && stageOnCreation(custom.value, 'api')).toBe('other');
  });
});

describe('settings validation', () => {
  test('defaults fill what a file leaves out', () => {
    expect(settings.stages.contact).toHaveLength(8);
    expect(settings.automations).toEqual({
      onCreation: { enabled: true },
      dealCreated: { enabled: true },
      dealWon: { enabled: true, property: 'dealstage', wonValues: ['closedwon'] },
      companyFollowsContacts: { enabled: true },
    });
  });

  test('rules naming a stage or status the settings lack are refused with their paths', () => {
    const checked = validateLifecycleSettings({
      scoreRules: [{ id: 'r', definitionId: 'd', when: { atLeast: 5 }, actions: [{ type: 'setStage', stage: 'hot' }, { type: 'setLeadStatus', value: 'WARM' }] }],
      timeRules: [{ id: 't', stage: 'nope', measure: 'date_entered', moreThanDays: 0, actions: [] }],
      leadStatuses: [{ id: 'A', label: 'A' }, { id: 'A', label: 'B' }],
    });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.issues.map((issue) => issue.message)).toEqual([
      'timeRules[0].moreThanDays must be greater than 0',
      'timeRules[0].actions must have at least 1 item',
      'leadStatuses[1].id repeats the id "A"',
      'scoreRules[0].actions[0].stage names the stage "hot", which the pipeline does not have',
      'scoreRules[0].actions[1].value names the lead status "WARM", which is not one of the lead statuses',
      'timeRules[0].stage names the stage "nope", which the contact pipeline does not have',
    ]);
  });
});
