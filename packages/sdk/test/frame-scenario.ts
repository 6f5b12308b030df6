// The scenario the framed pages of the worker-start and embed tests run, as source text for a
// page's script: population.ts's definition, and one contact with a meeting booked (sales, 10
// points) and an email click (marketing, 5 points). Scored: 15, label low.
export { engagement as definition } from './population.ts';

/** The events, as an expression for the page: an hour ago and half an hour ago, so no decay applies. */
export const eventsSource = `[
  { id: 'e1', recordId: 'c1', type: 'meeting_booked', occurredAt: new Date(Date.now() - 3600000).toISOString() },
  { id: 'e2', recordId: 'c1', type: 'marketing_email_click', occurredAt: new Date(Date.now() - 1800000).toISOString() },
]`;

/** What the page reads back for c1: sales 10 + marketing 5. */
export const expectedScore = { value: 15, label: 'low', groups: [['sales', 10], ['marketing', 5]] };
