import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/model/validate.ts';
import { exampleDefinition } from './examples.ts';
import { definition, eventRule, expectIssues, expectOk, propertyRule, withRule } from './helpers.ts';

const example = () => structuredClone(exampleDefinition) as Record<string, any>;

describe('formats.md §1 — the example definition', () => {
  it('validates and comes back unchanged', () => {
    const result = validateDefinition(example());
    expectOk(result);
    expect(result.ok && result.value).toEqual(exampleDefinition);
  });

  it('accepts the combined thresholds of §1 on a combined score', () => {
    expectOk(validateDefinition(definition({
      groups: [{ id: 'events', rules: [eventRule()] }, { id: 'props', rules: [propertyRule()] }],
      thresholds: { fit: { high: 60, medium: 30 }, engagement: { high: 50, medium: 20 } },
    })));
  });

  it('accepts decimals in points and limits (scoring.md §2.2)', () => {
    expectOk(validateDefinition(withRule(eventRule({ points: 0.5 }), { limit: { max: 12.5 } }, { limit: 2.5 })));
  });
});

describe('formats.md: unknown keys are rejected with the path of the key', () => {
  it('at the top level', () => {
    expectIssues(validateDefinition({ ...example(), treshold: 3 }), [
      ['treshold', 'treshold is not a known field (check its spelling)'],
    ]);
  });

  it('in a group', () => {
    const input = example();
    input.groups[1].limt = 40;
    expectIssues(validateDefinition(input), [['groups[1].limt', /is not a known field/]]);
  });

  it('in a rule', () => {
    const input = example();
    input.groups[0].rules[2].maxPoint = 40;
    expectIssues(validateDefinition(input), [['groups[0].rules[2].maxPoint', /is not a known field/]]);
  });

  it('in a condition', () => {
    const input = example();
    const where = input.groups[1].rules[3].where;
    where.vlaues = where.values;
    delete where.values;
    // The typo, and what the operator misses because of it; not the pointsByValue keys that follow.
    expectIssues(validateDefinition(input), [
      ['groups[1].rules[3].where.vlaues', /is not a known field/],
      ['groups[1].rules[3].where.values', /is required by is_any_of/],
    ]);
  });

  it('in a condition inside a tree', () => {
    const input = withRule(propertyRule({
      condition: { all: [
        { property: 'jobtitle', operator: 'eq', value: 'CTO' },
        { any: [{ property: 'country', operator: 'eq', value: 'DK', colour: 'red' }] },
      ] },
    }));
    expectIssues(validateDefinition(input), [['groups[0].rules[0].condition.all[1].any[0].colour', /is not a known field/]]);
  });

  it('in a timeframe', () => {
    const input = example();
    input.groups[2].rules[0].timeframe.units = 'days';
    expectIssues(validateDefinition(input), [['groups[2].rules[0].timeframe.units', /is not a known field/]]);
  });

  it('in decay, frequency, limit, scope and thresholds', () => {
    const input = example();
    input.groups[1].decay.every = 1;
    input.groups[2].rules[0].frequency.times = 1;
    input.limit.maximum = 1;
    input.scope.includeLists = ['x'];
    input.thresholds.low = 10;
    expectIssues(validateDefinition(input), [
      ['groups[1].decay.every', /is not a known field/],
      ['groups[2].rules[0].frequency.times', /is not a known field/],
      ['limit.maximum', /is not a known field/],
      ['scope.includeLists', /is not a known field/],
      ['thresholds.low', /is not a known field/],
    ]);
  });

  it('quotes keys that are not plain names', () => {
    expectIssues(validateDefinition({ ...example(), 'point s': 1 }), [['["point s"]', /is not a known field/]]);
  });
});

describe('required fields and types', () => {
  it('names each missing field and the choices where there are some', () => {
    expectIssues(validateDefinition({}), [
      ['id', 'id is required'],
      ['name', 'name is required'],
      ['objectType', /"contact", "company" or "deal"/],
      ['kind', /"engagement", "fit" or "combined"/],
      ['groups', 'groups is required'],
    ]);
  });

  it('rejects something that is not an object', () => {
    expectIssues(validateDefinition([]), [['', 'definition must be an object']]);
  });

  it('rejects a definition id that cannot name a score property', () => {
    expectIssues(validateDefinition(definition({ id: 'my score' })), [['id', /letters, digits/]]);
  });

  it('rejects points given as text', () => {
    expectIssues(validateDefinition(withRule(eventRule({ points: '5' }))), [['groups[0].rules[0].points', 'groups[0].rules[0].points must be a number']]);
  });

  it('rejects an unknown rule type with the two choices', () => {
    expectIssues(validateDefinition(withRule(eventRule({ type: 'events' }))), [['groups[0].rules[0].type', /"property" or "event"/]]);
  });

  it('rejects an empty group', () => {
    expectIssues(validateDefinition(definition({ groups: [{ id: 'g1', rules: [] }] })), [['groups[0].rules', /at least 1/]]);
  });
});

describe('scoring.md §1.2 — kinds per object type', () => {
  it.each(['engagement', 'fit'])('rejects a deal score of kind %s', (kind) => {
    const rule = kind === 'fit' ? propertyRule() : eventRule();
    expectIssues(validateDefinition(withRule(rule, { objectType: 'deal', kind })), [['kind', /must be "combined" for deal scores/]]);
  });

  it('accepts a combined deal score', () => {
    expectOk(validateDefinition(withRule(eventRule(), { objectType: 'deal' })));
  });
});

describe('scoring.md §2.1 — a group holds event rules or property rules', () => {
  it('rejects event and property rules in one group', () => {
    const input = definition({ groups: [{ id: 'g1', rules: [eventRule(), propertyRule()] }] });
    expectIssues(validateDefinition(input), [['groups[0].rules[1].type', /separate groups/]]);
  });

  it('rejects property rules in an engagement score', () => {
    expectIssues(validateDefinition(withRule(propertyRule(), { kind: 'engagement' })), [
      ['groups[0].rules[0].type', /engagement score.*event rules/],
    ]);
  });

  it('rejects event rules in a fit score', () => {
    expectIssues(validateDefinition(withRule(eventRule(), { kind: 'fit' })), [
      ['groups[0].rules[0].type', /fit score.*property rules/],
    ]);
  });
});

describe('formats.md §1 — points xor pointsByValue', () => {
  const where = { property: 'formName', operator: 'eq', value: 'Contact us' };

  it('rejects both', () => {
    expectIssues(validateDefinition(withRule(eventRule({ where, points: 5, pointsByValue: { 'Contact us': 5 } }))), [
      ['groups[0].rules[0].pointsByValue', /not both/],
    ]);
  });

  it('rejects neither', () => {
    const { points: _, ...rule } = eventRule();
    expectIssues(validateDefinition(withRule(rule)), [['groups[0].rules[0].points', /is required.*pointsByValue/]]);
  });
});

describe('scoring.md §2.3 — limits', () => {
  it('rejects limit.min at or above limit.max', () => {
    expectIssues(validateDefinition(definition({ limit: { max: 50, min: 50 } })), [['limit.min', /below limit\.max \(50\)/]]);
  });

  it('measures limit.min against the default max of 100', () => {
    expectIssues(validateDefinition(definition({ limit: { min: 100 } })), [['limit.min', /below limit\.max.*100/]]);
    expectOk(validateDefinition(definition({ limit: { min: 0 } })));
  });

  it('rejects a group limit that is not positive', () => {
    expectIssues(validateDefinition(withRule(eventRule(), {}, { limit: 0 })), [['groups[0].limit', /greater than 0/]]);
  });
});

describe('ids are unique', () => {
  it('rejects two groups with one id', () => {
    const input = definition({ groups: [{ id: 'g1', rules: [eventRule({ id: 'a' })] }, { id: 'g1', rules: [eventRule({ id: 'b' })] }] });
    expectIssues(validateDefinition(input), [['groups[1].id', /"g1" is used by another group/]]);
  });

  it('rejects two rules with one id, also across groups', () => {
    const input = definition({ groups: [{ id: 'g1', rules: [eventRule({ id: 'a' })] }, { id: 'g2', rules: [eventRule({ id: 'a' })] }] });
    expectIssues(validateDefinition(input), [['groups[1].rules[0].id', /"a" is used by another rule/]]);
  });
});

describe('scoring.md §4.3 — frequency', () => {
  const frequencyRule = (frequency: object, over: object = {}) => withRule(eventRule({ frequency, ...over }));

  it.each([
    [{ op: 'exactly', count: 2 }],
    [{ op: 'at_least', count: 4 }],
    [{ op: 'at_most', count: 3, includeNone: true }],
    [{ op: 'between', min: 1, max: 3 }],
    [{ op: 'between', min: 2, max: 2 }],
    [{ op: 'exactly', count: 0, includeNone: true }],
  ])('accepts %j', (frequency) => {
    expectOk(validateDefinition(frequencyRule(frequency)));
  });

  it('rejects maxPoints with a frequency', () => {
    expectIssues(validateDefinition(frequencyRule({ op: 'at_least', count: 2 }, { maxPoints: 10 })), [
      ['groups[0].rules[0].maxPoints', /frequency/],
    ]);
  });

  it('rejects pointsByValue with a frequency', () => {
    const input = frequencyRule({ op: 'at_least', count: 2 }, {
      points: undefined,
      where: { property: 'formName', operator: 'eq', value: 'Demo' },
      pointsByValue: { Demo: 5 },
    });
    expectIssues(validateDefinition(input), [['groups[0].rules[0].pointsByValue', /frequency.*use points/]]);
  });

  it('needs min and max for between', () => {
    expectIssues(validateDefinition(frequencyRule({ op: 'between', min: 1 })), [
      ['groups[0].rules[0].frequency.max', /is required by between/],
    ]);
    expectIssues(validateDefinition(frequencyRule({ op: 'between', count: 2 })), [
      ['groups[0].rules[0].frequency.min', /is required by between/],
      ['groups[0].rules[0].frequency.max', /is required by between/],
      ['groups[0].rules[0].frequency.count', /use min and max/],
    ]);
  });

  it('needs min ≤ max for between', () => {
    expectIssues(validateDefinition(frequencyRule({ op: 'between', min: 4, max: 1 })), [
      ['groups[0].rules[0].frequency.max', /at least frequency\.min \(4\)/],
    ]);
  });

  it.each(['exactly', 'at_least', 'at_most'])('needs count for %s', (op) => {
    expectIssues(validateDefinition(frequencyRule({ op, min: 1 })), [
      ['groups[0].rules[0].frequency.count', new RegExp(`is required by ${op}`)],
      ['groups[0].rules[0].frequency.min', /use count/],
    ]);
  });

  it('accepts a count of 0 without includeNone: it never matches, but is valid (decision D11)', () => {
    expectOk(validateDefinition(frequencyRule({ op: 'exactly', count: 0 })));
  });

  it('rejects a negative or fractional count', () => {
    expectIssues(validateDefinition(frequencyRule({ op: 'at_least', count: -1 })), [['groups[0].rules[0].frequency.count', /at least 0/]]);
    expectIssues(validateDefinition(frequencyRule({ op: 'at_least', count: 1.5 })), [['groups[0].rules[0].frequency.count', /whole number/]]);
  });
});

describe('scoring.md §4.4 — timeframe', () => {
  const timeframeRule = (timeframe: object) => withRule(eventRule({ timeframe }));

  it.each([
    [{ op: 'in_last', amount: 3, unit: 'months' }],
    [{ op: 'before', date: '2026-03-01' }],
    [{ op: 'after', date: 1772323200000 }],
    [{ op: 'between', from: '2026-01-01', to: '2026-03-01T00:00:00+01:00' }],
    // Decision D3: a calendar date as `to` includes that whole day.
    [{ op: 'between', from: '2026-03-01T10:00:00Z', to: '2026-03-01' }],
  ])('accepts %j', (timeframe) => {
    expectOk(validateDefinition(timeframeRule(timeframe)));
  });

  it('rejects between with from after to', () => {
    expectIssues(validateDefinition(timeframeRule({ op: 'between', from: '2026-03-02', to: '2026-03-01' })), [
      ['groups[0].rules[0].timeframe.to', /before timeframe\.from/],
    ]);
  });

  it('rejects in_last without a unit, naming the units', () => {
    expectIssues(validateDefinition(timeframeRule({ op: 'in_last', amount: 30 })), [
      ['groups[0].rules[0].timeframe.unit', /is required.*"days", "weeks", "months" or "years"/],
    ]);
  });

  it('rejects an amount that is not a positive whole number', () => {
    expectIssues(validateDefinition(timeframeRule({ op: 'in_last', amount: 0, unit: 'days' })), [
      ['groups[0].rules[0].timeframe.amount', /greater than 0/],
    ]);
  });

  it('rejects an unknown op with the choices', () => {
    expectIssues(validateDefinition(timeframeRule({ op: 'last', amount: 3, unit: 'days' })), [
      ['groups[0].rules[0].timeframe.op', /"in_last", "before", "after" or "between"/],
    ]);
  });

  it('rejects a date without a time zone', () => {
    expectIssues(validateDefinition(timeframeRule({ op: 'before', date: '2026-03-01T10:00:00' })), [
      ['groups[0].rules[0].timeframe.date', /time zone/],
    ]);
  });
});

describe('scoring.md §5.1 — decay', () => {
  it('rejects everyMonths not in 1, 3, 6, 12 with the exact message', () => {
    const input = example();
    input.groups[1].decay.everyMonths = 2;
    expectIssues(validateDefinition(input), [
      ['groups[1].decay.everyMonths', 'groups[1].decay.everyMonths must be 1, 3, 6 or 12'],
    ]);
  });

  it.each([0, 101, -5])('rejects percent %d', (percent) => {
    const input = example();
    input.groups[1].decay.percent = percent;
    expectIssues(validateDefinition(input), [['groups[1].decay.percent', /1 to 100/]]);
  });

  it('accepts percents from 1 to 100, decimals included', () => {
    for (const percent of [1, 12.5, 100]) {
      const input = example();
      input.groups[1].decay.percent = percent;
      expectOk(validateDefinition(input));
    }
  });

  it('rejects decay and a timeframe in one group', () => {
    const input = example();
    input.groups[1].rules[0].timeframe = { op: 'in_last', amount: 30, unit: 'days' };
    expectIssues(validateDefinition(input), [['groups[1].rules[0].timeframe', /decay/]]);
  });

  it('rejects decay on a property group', () => {
    const input = withRule(propertyRule(), {}, { decay: { percent: 50, everyMonths: 3 } });
    expectIssues(validateDefinition(input), [['groups[0].decay', /event groups/]]);
  });
});

describe('scoring.md §6 — associations', () => {
  const allowed: Record<string, string[]> = {
    contact: ['self', 'primaryCompany', 'deals'],
    company: ['self', 'contacts', 'deals'],
    deal: ['self', 'companies', 'primaryCompany', 'contacts'],
  };
  const sources = ['self', 'primaryCompany', 'companies', 'contacts', 'deals'];
  const cases = Object.entries(allowed).flatMap(([objectType, ok]) => sources.map((of) => [objectType, of, ok.includes(of)] as const));

  it.each(cases)('a %s score reading %s: allowed = %s', (objectType, of, ok) => {
    const result = validateDefinition(withRule(propertyRule({ of }), { objectType, kind: 'combined' }));
    if (ok) {
      expectOk(result);
    } else {
      const choices = allowed[objectType]!.map((s) => `"${s}"`);
      expectIssues(result, [['groups[0].rules[0].of',
        `groups[0].rules[0].of must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)} for a ${objectType} score`]]);
    }
  });

  it('rejects a contacts selector on a contact score (§6.3)', () => {
    expectIssues(validateDefinition(withRule(eventRule({ contacts: 'all' }))), [['groups[0].rules[0].contacts', /company and deal scores/]]);
  });

  it('accepts a contacts selector on company and deal scores', () => {
    expectOk(validateDefinition(withRule(eventRule({ contacts: { list: 'decision-makers' } }), { objectType: 'company' })));
    expectOk(validateDefinition(withRule(eventRule({ contacts: 'all' }), { objectType: 'deal' })));
  });

  it('explains a malformed contacts selector', () => {
    expectIssues(validateDefinition(withRule(eventRule({ contacts: 'everyone' }), { objectType: 'company' })), [
      ['groups[0].rules[0].contacts', /"all" or \{ "list"/],
    ]);
    expectIssues(validateDefinition(withRule(eventRule({ contacts: { lists: 'x' } }), { objectType: 'company' })), [
      ['groups[0].rules[0].contacts.lists', /is not a known field/],
      ['groups[0].rules[0].contacts.list', /is required/],
    ]);
  });
});

describe('scoring.md §7.1 — scope', () => {
  it('needs at least one inclusion list', () => {
    expectIssues(validateDefinition(definition({ scope: { mode: 'lists', includeLists: [] } })), [['scope.includeLists', /at least 1/]]);
  });

  it('names the modes', () => {
    expectIssues(validateDefinition(definition({ scope: { mode: 'some' } })), [['scope.mode', /"all" or "lists"/]]);
  });
});

describe('scoring.md §8.2 — thresholds (decision D17)', () => {
  const fit = () => withRule(propertyRule(), { kind: 'fit' });
  const engagement = () => withRule(eventRule(), { kind: 'engagement' });
  const combinedThresholds = { fit: { high: 60, medium: 30 }, engagement: { high: 50, medium: 20 } };

  it('rejects the combined shape on an engagement score', () => {
    expectIssues(validateDefinition({ ...engagement(), thresholds: combinedThresholds }), [
      ['thresholds', /an engagement score.*\{ "high": 70, "medium": 40 \}/],
    ]);
  });

  it('rejects the combined shape on a fit score', () => {
    expectIssues(validateDefinition({ ...fit(), thresholds: combinedThresholds }), [['thresholds', /of a fit score/]]);
  });

  it('rejects a single pair on a combined score', () => {
    expectIssues(validateDefinition(definition({ thresholds: { high: 70, medium: 40 } })), [['thresholds', /combined score.*"fit".*"engagement"/]]);
  });

  it('rejects high at or below medium', () => {
    expectIssues(validateDefinition({ ...engagement(), thresholds: { high: 40, medium: 40 } }), [
      ['thresholds.high', /above thresholds\.medium \(40\)/],
    ]);
    expectIssues(validateDefinition(definition({ thresholds: { fit: { high: 60, medium: 30 }, engagement: { high: 10, medium: 20 } } })), [
      ['thresholds.engagement.high', /above thresholds\.engagement\.medium \(20\)/],
    ]);
  });

  it('names the missing bound', () => {
    expectIssues(validateDefinition({ ...engagement(), thresholds: { high: 70 } }), [['thresholds.medium', /is required/]]);
    expectIssues(validateDefinition(definition({ thresholds: { fit: { high: 60 }, engagement: { high: 50, medium: 20 } } })), [
      ['thresholds.fit.medium', /is required/],
    ]);
  });
});

describe('every problem is reported in one pass', () => {
  it('reports three unrelated problems together: a shape error, a decay error and a cross-field error', () => {
    const input = example();
    input.colour = 'blue';
    input.groups[1].decay.everyMonths = 2;
    input.groups[0].rules[1].id = 'call';
    expectIssues(validateDefinition(input), [
      ['colour', /is not a known field/],
      ['groups[1].decay.everyMonths', 'groups[1].decay.everyMonths must be 1, 3, 6 or 12'],
      ['groups[0].rules[1].id', /"call" is used by another rule/],
    ]);
  });

  it('reports cross-field problems in every group and rule, next to shape errors', () => {
    const input = definition({
      objectType: 'deal',
      kind: 'fit',
      groups: [
        { id: 'g1', rules: [propertyRule({ of: 'deals' }), propertyRule({ id: 'p2', points: 'ten' })] },
        { id: 'g2', decay: { percent: 50, everyMonths: 1 }, rules: [propertyRule({ id: 'p3', condition: { property: 'x', operator: 'between', values: [5, 1] } })] },
      ],
    });
    expectIssues(validateDefinition(input), [
      ['kind', /"combined"/],
      ['groups[0].rules[0].of', /for a deal score/],
      ['groups[0].rules[1].points', /must be a number/],
      ['groups[1].decay', /event groups/],
      ['groups[1].rules[0].condition.values', /lower bound first/],
    ]);
  });
});
