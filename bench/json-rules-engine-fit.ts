// The peer: the fit definition's 13 property rules (bench/definitions.ts) as json-rules-engine v7
// rules, used the way its documentation shows: the rules are added to one Engine once, each record's
// properties are passed as runtime facts to `engine.run(facts)`, and the points of the rules that
// fired are summed. Group limits and the score limit are applied to the sums afterwards, in plain
// JavaScript. Case-insensitive text tests and the date window are custom operators (addOperator).
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { Dataset, PropertyValue } from '../packages/worker/src/index.ts';
import { monthsBefore } from './hand-loop.ts';
import { COMPETITORS_LIST } from './synthetic-dataset.ts';

type Facts = Record<string, PropertyValue | undefined>;

export interface JreSubject {
  id: string;
  excluded: boolean;
  facts: Facts;
}

/**
 * json-rules-engine reads flat facts: the contact's own properties, and the primary company's
 * properties under a `company.` prefix (a contact without a primary company has none, so those facts
 * are undefined, as D6 reads a missing association).
 */
export function jreSubjects(dataset: Dataset, count: number): JreSubject[] {
  const companies = new Map(dataset.records.filter((r) => r.objectType === 'company').map((r) => [r.id, r.properties ?? {}]));
  const excluded = new Set(dataset.lists?.find((l) => l.id === COMPETITORS_LIST)?.recordIds ?? []);
  const out: JreSubject[] = [];
  for (const record of dataset.records) {
    if (out.length >= count) break;
    if (record.objectType !== 'contact') continue;
    const facts: Facts = { ...record.properties };
    const primary = record.associations?.primaryCompany;
    const company = primary === undefined ? undefined : companies.get(primary);
    if (company) for (const [key, value] of Object.entries(company)) facts[`company.${key}`] = value;
    out.push({ id: record.id, excluded: excluded.has(record.id), facts });
  }
  return out;
}

const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
const isMissing = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

interface PointsEvent {
  type: 'points';
  params: { group: 'contact-fit' | 'company-fit'; points?: number; pointsByValue?: Record<string, number> };
}

function rule(name: string, conditions: TopLevelCondition, params: PointsEvent['params']): RuleProperties {
  return { name, conditions, event: { type: 'points', params } };
}

export function buildJreEngine(asOf: string): Engine {
  const asOfMs = Date.parse(asOf);
  const engine = new Engine([], { allowUndefinedFacts: true });

  engine.addOperator<unknown, string>('textContains', (fact, value) => lower(fact)?.includes(value) ?? false);
  engine.addOperator<unknown, string>('textStartsWith', (fact, value) => lower(fact)?.startsWith(value) ?? false);
  engine.addOperator<unknown, string>('textEndsWith', (fact, value) => lower(fact)?.endsWith(value) ?? false);
  engine.addOperator<unknown, string>('textEquals', (fact, value) => lower(fact) === value);
  engine.addOperator<unknown, string[]>('textIn', (fact, values) => {
    const v = lower(fact);
    return v !== undefined && values.includes(v);
  });
  engine.addOperator<unknown, boolean>('isUnknown', (fact, expected) => isMissing(fact) === expected);
  engine.addOperator<unknown, [number, number]>('dateWithin', (fact, [from, to]) => {
    if (typeof fact !== 'string' && typeof fact !== 'number') return false;
    const t = typeof fact === 'number' ? fact : Date.parse(fact);
    return t >= from && t <= to;
  });

  const rules: RuleProperties[] = [
    rule('target-country', { all: [{ fact: 'country', operator: 'textIn', value: ['united states', 'canada', 'united kingdom', 'germany'] }] },
      { group: 'contact-fit', points: 10 }),
    rule('decision-maker', { any: [
      { fact: 'jobtitle', operator: 'textContains', value: 'chief' },
      { fact: 'jobtitle', operator: 'textContains', value: 'director' },
      { fact: 'jobtitle', operator: 'textStartsWith', value: 'vp' },
      { fact: 'jobtitle', operator: 'textStartsWith', value: 'vice president' },
      { fact: 'jobtitle', operator: 'textStartsWith', value: 'head of' },
    ] }, { group: 'contact-fit', points: 15 }),
    // One condition per value: the rule's result tree tells which values matched (individual points).
    rule('interests', { any: [
      { fact: 'interests', operator: 'contains', value: 'analytics' },
      { fact: 'interests', operator: 'contains', value: 'automation' },
      { fact: 'interests', operator: 'contains', value: 'crm' },
    ] }, { group: 'contact-fit', pointsByValue: { analytics: 5, automation: 4, crm: 3 } }),
    rule('stage', { any: [
      { fact: 'lifecyclestage', operator: 'textEquals', value: 'marketingqualifiedlead' },
      { fact: 'lifecyclestage', operator: 'textEquals', value: 'salesqualifiedlead' },
      { fact: 'lifecyclestage', operator: 'textEquals', value: 'opportunity' },
    ] }, { group: 'contact-fit', pointsByValue: { marketingqualifiedlead: 5, salesqualifiedlead: 10, opportunity: 15 } }),
    rule('revenue', { all: [{ fact: 'annualrevenue', operator: 'greaterThanInclusive', value: 1_000_000 }] },
      { group: 'contact-fit', points: 5 }),
    rule('new-contact', { all: [{ fact: 'createdate', operator: 'dateWithin', value: [monthsBefore(asOfMs, 6), asOfMs] }] },
      { group: 'contact-fit', points: 5 }),
    rule('free-mail', { any: [
      { fact: 'email', operator: 'textEndsWith', value: '@gmail.com' },
      { fact: 'email', operator: 'textEndsWith', value: '@yahoo.com' },
      { fact: 'email', operator: 'textEndsWith', value: '@hotmail.com' },
    ] }, { group: 'contact-fit', points: -10 }),
    rule('opted-out', { all: [{ fact: 'hs_email_optout', operator: 'equal', value: true }] }, { group: 'contact-fit', points: -5 }),
    rule('student', { all: [{ fact: 'jobtitle', operator: 'textEquals', value: 'student' }] }, { group: 'contact-fit', points: -15 }),

    rule('company-size', { all: [
      { fact: 'company.employees', operator: 'greaterThanInclusive', value: 200 },
      { fact: 'company.employees', operator: 'lessThanInclusive', value: 10_000 },
    ] }, { group: 'company-fit', points: 10 }),
    rule('company-industry', { any: [
      { fact: 'company.industry', operator: 'textEquals', value: 'software' },
      { fact: 'company.industry', operator: 'textEquals', value: 'financial services' },
      { fact: 'company.industry', operator: 'textEquals', value: 'healthcare' },
    ] }, { group: 'company-fit', pointsByValue: { software: 10, 'financial services': 8, healthcare: 6 } }),
    rule('company-region', { any: [
      { fact: 'company.regions', operator: 'contains', value: 'Northeast' },
      { fact: 'company.regions', operator: 'contains', value: 'Midwest' },
      { fact: 'company.regions', operator: 'contains', value: 'EMEA' },
    ] }, { group: 'company-fit', points: 5 }),
    rule('company-size-unknown', { all: [{ fact: 'company.employees', operator: 'isUnknown', value: true }] },
      { group: 'company-fit', points: -3 }),
  ];
  for (const r of rules) engine.addRule(r);
  return engine;
}

export interface JreScore {
  id: string;
  value: number | null;
  label: string | null;
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Runs the engine once per record and turns the fired rules into the fit definition's value and label. */
export async function scoreWithJre(engine: Engine, subjects: readonly JreSubject[]): Promise<JreScore[]> {
  const out: JreScore[] = [];
  for (const subject of subjects) {
    if (subject.excluded) { out.push({ id: subject.id, value: null, label: null }); continue; }
    const { results } = await engine.run(subject.facts);
    let contactFit = 0;
    let companyFit = 0;
    for (const result of results) {
      const params = result.event!.params as PointsEvent['params'];
      let points = params.points ?? 0;
      if (params.pointsByValue) {
        points = 0;
        const conditions = (result.conditions as { any: { value: string; result?: boolean }[] }).any;
        for (const condition of conditions) if (condition.result) points += params.pointsByValue[condition.value.toLowerCase()] ?? 0;
      }
      if (params.group === 'contact-fit') contactFit += points;
      else companyFit += points;
    }
    const value = clamp(clamp(contactFit, -50, 50) + clamp(companyFit, -30, 30), -100, 100);
    out.push({ id: subject.id, value, label: value >= 40 ? 'high' : value >= 20 ? 'medium' : 'low' });
  }
  return out;
}
