// A definition's versions compared rule by rule (docs/definition-format.md, Versions and diffs).
import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../src/model/definition-diff.ts';
import type { Definition } from '../../src/model/definition.ts';
import { exampleDefinition } from './examples.ts';

const base = (): Definition => structuredClone(exampleDefinition) as Definition;

describe('diffDefinitions: what changed from one version to the next', () => {
  it('finds nothing between a definition and its copy, whatever the order of groups and rules', () => {
    const reordered = base();
    reordered.groups.reverse();
    reordered.groups[0]!.rules.reverse();
    expect(diffDefinitions(base(), reordered)).toEqual({
      same: true,
      changes: [],
      groups: { added: [], removed: [], changed: [] },
      rules: { added: [], removed: [], changed: [] },
    });
  });

  it('names each changed field of the definition: name, limits, scope and thresholds', () => {
    const after = base();
    after.name = 'Engagement';
    after.limit = { max: 80 };
    after.scope = { mode: 'all', excludeLists: ['competitors', 'employees'] };
    after.thresholds = { high: 60, medium: 40 };
    after.description = 'Sales and marketing';
    expect(diffDefinitions(base(), after)).toEqual({
      same: false,
      changes: [
        { path: 'name', before: 'Contact engagement', after: 'Engagement' },
        { path: 'limit.max', before: 100, after: 80 },
        { path: 'limit.min', before: -100 },
        { path: 'scope.excludeLists', before: ['competitors'], after: ['competitors', 'employees'] },
        { path: 'thresholds.high', before: 70, after: 60 },
        { path: 'description', after: 'Sales and marketing' },
      ],
      groups: { added: [], removed: [], changed: [] },
      rules: { added: [], removed: [], changed: [] },
    });
  });

  it('lists groups and rules added, removed and changed, with the fields that changed', () => {
    const after = base();
    const [sales, marketing] = after.groups;
    sales!.limit = 50;
    sales!.rules = sales!.rules.filter((rule) => rule.id !== 'call');
    const booked = sales!.rules.find((rule) => rule.id === 'booked')!;
    Object.assign(booked, { points: 12, maxPoints: 24 });
    marketing!.decay = { percent: 50, everyMonths: 3 };
    const forms = marketing!.rules.find((rule) => rule.id === 'forms')!;
    Object.assign(forms, { pointsByValue: { 'Contact us': 8, Newsletter: 2 } });
    after.groups.splice(2, 1);
    after.groups.push({ id: 'web', name: 'Web', rules: [{ id: 'views', type: 'event', event: 'page_view', points: 1, maxPoints: 10 }] });

    const diff = diffDefinitions(base(), after);
    expect(diff.same).toBe(false);
    expect(diff.changes).toEqual([]);
    expect(diff.groups).toEqual({
      added: [{ id: 'web', name: 'Web' }],
      removed: [{ id: 'recent', name: 'Recent intent' }],
      changed: [
        { id: 'sales', changes: [{ path: 'limit', before: 60, after: 50 }] },
        { id: 'marketing', changes: [{ path: 'decay.everyMonths', before: 1, after: 3 }] },
      ],
    });
    expect(diff.rules).toEqual({
      added: [{ group: 'web', rule: { id: 'views', type: 'event', event: 'page_view', points: 1, maxPoints: 10 } }],
      removed: [
        { group: 'sales', rule: { id: 'call', type: 'event', event: 'call_started', points: 15 } },
        { group: 'recent', rule: exampleDefinition.groups[2]!.rules[0] },
      ],
      changed: [
        { id: 'booked', group: 'sales', changes: [{ path: 'points', before: 10, after: 12 }, { path: 'maxPoints', after: 24 }] },
        { id: 'forms', group: 'marketing', changes: [{ path: 'pointsByValue["Contact us"]', before: 5, after: 8 }] },
      ],
    });
  });

  it('shows a rule that moved to another group as a change of its group, and a changed condition by its fields', () => {
    const after = base();
    const [sales, marketing] = after.groups;
    const cta = marketing!.rules.find((rule) => rule.id === 'cta')!;
    marketing!.rules = marketing!.rules.filter((rule) => rule !== cta);
    sales!.rules.push(cta);
    const forms = marketing!.rules.find((rule) => rule.id === 'forms')!;
    Object.assign(forms, { where: { property: 'formName', operator: 'is_any_of', values: ['Contact us'] }, pointsByValue: { 'Contact us': 5 } });
    expect(diffDefinitions(base(), after).rules.changed).toEqual([
      { id: 'cta', group: 'sales', changes: [{ path: 'group', before: 'marketing', after: 'sales' }] },
      {
        id: 'forms', group: 'marketing', changes: [
          { path: 'where.values', before: ['Contact us', 'Newsletter'], after: ['Contact us'] },
          { path: 'pointsByValue.Newsletter', before: 2 },
        ],
      },
    ]);
  });
});
