// The plain page's script (page.html): imports the built bundle by its URL, creates a client on the
// database the page's `?db=` names, scores two contacts, and posts what it read to the parent
// frame (plain-script.browser.test.ts), which checks the values. Plain JavaScript: the test server
// has nothing to compile here, as on a host's own server.
import { createClient, LeadscoreError, version } from '../../dist/browser/leadscore.js';

const definition = {
  id: 'engagement',
  name: 'Engagement',
  objectType: 'contact',
  kind: 'engagement',
  groups: [
    { id: 'sales', limit: 60, rules: [{ id: 'booked', type: 'event', event: 'meeting_booked', points: 10 }] },
    { id: 'marketing', limit: 40, rules: [{ id: 'click', type: 'event', event: 'marketing_email_click', points: 5 }] },
  ],
  thresholds: { high: 70, medium: 40 },
};

async function run() {
  const dbName = new URL(location.href).searchParams.get('db');
  const client = createClient({ dbName });
  const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
  try {
    const draft = await client.saveDraft(definition);
    await client.upsertRecords([
      { id: 'c1', objectType: 'contact', properties: { email: 'ada@example.com' } },
      { id: 'c2', objectType: 'contact' },
    ]);
    const tracked = await client.trackEvents([
      { id: 'e1', recordId: 'c1', type: 'meeting_booked', occurredAt: minutesAgo(20) },
      { id: 'e2', recordId: 'c1', type: 'marketing_email_click', occurredAt: minutesAgo(10) },
    ]);
    const active = await client.activate(definition.id);
    const [c1] = await client.getScores('c1');
    const [c2] = await client.getScores('c2');
    let rejected;
    try {
      await client.trackEvents([{ id: 'e3', recordId: 'c2', type: 'cta_click', occurredAt: 'yesterday' }]);
    } catch (error) {
      rejected = { isLeadscoreError: error instanceof LeadscoreError, code: error.code, items: error.items.map((item) => item.index) };
    }
    return {
      version,
      draft: draft.status,
      tracked,
      active: active.status,
      c1: { value: c1.value, label: c1.label, groups: c1.groups.map((group) => [group.id, group.value]) },
      c2: { value: c2.value, label: c2.label },
      rejected,
      evalBlocked: evalBlocked(),
      workerPolicy: await workerPolicy(),
    };
  } finally {
    await client.close();
  }
}

/** Whether this page's Content-Security-Policy forbids eval. */
function evalBlocked() {
  try {
    return new Function('return false')();
  } catch {
    return true;
  }
}

/** The Content-Security-Policy the server sends with the worker script this page starts. */
async function workerPolicy() {
  const response = await fetch(new URL('../../dist/browser/leadscore-worker.js', import.meta.url));
  return response.headers.get('content-security-policy');
}

run().then(
  (result) => parent.postMessage({ source: 'leadscore-plain-page', result }, location.origin),
  (error) => parent.postMessage({ source: 'leadscore-plain-page', error: `${error?.code ?? ''} ${error?.stack ?? error}` }, location.origin),
);
