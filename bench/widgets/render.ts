// The widgets' render page: a warm client (worker started, data stored and scored, one read done),
// then score cards rendered one after another, each timed from its creation to the first paint of
// its score: what a CRM page sees when it drops <lead-score-card> into a record view.
import { createClient } from '../../packages/sdk/src/index.ts';
import '../../packages/widgets/src/score-card/score-card.ts';

const createWorker = () => new Worker(new URL('../../packages/worker/src/worker.ts', import.meta.url), { type: 'module', name: 'leadscore' });

/** Yields to the event loop without the 4 ms clamp of nested timers. */
function yieldOnce(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

async function firstRender(options: { renders: number }): Promise<{ renderMs: number[]; value: number }> {
  const client = createClient({ dbName: `leadscore-widgets-bench-${Date.now()}`, createWorker });
  await client.upsertRecords(Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, objectType: 'contact' as const })));
  const now = Date.now();
  await client.trackEvents(Array.from({ length: 200 }, (_, i) => ({ id: `e${i}`, recordId: `c${i % 50}`, type: i % 3 === 0 ? 'form_submission' : 'page_view', occurredAt: new Date(now - i * 3_600_000).toISOString() })));
  await client.saveDraft({
    id: 'engagement', name: 'Engagement', objectType: 'contact', kind: 'engagement', thresholds: { high: 40, medium: 20 },
    groups: [
      { id: 'forms', limit: 30, rules: [{ id: 'form', type: 'event', event: 'form_submission', points: 10 }] },
      { id: 'views', decay: { percent: 50, everyMonths: 1 }, rules: [{ id: 'view', type: 'event', event: 'page_view', points: 1 }] },
    ],
  });
  await client.activate('engagement');
  const [warm] = await client.getScores('c1');
  const value = warm!.value;
  const renderMs: number[] = [];
  for (let i = 0; i < options.renders; i++) {
    const t = performance.now();
    const card = document.createElement('lead-score-card');
    Object.assign(card, { client, recordId: 'c1', definitionId: 'engagement' });
    document.body.append(card);
    const deadline = t + 10_000;
    while (!card.shadowRoot?.textContent?.includes(String(value))) {
      if (performance.now() > deadline) throw new Error(`the card did not show ${value} within 10 s: "${card.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 300)}"`);
      await yieldOnce();
    }
    renderMs.push(performance.now() - t);
    card.remove();
  }
  await client.close();
  return { renderMs, value };
}

Object.assign(window, { bench: { firstRender } });
document.title = 'ready';
