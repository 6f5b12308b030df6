// The embedding a customer writes: the self-registering bundle, a client, live elements inside a
// provider, and one static element fed hostile record data. Reports what rendered to the test.
import { createClient } from '../../dist/browser/leadscore-widgets.js';

const params = new URLSearchParams(location.search);
const dbName = params.get('db') ?? 'leadscore-host-page';
const evil = '<img src=x onerror="window.parent.__xss = 1">';

const definition = {
  id: 'engagement', name: 'Engagement', objectType: 'contact', kind: 'engagement',
  thresholds: { high: 20, medium: 10 },
  groups: [{ id: 'forms', rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] }],
};

async function main() {
  const client = createClient({ dbName });
  await client.upsertRecords([{ id: 'c1', objectType: 'contact', properties: { firstname: evil } }, { id: 'c2', objectType: 'contact' }]);
  await client.trackEvents([{ id: 'f1', recordId: 'c1', type: 'form_submission', occurredAt: new Date(Date.now() - 60_000).toISOString() }]);
  await client.saveDraft(definition);
  await client.activate('engagement');
  await client.setLifecycle([{ recordId: 'c1', stage: 'lead', source: 'form' }]);

  const provider = document.createElement('lead-provider');
  provider.client = client;
  const card = Object.assign(document.createElement('lead-score-card'), { recordId: 'c1', definitionId: 'engagement' });
  const histogram = Object.assign(document.createElement('lead-score-histogram'), { definitionId: 'engagement' });
  const timeline = Object.assign(document.createElement('lead-lifecycle-timeline'), { recordId: 'c1' });
  const badge = Object.assign(document.createElement('lead-threshold-badge'), { label: evil });
  provider.append(card, histogram, timeline, badge);
  document.getElementById('widgets').append(provider);

  const elements = [card, histogram, timeline, badge];
  const deadline = Date.now() + 15_000;
  const rendered = () => card.shadowRoot?.textContent?.includes('10') && timeline.shadowRoot?.textContent?.includes('Lead') && histogram.shadowRoot?.querySelector('svg');
  while (!rendered() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));

  // A provider that makes its own client from db-name (the SDK loads on demand), on the same database.
  const own = document.createElement('lead-provider');
  own.setAttribute('db-name', dbName);
  const ownCard = Object.assign(document.createElement('lead-score-card'), { recordId: 'c1', definitionId: 'engagement' });
  own.append(ownCard);
  document.getElementById('widgets').append(own);
  while (!ownCard.shadowRoot?.textContent?.includes('10') && Date.now() < deadline + 15_000) await new Promise((done) => setTimeout(done, 50));
  const ownClientText = (ownCard.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
  own.remove();

  let evalBlocked = false;
  try {
    // eslint-disable-next-line no-new-func
    new Function('return 1')();
  } catch {
    evalBlocked = true;
  }
  const report = {
    evalBlocked,
    ownClientText,
    elements: elements.map((element) => {
      const first = [...(element.shadowRoot?.children ?? [])].find((child) => child.tagName !== 'STYLE');
      const style = first ? getComputedStyle(first) : undefined;
      return {
        tag: element.tagName.toLowerCase(),
        text: (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        images: element.shadowRoot?.querySelectorAll('img').length ?? -1,
        fontSize: style?.fontSize,
        color: style?.color,
        textTransform: style?.textTransform,
      };
    }),
  };
  await client.close();
  window.parent.postMessage({ leadscoreHostPage: report }, '*');
}

main().catch((error) => window.parent.postMessage({ leadscoreHostPage: { error: String(error?.stack ?? error) } }, '*'));
