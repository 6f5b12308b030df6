// The normative examples of formats.md, verbatim. Tests take copies (structuredClone) to vary them.

/** formats.md §1. */
export const exampleDefinition = {
  id: 'contact-engagement',
  name: 'Contact engagement',
  objectType: 'contact',
  kind: 'engagement',
  limit: { max: 100, min: -100 },
  scope: { mode: 'all', excludeLists: ['competitors'] },
  groups: [
    {
      id: 'sales', name: 'Engagement with sales', limit: 60,
      rules: [
        { id: 'call', type: 'event', event: 'call_started', points: 15 },
        { id: 'booked', type: 'event', event: 'meeting_booked', points: 10 },
        { id: 'done', type: 'event', event: 'meeting_completed', points: 20 },
      ],
    },
    {
      id: 'marketing', name: 'Engagement with marketing', limit: 40,
      decay: { percent: 50, everyMonths: 1 },
      rules: [
        { id: 'cta', type: 'event', event: 'cta_click', points: 6 },
        { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
        { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 },
        { id: 'forms', type: 'event', event: 'form_submission',
          where: { property: 'formName', operator: 'is_any_of', values: ['Contact us', 'Newsletter'] },
          pointsByValue: { 'Contact us': 5, Newsletter: 2 } },
      ],
    },
    {
      id: 'recent', name: 'Recent intent',
      rules: [
        { id: 'opens-often', type: 'event', event: 'marketing_email_open',
          frequency: { op: 'at_least', count: 4 },
          timeframe: { op: 'in_last', amount: 30, unit: 'days' }, points: 5 },
      ],
    },
  ],
  thresholds: { high: 70, medium: 40 },
};

/** formats.md §2. */
export const exampleDataset = {
  records: [
    { id: 'c1', objectType: 'contact', createdAt: '2026-01-02T09:00:00Z',
      properties: { jobtitle: 'CTO', state: ['Northeast', 'Midwest'], employees: 250 },
      associations: { companies: ['co1'], primaryCompany: 'co1', deals: ['d1'] } },
  ],
  events: [
    { id: 'e1', recordId: 'c1', type: 'form_submission',
      occurredAt: '2026-03-01T10:00:00Z', properties: { formName: 'Contact us' } },
  ],
  lists: [
    { id: 'competitors', objectType: 'contact', recordIds: ['c9'] },
    { id: 'big', objectType: 'company',
      condition: { all: [{ property: 'employees', operator: 'gte', value: 200 }] } },
  ],
  propertyHistory: [
    { recordId: 'c1', property: 'lifecyclestage', value: 'lead',
      at: '2026-01-02T09:00:00Z', source: 'form' },
  ],
  propertyTypes: { contact: { employees: 'number', state: 'multi' } },
};
