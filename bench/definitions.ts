// The definitions the benchmark scores: one realistic combined contact score with 27 rules in four
// groups (fit on the contact, fit read through the primary company, engagement with decay, recent
// intent with timeframes and frequencies), and a fit-only definition with the same property rules.
// bench/hand-loop.ts hard-codes exactly these rules; keep the two in step.
import type { Definition, Group } from '../packages/worker/src/index.ts';
import { COMPETITORS_LIST } from './synthetic-dataset.ts';

/** Fit on the contact's own properties. */
export const contactFitGroup: Group = {
  id: 'contact-fit',
  name: 'Who the contact is',
  limit: 50,
  rules: [
    { id: 'target-country', type: 'property', of: 'self',
      condition: { property: 'country', operator: 'is_any_of', values: ['United States', 'Canada', 'United Kingdom', 'Germany'] },
      points: 10 },
    { id: 'decision-maker', type: 'property',
      condition: { any: [
        { property: 'jobtitle', operator: 'contains', value: 'chief' },
        { property: 'jobtitle', operator: 'contains', value: 'director' },
        { property: 'jobtitle', operator: 'starts_with', value: 'vp' },
        { property: 'jobtitle', operator: 'starts_with', value: 'vice president' },
        { property: 'jobtitle', operator: 'starts_with', value: 'head of' },
      ] },
      points: 15 },
    { id: 'interests', type: 'property',
      condition: { property: 'interests', operator: 'contains_any_of', values: ['analytics', 'automation', 'crm'] },
      pointsByValue: { analytics: 5, automation: 4, crm: 3 } },
    { id: 'stage', type: 'property',
      condition: { property: 'lifecyclestage', operator: 'is_any_of', values: ['marketingqualifiedlead', 'salesqualifiedlead', 'opportunity'] },
      pointsByValue: { marketingqualifiedlead: 5, salesqualifiedlead: 10, opportunity: 15 } },
    { id: 'revenue', type: 'property',
      condition: { property: 'annualrevenue', operator: 'gte', value: 1_000_000 }, points: 5 },
    { id: 'new-contact', type: 'property',
      condition: { property: 'createdate', operator: 'in_last', amount: 6, unit: 'months' }, points: 5 },
    { id: 'free-mail', type: 'property',
      condition: { any: [
        { property: 'email', operator: 'ends_with', value: '@gmail.com' },
        { property: 'email', operator: 'ends_with', value: '@yahoo.com' },
        { property: 'email', operator: 'ends_with', value: '@hotmail.com' },
      ] },
      points: -10 },
    { id: 'opted-out', type: 'property',
      condition: { property: 'hs_email_optout', operator: 'is_true' }, points: -5 },
    { id: 'student', type: 'property',
      condition: { property: 'jobtitle', operator: 'eq', value: 'student' }, points: -15 },
  ],
};

/** Fit read through the association to the primary company (scoring.md §6.2). */
export const companyFitGroup: Group = {
  id: 'company-fit',
  name: 'Who the company is',
  limit: 30,
  rules: [
    { id: 'company-size', type: 'property', of: 'primaryCompany',
      condition: { property: 'employees', operator: 'between', values: [200, 10_000] }, points: 10 },
    { id: 'company-industry', type: 'property', of: 'primaryCompany',
      condition: { property: 'industry', operator: 'is_any_of', values: ['Software', 'Financial Services', 'Healthcare'] },
      pointsByValue: { Software: 10, 'Financial Services': 8, Healthcare: 6 } },
    { id: 'company-region', type: 'property', of: 'primaryCompany',
      condition: { property: 'regions', operator: 'contains_any_of', values: ['Northeast', 'Midwest', 'EMEA'] }, points: 5 },
    { id: 'company-size-unknown', type: 'property', of: 'primaryCompany',
      condition: { property: 'employees', operator: 'is_unknown' }, points: -3 },
  ],
};

/** Engagement that fades: 25 % less every month (scoring.md §5). */
export const engagementGroup: Group = {
  id: 'engagement',
  name: 'Engagement (decaying)',
  limit: 40,
  decay: { percent: 25, everyMonths: 1 },
  rules: [
    { id: 'forms', type: 'event', event: 'form_submission',
      where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Demo request', 'Newsletter'] },
      pointsByValue: { 'Contact us': 10, 'Demo request': 15, Newsletter: 2 } },
    { id: 'email-clicks', type: 'event', event: 'marketing_email_click', points: 3, maxPoints: 15 },
    { id: 'cta-clicks', type: 'event', event: 'cta_click', points: 2 },
    { id: 'meetings-booked', type: 'event', event: 'meeting_booked', points: 10 },
    { id: 'pricing-views', type: 'event', event: 'page_view',
      where: { property: 'url', operator: 'contains', value: '/pricing' }, points: 2, maxPoints: 10 },
    { id: 'reads-email', type: 'event', event: 'marketing_email_open',
      frequency: { op: 'at_least', count: 5 }, points: 5 },
  ],
};

/** Recent intent: timeframes and frequencies, no decay. */
export const intentGroup: Group = {
  id: 'intent',
  name: 'Recent intent',
  limit: 30,
  rules: [
    { id: 'busy-visitor', type: 'event', event: 'page_view',
      frequency: { op: 'at_least', count: 10 }, timeframe: { op: 'in_last', amount: 30, unit: 'days' }, points: 10 },
    { id: 'opens-few', type: 'event', event: 'marketing_email_open',
      frequency: { op: 'between', min: 1, max: 3 }, timeframe: { op: 'in_last', amount: 3, unit: 'months' }, points: 2 },
    { id: 'opens-many', type: 'event', event: 'marketing_email_open',
      frequency: { op: 'at_least', count: 4 }, timeframe: { op: 'in_last', amount: 3, unit: 'months' }, points: 5 },
    { id: 'met-sales', type: 'event', event: 'meeting_completed',
      timeframe: { op: 'in_last', amount: 1, unit: 'years' }, points: 20, maxPoints: 30 },
    { id: 'demo-from-pricing', type: 'event', event: 'form_submission',
      where: { all: [
        { property: 'formName', operator: 'eq', value: 'Demo request' },
        { property: 'url', operator: 'contains', value: '/pricing' },
      ] },
      timeframe: { op: 'in_last', amount: 2, unit: 'weeks' }, points: 10 },
    { id: 'q1-calls', type: 'event', event: 'call_started',
      timeframe: { op: 'between', from: '2026-01-01', to: '2026-03-31' }, points: 5, maxPoints: 10 },
    { id: 'unsubscribed', type: 'event', event: 'newsletter_unsubscribe',
      timeframe: { op: 'in_last', amount: 6, unit: 'months' }, points: -10, maxPoints: 10 },
    { id: 'gone-quiet', type: 'event', event: 'marketing_email_open',
      frequency: { op: 'at_most', count: 0, includeNone: true }, timeframe: { op: 'in_last', amount: 6, unit: 'months' }, points: -5 },
  ],
};

export const fullDefinition: Definition = {
  id: 'bench-contact-score',
  name: 'Contact score (benchmark)',
  objectType: 'contact',
  kind: 'combined',
  limit: { max: 100 },
  scope: { mode: 'all', excludeLists: [COMPETITORS_LIST] },
  groups: [contactFitGroup, companyFitGroup, engagementGroup, intentGroup],
  thresholds: { fit: { high: 40, medium: 20 }, engagement: { high: 30, medium: 10 } },
};

/** The same property rules as a fit score. */
export const fitDefinition: Definition = {
  id: 'bench-contact-fit',
  name: 'Contact fit (benchmark)',
  objectType: 'contact',
  kind: 'fit',
  limit: { max: 100 },
  scope: { mode: 'all', excludeLists: [COMPETITORS_LIST] },
  groups: [contactFitGroup, companyFitGroup],
  thresholds: { high: 40, medium: 20 },
};

export function ruleCount(definition: Definition): number {
  return definition.groups.reduce((n, g) => n + g.rules.length, 0);
}
