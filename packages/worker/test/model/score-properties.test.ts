// scoring.md §8.1–8.2 and decision D25: the score properties a definition writes, how a read names
// one, and who reads whose score (order and cycles).
import { describe, expect, it } from 'vitest';
import type { CrmList, Definition } from '../../src/index.ts';
import { validateDefinition } from '../../src/model/validate.ts';
import { parseScoreProperty, scorePropertiesOf, scorePropertyValues } from '../../src/model/score-properties.ts';
import { definitionReads, describeCycle, inScoreOrder, resolveRead, scoreGraph, type KnownDefinition } from '../../src/model/score-references.ts';
import { expectIssues } from './helpers.ts';

const engagement: Definition = {
  id: 'eng', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  groups: [{ id: 'g', rules: [{ id: 'r', type: 'event', event: 'page_view', points: 5 }] }],
  thresholds: { high: 70, medium: 40 },
};

const combinedCompany: Definition = {
  id: 'acct', name: 'Account', objectType: 'company', kind: 'combined',
  groups: [
    { id: 'e', rules: [{ id: 'v', type: 'event', event: 'page_view', points: 1 }] },
    { id: 'f', rules: [{ id: 'big', type: 'property', condition: { property: 'employees', operator: 'gte', value: 100 }, points: 20 }] },
  ],
};

/** A contact fit score whose one rule tests `property` of `of`. */
function reading(id: string, property: string, of: 'self' | 'primaryCompany' = 'self', rest: Partial<Definition> = {}): Definition {
  return {
    id, name: id, objectType: 'contact', kind: 'fit',
    groups: [{ id: 'g', rules: [{ id: 'r', type: 'property', of, condition: { property, operator: 'is_known' }, points: 10 }] }],
    ...rest,
  };
}

describe('§8.1–8.2 the score properties of a definition', () => {
  it('an engagement score with thresholds writes its value and a high/medium/low label', () => {
    expect(scorePropertiesOf(engagement)).toEqual([
      { name: 'eng', part: 'value', type: 'number' },
      { name: 'eng.label', part: 'label', type: 'enum', values: ['high', 'medium', 'low'] },
    ]);
  });

  it('a combined score writes its value, engagement and fit; no label without thresholds', () => {
    expect(scorePropertiesOf(combinedCompany).map((property) => `${property.name}:${property.type}`)).toEqual(['acct:number', 'acct.engagement:number', 'acct.fit:number']);
  });

  it('a combined score with thresholds labels A1..C3', () => {
    const labelled = scorePropertiesOf({ ...combinedCompany, thresholds: { fit: { high: 60, medium: 30 }, engagement: { high: 50, medium: 20 } } });
    expect(labelled.at(-1)).toEqual({ name: 'acct.label', part: 'label', type: 'enum', values: ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'] });
  });

  it('names parse into a definition id and a part; a dot elsewhere stays in the id', () => {
    expect(parseScoreProperty('acct.fit')).toEqual({ definitionId: 'acct', part: 'fit' });
    expect(parseScoreProperty('acct.label')).toEqual({ definitionId: 'acct', part: 'label' });
    expect(parseScoreProperty('acct')).toEqual({ definitionId: 'acct', part: 'value' });
    expect(parseScoreProperty('address.city')).toEqual({ definitionId: 'address.city', part: 'value' });
  });

  it('a record out of scope has every part missing, not 0 (§7.1)', () => {
    expect(scorePropertyValues({ value: 42, engagement: 30, fit: 12, label: 'B1' }, 'acct')).toEqual({ acct: 42, 'acct.engagement': 30, 'acct.fit': 12, 'acct.label': 'B1' });
    expect(scorePropertyValues({ value: null, engagement: null, fit: null, label: null }, 'acct')).toEqual({ acct: undefined, 'acct.engagement': undefined, 'acct.fit': undefined, 'acct.label': undefined });
  });
});

describe('D25 a definition cannot read its own score', () => {
  it('refuses a rule testing its own value or label, at the rule\'s path', () => {
    const own = reading('lead', 'lead.label', 'self', { kind: 'fit', thresholds: { high: 10, medium: 5 } });
    expectIssues(validateDefinition(own), [
      ['groups[0].rules[0].condition.property', 'groups[0].rules[0].condition.property reads "lead.label", a score property of this very definition: a score cannot depend on itself'],
    ]);
  });
});

describe('D25 which score a read names', () => {
  const known = new Map<string, KnownDefinition>([
    ['eng', { definition: engagement, active: true }],
    ['acct', { definition: combinedCompany, active: false }],
  ]);
  const read = (property: string, objectType: Definition['objectType'] = 'contact') => resolveRead({ property, objectType, path: [] }, known, true);

  it('a definition id is its value, with a suffix its part', () => {
    expect(read('eng')).toEqual({ definitionId: 'eng', part: 'value' });
    expect(read('eng.label')).toEqual({ definitionId: 'eng', part: 'label' });
  });

  it('any other name is an ordinary property', () => {
    expect(read('jobtitle')).toBeUndefined();
  });

  it('a suffix on an id that is no definition is a mistake', () => {
    expect(read('engagement-v2.label')).toEqual({ problem: 'names the score property "engagement-v2.label", but there is no definition "engagement-v2"' });
  });

  it('a score of another kind of record cannot be read here', () => {
    expect(read('eng', 'company')).toEqual({ problem: 'reads "eng", but "eng" scores contact records, not the company read here' });
  });

  it('a part the definition does not write', () => {
    expect(read('eng.fit')).toEqual({ problem: 'reads "eng.fit", which "eng" does not write: it writes "eng" or "eng.label" (engagement and fit are parts of combined scores)' });
    expect(read('acct.label', 'company')).toEqual({ problem: 'reads "acct.label", which "acct" does not write: it writes "acct", "acct.engagement" or "acct.fit" (a label needs thresholds)' });
  });

  it('an inactive definition, where only active ones may be read', () => {
    expect(read('acct.fit', 'company')).toEqual({ problem: 'reads "acct.fit", but "acct" is not active: activate it first' });
    expect(resolveRead({ property: 'acct.fit', objectType: 'company', path: [] }, known, false)).toEqual({ definitionId: 'acct', part: 'fit' });
  });
});

describe('D25 who reads whose score', () => {
  const hotAccounts: CrmList = { id: 'hot-accounts', objectType: 'company', condition: { property: 'acct.engagement', operator: 'gte', value: 50 } };
  const a: Definition = { ...combinedCompany };
  const b = reading('b', 'acct.fit', 'primaryCompany');
  const c: Definition = { ...reading('c', 'b'), scope: { mode: 'all', excludeLists: ['young'] } };
  const young: CrmList = { id: 'young', objectType: 'contact', condition: { property: 'age', operator: 'lt', value: 30 } };

  it('names the reads of a rule of an association, with their record kind and path', () => {
    expect(definitionReads(b).properties).toEqual([{ property: 'acct.fit', objectType: 'company', path: ['groups', 0, 'rules', 0, 'condition', 'property'] }]);
  });

  it('orders definitions after what they read, whatever their order', () => {
    const graph = scoreGraph([c, b, a], [young]);
    expect(graph.order).toEqual(['acct', 'b', 'c']);
    expect([...graph.readers.get('acct')!]).toEqual(['b']);
    expect([...graph.readers.get('b')!]).toEqual(['c']);
    expect(graph.cycleThrough({ kind: 'definition', id: 'b' })).toBeUndefined();
  });

  it('gives the order to save and activate a set of definitions in', () => {
    expect(inScoreOrder([c, b, a]).map((definition) => definition.id)).toEqual(['acct', 'b', 'c']);
    expect(inScoreOrder([b, engagement, a]).map((definition) => definition.id)).toEqual(['eng', 'acct', 'b']);
  });

  it('a definition reads the scores its lists read, through lists of lists', () => {
    const viaLists: Definition = {
      ...combinedCompany, id: 'x', name: 'x',
      groups: [{ id: 'f', rules: [{ id: 'hot', type: 'property', condition: { operator: 'in_list', value: 'warm' }, points: 5 }] }],
    };
    const warm: CrmList = { id: 'warm', objectType: 'company', condition: { operator: 'in_list', value: 'hot-accounts' } };
    const graph = scoreGraph([viaLists, a], [warm, hotAccounts]);
    expect([...graph.reads.get('x')!]).toEqual(['acct']);
    expect(graph.order).toEqual(['acct', 'x']);
  });

  it('finds a score that reads itself back through a list and another definition', () => {
    // acct's scope excludes the companies of list "hot-by-b", which reads b; b reads acct.fit.
    const aScoped: Definition = { ...a, scope: { mode: 'all', excludeLists: ['hot-by-b'] } };
    const hotByB: CrmList = { id: 'hot-by-b', objectType: 'company', condition: { property: 'b-company', operator: 'gte', value: 1 } };
    const bCompany: Definition = { ...reading('b-company', 'acct.fit'), objectType: 'company' };
    const cycle = scoreGraph([aScoped, bCompany], [hotByB]).cycleThrough({ kind: 'definition', id: 'acct' });
    expect(describeCycle(cycle!)).toBe('"acct" → list "hot-by-b" → "b-company" → "acct"');
  });
});
