// A synthetic population for the activation and subscription tests: contacts with a few events
// each, spread over 20 companies, and the §2.5-style definition that scores them.
import type { CrmEvent, CrmRecord, Dataset, Definition } from '../src/index.ts';

/** §2.5's groups: sales limit 60 (booked 10), marketing limit 40 (open 2, click 5). */
export const engagement: Definition = {
  id: 'engagement',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [
    { id: 'sales', limit: 60, rules: [{ id: 'booked', type: 'event', event: 'meeting_booked', points: 10 }] },
    { id: 'marketing', limit: 40, rules: [
      { id: 'open', type: 'event', event: 'marketing_email_open', points: 2 },
      { id: 'click', type: 'event', event: 'marketing_email_click', points: 5 },
    ] },
  ],
  thresholds: { high: 70, medium: 40 },
};

/** Contact i: i mod 5 opens, i mod 3 clicks, a booked meeting when i mod 7 is 0; company i mod 20. */
export const opens = (i: number) => i % 5;
export const clicks = (i: number) => i % 3;
export const booked = (i: number) => (i % 7 === 0 ? 1 : 0);
/** §2.3 with these rules: no group reaches its limit (sales ≤ 10 of 60, marketing ≤ 4×2 + 2×5 = 18 of 40). */
export const expected = (i: number) => 10 * booked(i) + 2 * opens(i) + 5 * clicks(i);
export const contactId = (i: number) => `c${String(i).padStart(5, '0')}`;

export function population(contacts: number, now: number): Dataset {
  const records: CrmRecord[] = [];
  const events: CrmEvent[] = [];
  for (let c = 0; c < 20; c++) records.push({ id: `co${c}`, objectType: 'company', properties: { name: `Company ${c}` } });
  for (let i = 0; i < contacts; i++) {
    const id = contactId(i);
    records.push({ id, objectType: 'contact', associations: { primaryCompany: `co${i % 20}`, companies: [`co${i % 20}`] } });
    const add = (type: string, n: number) => {
      for (let k = 0; k < n; k++) events.push({ id: `${id}-${type}-${k}`, recordId: id, type, occurredAt: new Date(now - (k + 1) * 3_600_000).toISOString() });
    };
    add('marketing_email_open', opens(i));
    add('marketing_email_click', clicks(i));
    add('meeting_booked', booked(i));
  }
  return { records, events };
}
