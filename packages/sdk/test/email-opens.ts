// The email-opens population the read tests share: seven contacts a … g with a known number of
// marketing email opens each, and the definition that gives 10 points an open. Expected values are
// worked out by hand from these counts.
import type { CrmEvent, Definition } from '../src/index.ts';

/** Opens per contact: a 9, b 7, c 5, d 4, e 2, f 0, g 3 (g is in the exclusion list). */
export const opens: Record<string, number> = { a: 9, b: 7, c: 5, d: 4, e: 2, f: 0, g: 3 };

/**
 * 10 points per open, no limits but the default ±100 (§2.3); high ≥ 70, medium ≥ 40 (§8.2):
 * a 90 high, b 70 high, c 50 medium, d 40 medium, e 20 low, f 0 low; g is outside the scope.
 */
export const engagement: Definition = {
  id: 'eng',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  scope: { mode: 'all', excludeLists: ['competitors'] },
  groups: [{ id: 'email', rules: [{ id: 'open', type: 'event', event: 'marketing_email_open', points: 10 }] }],
  thresholds: { high: 70, medium: 40 },
};

/** The opens start here, one an hour. */
export const start = Date.parse('2026-02-01T00:00:00Z');
export const eventId = (contact: string, k: number) => `${contact}-open-${k}`;

/** Each contact's opens, `properties` giving each its properties. */
export function openEvents(properties?: (k: number) => Record<string, string>): CrmEvent[] {
  return Object.entries(opens).flatMap(([contact, n]) => Array.from({ length: n }, (_, k) => ({
    id: eventId(contact, k), recordId: contact, type: 'marketing_email_open', occurredAt: new Date(start + k * 3_600_000).toISOString(),
    ...(properties ? { properties: properties(k) } : {}),
  })));
}
