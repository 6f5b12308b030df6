// lifecycle.md §6.2 with decision D25: score rules for deals and companies too, with a condition
// on the record's properties — what the settings accept, and how a condition reads a record.
import { describe, expect, test } from 'vitest';
import { recordMeets } from '../../src/engine/record-test.ts';
import { validateLifecycleSettings } from '../../src/lifecycle/settings.ts';

const at = Date.parse('2026-04-01T00:00:00Z');

describe('score rules on contacts, companies and deals', () => {
  test('a deal\'s rule that emits, with a condition, is accepted; a contact rule defaults to contacts', () => {
    const checked = validateLifecycleSettings({
      scoreRules: [
        { id: 'notify-owner', objectType: 'deal', definitionId: 'deal-score', when: { atLeast: 75 },
          condition: { property: 'dealstage', operator: 'is_none_of', values: ['closedwon', 'closedlost'] },
          actions: [{ type: 'emit', event: 'notify_owner', data: { channel: 'email' } }] },
        { id: 'mql', definitionId: 'eng', when: { label: 'high' }, condition: { property: 'hs_lead_status', operator: 'is_unknown' },
          actions: [{ type: 'setStage', stage: 'marketingqualifiedlead' }] },
      ],
    });
    expect(checked.ok && checked.value.scoreRules.map((rule) => [rule.id, rule.objectType, rule.enabled])).toEqual([
      ['notify-owner', 'deal', true], ['mql', 'contact', true],
    ]);
  });

  test('deals have no stage or lead status: a deal\'s rule may only emit', () => {
    const checked = validateLifecycleSettings({
      scoreRules: [{ id: 'd', objectType: 'deal', definitionId: 'deal-score', when: { atLeast: 75 },
        actions: [{ type: 'emit', event: 'x' }, { type: 'setStage', stage: 'customer' }, { type: 'setLeadStatus', value: 'OPEN' }] }],
    });
    expect(!checked.ok && checked.issues.map((issue) => issue.message)).toEqual([
      'scoreRules[0].actions[1].type is "setStage", but deals have no lifecycle stage or lead status: a deal\'s score rule can only "emit"',
      'scoreRules[0].actions[2].type is "setLeadStatus", but deals have no lifecycle stage or lead status: a deal\'s score rule can only "emit"',
    ]);
  });

  test('a condition tests the record\'s own properties: no list membership, no event counts', () => {
    const checked = validateLifecycleSettings({
      scoreRules: [{ id: 'r', definitionId: 'eng', when: { atLeast: 5 }, actions: [{ type: 'emit', event: 'x' }],
        condition: { all: [{ operator: 'in_list', value: 'vip' }, { event: 'page_view', operator: 'gte', value: 3 }, { property: 'age', operator: 'gt' }] } }],
    });
    expect(!checked.ok && checked.issues.map((issue) => issue.message)).toEqual([
      'scoreRules[0].condition.all[0].operator in_list is not available in a score rule\'s condition, which tests the record\'s own properties; test the list\'s condition instead',
      'scoreRules[0].condition.all[1].event counting events is only possible in a dynamic list; use an event rule with a frequency instead',
      'scoreRules[0].condition.all[2].value is required by gt',
    ]);
  });
});

describe('a condition read on one record', () => {
  const deal = { id: 'd1', objectType: 'deal' as const, properties: { dealstage: 'contractsent', 'deal-score': 80, 'deal-score.label': 'A1' } };

  test('reads ordinary and score properties alike', () => {
    expect(recordMeets({ all: [{ property: 'deal-score', operator: 'gt', value: 75 }, { property: 'deal-score.label', operator: 'eq', value: 'a1' }] }, deal, at)).toBe(true);
    expect(recordMeets({ property: 'dealstage', operator: 'is_any_of', values: ['closedwon', 'closedlost'] }, deal, at)).toBe(false);
  });

  test('"and lead status is unknown": a missing property', () => {
    const contact = { id: 'c1', objectType: 'contact' as const, properties: { eng: 60 } };
    expect(recordMeets({ property: 'hs_lead_status', operator: 'is_unknown' }, contact, at)).toBe(true);
    expect(recordMeets({ property: 'hs_lead_status', operator: 'is_unknown' }, { ...contact, properties: { hs_lead_status: 'OPEN' } }, at)).toBe(false);
  });

  test('relative dates are read at the instant given', () => {
    const created = { id: 'c2', objectType: 'contact' as const, properties: { signed_up: '2026-03-25T00:00:00Z' } };
    expect(recordMeets({ property: 'signed_up', operator: 'in_last', amount: 7, unit: 'days' }, created, at)).toBe(true);
    expect(recordMeets({ property: 'signed_up', operator: 'in_last', amount: 7, unit: 'days' }, created, at + 86_400_001)).toBe(false);
  });
});
