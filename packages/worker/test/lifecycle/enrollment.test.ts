// Decision L10: a score rule applied to the records that already meet it. Five contacts, the rule
// "engagement ≥ 50 → MQL": three hold a score of 50 or more (60, 50 exactly, 80), one of those is
// already past MQL (SQL): 3 match, 2 are to apply, 1 would move backward and is refused (§2.2).
import { describe, expect, test } from 'vitest';
import { scoreRuleHolds } from '../../src/lifecycle/automation-rules.ts';
import { enrollmentOutcome, tallyOutcomes, wouldApply } from '../../src/lifecycle/enrollment.ts';
import { defaultLeadStatuses } from '../../src/lifecycle/lead-status.ts';
import { validateLifecycleSettings } from '../../src/lifecycle/settings.ts';
import { defaultStages } from '../../src/lifecycle/stages.ts';

const pipelines = { stages: defaultStages(), leadStatuses: defaultLeadStatuses() };
const at = Date.parse('2026-04-01T00:00:00Z');
const checked = validateLifecycleSettings({
  scoreRules: [{ id: 'mql', definitionId: 'eng', when: { atLeast: 50 }, actions: [{ type: 'setStage', stage: 'marketingqualifiedlead' }] }],
});
const rule = checked.ok ? checked.value.scoreRules[0]! : undefined!;

const contacts = [
  { id: 'c1', stage: 'lead', score: 60 },
  { id: 'c2', stage: 'subscriber', score: 50 },
  { id: 'c3', stage: 'salesqualifiedlead', score: 80 },
  { id: 'c4', stage: 'lead', score: 49 },
  { id: 'c5', stage: null, score: 10 },
];

describe('a score rule applied to who already qualifies', () => {
  test('the threshold as a state: 50 holds for "≥ 50", 49 and no score do not', () => {
    expect(contacts.filter((c) => scoreRuleHolds(rule, { value: c.score, label: null })).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect(scoreRuleHolds(rule, { value: null, label: null })).toBe(false);
    expect(scoreRuleHolds(rule, null)).toBe(false);
  });

  test('5 contacts, 3 at 50 or more, 1 of them past MQL: 3 match, 2 to apply, 1 refused', () => {
    const outcomes = contacts
      .filter((c) => scoreRuleHolds(rule, { value: c.score, label: null }))
      .map((c) => enrollmentOutcome(pipelines, { stage: c.stage, leadStatus: null }, rule.actions, at));
    expect(outcomes).toEqual([
      { changes: 1, refusals: 0, emits: 0 },
      { changes: 1, refusals: 0, emits: 0 },
      { changes: 0, refusals: 1, emits: 0 },
    ]);
    expect(tallyOutcomes(outcomes)).toEqual({ matching: 3, toApply: 2, refused: 1, unchanged: 0 });
  });

  test('a record already at MQL is unchanged, neither applied nor refused', () => {
    const outcome = enrollmentOutcome(pipelines, { stage: 'marketingqualifiedlead', leadStatus: null }, rule.actions, at);
    expect(outcome).toEqual({ changes: 0, refusals: 0, emits: 0 });
    expect(tallyOutcomes([outcome])).toEqual({ matching: 1, toApply: 0, refused: 0, unchanged: 1 });
  });

  test('actions in order: the stage refused, the lead status still set, an event emitted', () => {
    const actions = [
      { type: 'setStage' as const, stage: 'lead' },
      { type: 'setLeadStatus' as const, value: 'OPEN' },
      { type: 'emit' as const, event: 'follow_up' },
    ];
    const outcome = enrollmentOutcome(pipelines, { stage: 'customer', leadStatus: null }, actions, at);
    expect(outcome).toEqual({ changes: 1, refusals: 1, emits: 1 });
    expect(wouldApply(outcome)).toBe(true);
    // Counted as one to apply and one with a refusal: the same record.
    expect(tallyOutcomes([outcome])).toEqual({ matching: 1, toApply: 1, refused: 1, unchanged: 0 });
  });

  test('from no stage any stage may be set (§2.2)', () => {
    expect(enrollmentOutcome(pipelines, { stage: null, leadStatus: null }, rule.actions, at)).toEqual({ changes: 1, refusals: 0, emits: 0 });
  });
});
