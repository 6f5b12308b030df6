// Three definitions that fit the generated data (generator.ts), saved and activated after the first
// generation so every screen has scores to show: engagement with decay and limits, fit on
// properties (the contact's own and its company's), and a combined score with A1..C3 labels.
import type { Definition } from '@leadscore/sdk';

export const sampleEngagement: Definition = {
  id: 'sample-engagement',
  name: 'Contact engagement',
  description: 'What contacts did in the last months: sales touches, marketing activity (decaying monthly) and recent visits.',
  objectType: 'contact',
  kind: 'engagement',
  limit: { max: 100, min: -20 },
  scope: { mode: 'all', excludeLists: ['competitors'] },
  groups: [
    {
      id: 'sales', name: 'Engagement with sales', limit: 50,
      decay: { percent: 25, everyMonths: 3 },
      rules: [
        { id: 'meeting-booked', type: 'event', event: 'meeting_booked', points: 10 },
        { id: 'meeting-completed', type: 'event', event: 'meeting_completed', points: 15 },
        { id: 'call', type: 'event', event: 'call_started', points: 5, maxPoints: 15 },
      ],
    },
    {
      id: 'marketing', name: 'Engagement with marketing', limit: 40,
      decay: { percent: 50, everyMonths: 1 },
      rules: [
        {
          id: 'forms', type: 'event', event: 'form_submission',
          where: { property: 'formName', operator: 'is_any_of', values: ['Request a demo', 'Contact us', 'Webinar registration', 'Download ebook', 'Newsletter'] },
          pointsByValue: { 'Request a demo': 15, 'Contact us': 10, 'Webinar registration': 5, 'Download ebook': 4, Newsletter: 2 },
        },
        { id: 'email-click', type: 'event', event: 'marketing_email_click', points: 4, maxPoints: 16 },
        { id: 'email-open', type: 'event', event: 'marketing_email_open', points: 1, maxPoints: 8 },
        { id: 'cta', type: 'event', event: 'cta_click', points: 4 },
        { id: 'documents', type: 'event', event: 'document_view', points: 3 },
        { id: 'unsubscribed', type: 'event', event: 'newsletter_unsubscribe', points: -20 },
      ],
    },
    {
      id: 'web', name: 'Recent visits', limit: 20,
      rules: [
        { id: 'pricing', type: 'event', event: 'page_view', where: { property: 'pageUrl', operator: 'starts_with', value: '/pricing' }, timeframe: { op: 'in_last', amount: 60, unit: 'days' }, points: 5, maxPoints: 10 },
        { id: 'visits-many', type: 'event', event: 'page_view', frequency: { op: 'at_least', count: 6 }, timeframe: { op: 'in_last', amount: 90, unit: 'days' }, points: 10 },
        { id: 'visits-some', type: 'event', event: 'page_view', frequency: { op: 'between', min: 2, max: 5 }, timeframe: { op: 'in_last', amount: 90, unit: 'days' }, points: 4 },
      ],
    },
  ],
  thresholds: { high: 40, medium: 15 },
};

export const sampleFit: Definition = {
  id: 'sample-fit',
  name: 'Contact fit',
  description: 'Who contacts are: seniority and department, their company\'s size and industry, market and e-mail.',
  objectType: 'contact',
  kind: 'fit',
  limit: { max: 100, min: -50 },
  groups: [
    {
      id: 'role', name: 'Role', limit: 40,
      rules: [
        {
          id: 'seniority', type: 'property',
          condition: { property: 'seniority', operator: 'is_any_of', values: ['C-level', 'VP', 'Director', 'Manager'] },
          pointsByValue: { 'C-level': 25, VP: 20, Director: 15, Manager: 8 },
        },
        { id: 'department', type: 'property', condition: { property: 'department', operator: 'is_any_of', values: ['Marketing', 'Sales'] }, points: 10 },
        { id: 'student', type: 'property', condition: { any: [{ property: 'jobtitle', operator: 'contains', value: 'student' }, { property: 'email', operator: 'ends_with', value: '.edu' }] }, points: -30 },
      ],
    },
    {
      id: 'company', name: 'Company', limit: 40,
      rules: [
        { id: 'mid-market', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'between', values: [200, 5000] }, points: 20 },
        { id: 'enterprise', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'gt', value: 5000 }, points: 12 },
        { id: 'industry', type: 'property', of: 'primaryCompany', condition: { property: 'industry', operator: 'is_any_of', values: ['Software', 'Financial Services', 'Manufacturing'] }, points: 15 },
      ],
    },
    {
      id: 'market', name: 'Market and contact details',
      rules: [
        { id: 'target-country', type: 'property', condition: { property: 'country', operator: 'is_any_of', values: ['United States', 'United Kingdom', 'Germany', 'Denmark', 'Netherlands', 'Sweden', 'Canada'] }, points: 10 },
        { id: 'personal-email', type: 'property', condition: { property: 'email', operator: 'contains', value: '@gmail.' }, points: -10 },
        { id: 'phone', type: 'property', condition: { property: 'phone', operator: 'is_known' }, points: 5 },
      ],
    },
  ],
  thresholds: { high: 55, medium: 30 },
};

export const sampleCombined: Definition = {
  id: 'sample-combined',
  name: 'Fit and engagement (A1–C3)',
  description: 'Fit gives the letter (A best), engagement the digit (1 most engaged).',
  objectType: 'contact',
  kind: 'combined',
  limit: { max: 100 },
  scope: { mode: 'all', excludeLists: ['competitors'] },
  groups: [
    {
      id: 'activity', name: 'Activity', limit: 50,
      decay: { percent: 25, everyMonths: 1 },
      rules: [
        { id: 'meetings', type: 'event', event: 'meeting_completed', points: 12 },
        { id: 'demo-request', type: 'event', event: 'form_submission', where: { property: 'formName', operator: 'eq', value: 'Request a demo' }, points: 15 },
        { id: 'clicks', type: 'event', event: 'marketing_email_click', points: 3, maxPoints: 12 },
        { id: 'views', type: 'event', event: 'page_view', points: 1, maxPoints: 10 },
      ],
    },
    {
      id: 'profile', name: 'Profile', limit: 50,
      rules: [
        { id: 'senior', type: 'property', condition: { property: 'seniority', operator: 'is_any_of', values: ['C-level', 'VP', 'Director'] }, points: 20 },
        { id: 'company-size', type: 'property', of: 'primaryCompany', condition: { property: 'employees', operator: 'gte', value: 200 }, points: 15 },
        { id: 'good-industry', type: 'property', of: 'primaryCompany', condition: { property: 'industry', operator: 'is_any_of', values: ['Software', 'Financial Services', 'Manufacturing'] }, points: 10 },
        { id: 'no-students', type: 'property', condition: { property: 'seniority', operator: 'eq', value: 'Student' }, points: -25 },
      ],
    },
  ],
  thresholds: { fit: { high: 30, medium: 15 }, engagement: { high: 25, medium: 8 } },
};

/** The three, in the order they are saved and activated. */
export const sampleDefinitions: readonly Definition[] = [sampleEngagement, sampleFit, sampleCombined];
