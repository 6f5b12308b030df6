// What every consumer page shows, static and live: scripts/test-consumers.mjs copies this file into
// each web project (plain JavaScript with JSDoc types, so the TypeScript projects check it against
// the installed @leadscore/sdk and the plain page loads it as it is). The values the pages must
// render are worked out by hand in harness/expected.mjs.

/** @typedef {import('@leadscore/sdk').Definition} Definition */

/** @type {Definition['groups'][number]['rules']} */
const salesRules = [
  { id: 'call', type: 'event', event: 'call_started', points: 15 },
  { id: 'booked', type: 'event', event: 'meeting_booked', points: 10 },
  { id: 'done', type: 'event', event: 'meeting_completed', points: 20 },
];

/**
 * scoring.md §2.5, the seed's worked example, with thresholds and a floor of 0: sales (limit 60)
 * and marketing (limit 40) groups of event rules.
 * @type {Definition}
 */
export const engagement = {
  id: 'engagement',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  limit: { max: 100, min: 0 },
  groups: [
    {
      id: 'sales',
      name: 'Engagement with sales',
      limit: 60,
      rules: salesRules,
    },
    {
      id: 'marketing',
      name: 'Engagement with marketing',
      limit: 40,
      rules: [
        { id: 'cta', type: 'event', event: 'cta_click', points: 6 },
        { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
        { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 },
      ],
    },
  ],
  thresholds: { high: 40, medium: 20 },
};

/**
 * A combined score for the A1..C3 matrix: engagement from the sales rules, fit from the job title.
 * @type {Definition}
 */
export const fitAndEngagement = {
  id: 'fit-and-engagement',
  name: 'Fit and engagement',
  objectType: 'contact',
  kind: 'combined',
  limit: { max: 100, min: 0 },
  groups: [
    { id: 'sales', name: 'Engagement with sales', rules: salesRules },
    {
      id: 'profile',
      name: 'Who they are',
      rules: [{ id: 'chief', type: 'property', condition: { property: 'jobtitle', operator: 'starts_with', value: 'Chief' }, points: 40 }],
    },
  ],
  thresholds: { fit: { high: 30, medium: 10 }, engagement: { high: 30, medium: 10 } },
};

/**
 * The challenger of `<lead-score-compare>`'s live comparison: the engagement score with an email
 * open worth 10 points (2 in the champion) and medium from 10 (20 in the champion). Saved as a
 * draft, never activated: a comparison reads a stored definition's latest version.
 * @type {Definition}
 */
export const engagementV2 = {
  ...engagement,
  id: 'engagement-v2',
  name: 'Engagement v2',
  groups: [
    engagement.groups[0],
    { ...engagement.groups[1], rules: engagement.groups[1].rules.map((rule) => (rule.id === 'open' ? { ...rule, points: 10 } : rule)) },
  ],
  thresholds: { high: 40, medium: 10 },
};

/** @type {(id: string, recordId: string, type: string, occurredAt: string) => import('@leadscore/sdk').CrmEvent} */
const event = (id, recordId, type, occurredAt) => ({ id, recordId, type, occurredAt });

/**
 * c1 is the worked example's contact (one meeting booked, two marketing emails opened, three email
 * links clicked); c2 starts a call and completes a meeting; c3 opens one email.
 * @type {import('@leadscore/sdk').Dataset}
 */
export const dataset = {
  records: [
    { id: 'c1', objectType: 'contact', createdAt: '2024-01-01T00:00:00Z', properties: { jobtitle: 'Chief Executive Officer' } },
    { id: 'c2', objectType: 'contact', createdAt: '2024-01-01T00:00:00Z', properties: { jobtitle: 'Intern' } },
    { id: 'c3', objectType: 'contact', createdAt: '2024-01-01T00:00:00Z' },
  ],
  events: [
    event('e1', 'c1', 'meeting_booked', '2024-03-02T10:00:00Z'),
    event('e2', 'c1', 'marketing_email_open', '2024-03-03T10:00:00Z'),
    event('e3', 'c1', 'marketing_email_open', '2024-03-04T10:00:00Z'),
    event('e4', 'c1', 'marketing_email_click', '2024-03-04T10:01:00Z'),
    event('e5', 'c1', 'marketing_email_click', '2024-03-05T10:00:00Z'),
    event('e6', 'c1', 'marketing_email_click', '2024-03-06T10:00:00Z'),
    event('e7', 'c2', 'call_started', '2024-03-02T11:00:00Z'),
    event('e8', 'c2', 'meeting_completed', '2024-03-09T11:00:00Z'),
    event('e9', 'c3', 'marketing_email_open', '2024-03-10T08:00:00Z'),
  ],
};

/**
 * The live part of a page: the data above through the client's worker, both definitions active
 * and the compare's challenger saved as a draft, then one more event for c2 (a second entry in its
 * score history) and two stages for c1.
 * @param {import('@leadscore/sdk').LeadscoreClient} client
 */
export async function seedLiveData(client) {
  await client.importDataset(dataset);
  for (const definition of [engagement, fitAndEngagement]) {
    await client.saveDraft(definition);
    await client.activate(definition.id);
  }
  await client.saveDraft(engagementV2);
  await client.trackEvents([event('e10', 'c2', 'cta_click', '2024-03-12T09:00:00Z')]);
  await client.setLifecycle([
    { recordId: 'c1', stage: 'lead', source: 'form', at: '2024-01-01T00:00:00Z' },
    { recordId: 'c1', stage: 'marketingqualifiedlead', source: 'workflow', at: '2024-02-01T00:00:00Z' },
  ]);
}

/** The static part of a page: each element's plain-data properties, written by hand. */
export const staticData = {
  /** c1 of the worked example scored at 2024-04-01: sales 10, marketing 4 + 15 = 19, total 29. */
  card: {
    definition: engagement,
    /** @type {import('@leadscore/sdk').ScoredResult} */
    result: {
      definitionId: 'engagement',
      recordId: 'c1',
      asOf: '2024-04-01T00:00:00Z',
      value: 29,
      engagement: null,
      fit: null,
      label: 'medium',
      // high ≥ 40: 40 − 29 = 11 to go.
      toNext: { label: 'high', points: 11 },
      groups: [
        { id: 'sales', value: 10, raw: 10, capped: false, rules: [{ id: 'booked', points: 10, matches: 1, events: ['e1'] }] },
        {
          id: 'marketing', value: 19, raw: 19, capped: false,
          rules: [
            { id: 'open', points: 4, matches: 2, events: ['e2', 'e3'] },
            { id: 'click', points: 15, matches: 3, events: ['e4', 'e5', 'e6'] },
          ],
        },
      ],
      nextChangeAt: null,
    },
    /** @type {import('@leadscore/sdk').ScoreChange[]} */
    history: [
      { definitionId: 'engagement', recordId: 'c1', at: '2024-03-02T10:00:00Z', oldValue: null, newValue: 10, cause: { kind: 'event', ref: 'e1' } },
      { definitionId: 'engagement', recordId: 'c1', at: '2024-03-04T10:00:00Z', oldValue: 10, newValue: 14, cause: { kind: 'event', ref: 'e3' } },
      { definitionId: 'engagement', recordId: 'c1', at: '2024-03-06T10:00:00Z', oldValue: 14, newValue: 29, cause: { kind: 'event', ref: 'e6' } },
    ],
  },
  badge: { label: 'high' },
  histogram: {
    definition: engagement,
    /** @type {import('@leadscore/sdk').Distribution} */
    distribution: {
      definitionId: 'engagement',
      scored: 10,
      outOfScope: 0,
      min: 2,
      max: 55,
      mean: 21.5,
      buckets: [
        { from: 0, to: 20, count: 5 },
        { from: 20, to: 40, count: 3 },
        { from: 40, to: 60, count: 2 },
        { from: 60, to: 80, count: 0 },
        { from: 80, to: 100, count: 0 },
      ],
      labels: { high: 2, medium: 3, low: 5 },
      thresholds: engagement.thresholds,
    },
  },
  matrix: { counts: { A1: 1, A2: 2, B1: 3, C3: 4 } },
  /**
   * A comparison as `compareDefinitions` gives it, only the parts the element reads: 22 records,
   * one of them out of the challenger's scope (`to: null`).
   * @type {Pick<import('@leadscore/sdk').Comparison, 'champion' | 'challenger' | 'transitions'>}
   */
  compare: {
    champion: { id: 'fit', name: 'Fit', labels: ['high', 'medium', 'low'] },
    challenger: { id: 'fit-v2', name: 'Fit v2', labels: ['high', 'medium', 'low'] },
    transitions: [
      { from: 'high', to: 'high', count: 4 },
      { from: 'high', to: 'medium', count: 1 },
      { from: 'medium', to: 'high', count: 2 },
      { from: 'medium', to: 'medium', count: 5 },
      { from: 'low', to: 'medium', count: 3 },
      { from: 'low', to: 'low', count: 6 },
      { from: 'low', to: null, count: 1 },
    ],
  },
  /** @type {import('@leadscore/sdk').RecordLifecycleView} */
  lifecycle: {
    recordId: 'c1',
    objectType: 'contact',
    asOf: '2024-01-21T00:00:00Z',
    stage: 'marketingqualifiedlead',
    leadStatus: null,
    properties: {},
    stages: [
      { id: 'subscriber', label: 'Subscriber' },
      { id: 'lead', label: 'Lead', dateEntered: '2024-01-01T00:00:00Z', dateExited: '2024-01-11T00:00:00Z', latestTimeIn: 864_000, cumulativeTimeIn: 864_000 },
      { id: 'marketingqualifiedlead', label: 'Marketing qualified lead', dateEntered: '2024-01-11T00:00:00Z' },
      { id: 'salesqualifiedlead', label: 'Sales qualified lead' },
      { id: 'opportunity', label: 'Opportunity' },
      { id: 'customer', label: 'Customer' },
      { id: 'evangelist', label: 'Evangelist' },
      { id: 'other', label: 'Other' },
    ],
    leadStatuses: [],
    history: [
      { field: 'stage', oldValue: null, newValue: 'lead', at: '2024-01-01T00:00:00Z', source: 'form', refused: false },
      { field: 'stage', oldValue: 'lead', newValue: 'marketingqualifiedlead', at: '2024-01-11T00:00:00Z', source: 'workflow', refused: false },
    ],
  },
};
