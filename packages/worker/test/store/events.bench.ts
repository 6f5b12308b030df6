// The measurement behind the event chunk layout (src/store/README.md), in headless Chromium:
//   npx web-test-runner --config packages/worker/test/store/bench.config.mjs
// Not a *.browser.test.ts, so `npm run test:browser` does not run it (it takes about a minute).
import { openDB } from 'idb';
import { validateBatch } from '../../src/store/batch-validation.ts';
import type { CrmEvent } from '../../src/model/dataset.ts';
import type { ScoreResult } from '../../src/model/result.ts';
import { allStores, type Store } from '../../src/store/store.ts';
import { cleanUp, freshStore, uniqueName } from './helpers.ts';

const versions = new Map([['engagement', 1]]);
const types = ['page_view', 'marketing_email_open', 'marketing_email_click', 'form_submission', 'cta_click', 'meeting_booked', 'document_view', 'chat_started'];
const start = Date.UTC(2026, 0, 1);

/** `perContact` events for each of `contacts` contacts, ids c0000…, times spread over 90 days. */
function generate(contacts: number, perContact: number, offset = 0): CrmEvent[] {
  const out: CrmEvent[] = [];
  let seed = 42 + offset;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let c = offset; c < offset + contacts; c++) {
    const recordId = `c${String(c).padStart(6, '0')}`;
    for (let i = 0; i < perContact; i++) {
      const type = types[Math.floor(random() * types.length)]!;
      const event: CrmEvent = { id: `${recordId}-e${i}`, recordId, type, occurredAt: start + Math.floor(random() * 90 * 86_400_000) };
      if (type === 'page_view' || type === 'form_submission') event.properties = type === 'page_view' ? { url: `/page/${i % 40}` } : { formName: 'Contact us' };
      out.push(event);
    }
  }
  return out;
}

const rows: [string, string][] = [];
function report(what: string, ms: number, per?: number) {
  rows.push([what, `${ms.toFixed(0)} ms${per ? ` (${((ms * 1000) / per).toFixed(2)} µs/event)` : ''}`]);
  console.log(`${what}: ${ms.toFixed(1)} ms`);
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await work();
  return [performance.now() - t0, value];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('bench: event storage layouts', function () {
  this.timeout(900_000);
  after(async () => {
    await cleanUp();
    console.log(`\n| measurement | time |\n| --- | --- |\n${rows.map(([a, b]) => `| ${a} | ${b} |`).join('\n')}`);
  });

  it('one row per event (the layout not chosen), 100,000 events in one transaction', async () => {
    const name = uniqueName('bench-rows');
    const db = await openDB(name, 1, { upgrade: (d) => void d.createObjectStore('events', { keyPath: ['recordId', 'id'] }) });
    const events = generate(1000, 100);
    const [ms] = await time(async () => {
      const tx = db.transaction('events', 'readwrite');
      for (const event of events) void tx.store.put(event);
      await tx.done;
    });
    report('single rows: write 100,000 events, 1,000 contacts, one transaction', ms, events.length);
    const [read] = await time(() => db.getAll('events', IDBKeyRange.bound(['c000500'], ['c000500', []])));
    report('single rows: read one contact (100 events)', read);
    db.close();
  });

  let store: Store;
  it('chunks: 100,000 events for 1,000 contacts', async () => {
    store = await freshStore('bench-chunks');
    const events = generate(1000, 100);
    const [validate] = await time(() => validateBatch('events', events, 'bench'));
    report('zod validation of 100,000 events (part of every append)', validate, events.length);
    const [ms] = await time(() => store.events.append(events));
    report('chunks: append 100,000 events, 1,000 contacts, one batch', ms, events.length);
    const again = await time(() => store.events.append(events));
    report('chunks: the same 100,000 events tracked again (all unchanged)', again[0], events.length);
  });

  it('chunks: 100,000 events as 100 batches of 1,000', async () => {
    const other = await freshStore('bench-batches');
    const events = generate(1000, 100, 5000);
    // Batches of 1,000 events from 10 contacts each, as a tracking client would flush them.
    const [ms] = await time(async () => {
      for (let i = 0; i < events.length; i += 1000) await other.events.append(events.slice(i, i + 1000));
    });
    report('chunks: append 100,000 events as 100 batches of 1,000', ms, events.length);
  });

  it('chunks: 1,000,000 events for 10,000 contacts', async () => {
    const [ms] = await time(async () => {
      for (let part = 0; part < 10; part++) await store.events.append(generate(1000, 100, 1000 + part * 1000));
    });
    report('chunks: append 900,000 more events, 9,000 contacts, 9 batches of 100,000 (1,000,000 stored)', ms, 900_000);
  });

  it('chunks: reads', async () => {
    const reads: number[] = [];
    for (let i = 0; i < 200; i++) reads.push((await time(() => store.events.forContact(`c${String(i * 37).padStart(6, '0')}`)))[0]);
    report('chunks: read one contact of 100 events, median of 200', median(reads));

    await store.events.append(generate(1, 5000, 900_000));
    const heavy = 'c900000';
    const heavyReads: number[] = [];
    for (let i = 0; i < 20; i++) heavyReads.push((await time(() => store.events.forContact(heavy)))[0]);
    report('chunks: read one contact of 5,000 events (10 chunks), median of 20', median(heavyReads));

    const appends: number[] = [];
    for (let i = 0; i < 50; i++) {
      const event: CrmEvent = { id: `${heavy}-new${i}`, recordId: heavy, type: 'page_view', occurredAt: start + 100 * 86_400_000 + i };
      appends.push((await time(() => store.events.append([event])))[0]);
    }
    report('chunks: track one event for the contact with 5,000 events, median of 50', median(appends));

    const small: number[] = [];
    for (let i = 0; i < 50; i++) {
      const recordId = `c${String(2000 + i).padStart(6, '0')}`;
      small.push((await time(() => store.events.append([{ id: `${recordId}-new`, recordId, type: 'cta_click', occurredAt: start + 100 * 86_400_000 }])))[0]);
    }
    report('chunks: track one event for a contact with 100 events, median of 50', median(small));
  });

  it('chunks: read everything back', async () => {
    let count = 0;
    const [pages] = await time(async () => {
      for await (const page of store.datasetPages({ pageSize: 1000 })) count += page.events.length;
    });
    report(`chunks: read all ${count.toLocaleString('en')} events as CrmEvent[] via datasetPages`, pages, count);
    const db = await openDB(store.name);
    let raw = 0;
    const [rawMs] = await time(async () => {
      const tx = db.transaction('events');
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) raw += (cursor.value as { ids: string[] }).ids.length;
    });
    const [getAllMs] = await time(() => db.getAll('events'));
    db.close();
    report(`raw chunk rows: cursor over all (${raw.toLocaleString('en')} events)`, rawMs, raw);
    report('raw chunk rows: one getAll of every chunk', getAllMs, raw);
  });

  it('other stores at the scale of a full re-score', async () => {
    const other = await freshStore('bench-other');
    const records = Array.from({ length: 100_000 }, (_, i) => ({ id: `c${String(i).padStart(6, '0')}`, objectType: 'contact' as const, properties: { jobtitle: 'CTO', employees: i % 500 }, associations: { companies: [`co${i % 1000}`] } }));
    report('records: put 100,000 contacts, one batch', (await time(() => other.records.put(records)))[0]);
    const results: ScoreResult[] = records.map((r, i) => ({
      definitionId: 'engagement', recordId: r.id, asOf: '2026-04-01T00:00:00Z', value: i % 100, engagement: null, fit: null, label: i % 100 >= 70 ? 'high' : 'low', toNext: null,
      groups: [{ id: 'sales', value: i % 100, raw: i % 100, capped: false, rules: [{ id: 'call', points: i % 100, matches: 1, events: ['e1'] }] }], nextChangeAt: '2026-05-01T00:00:00Z',
    }));
    report('scores: put 100,000 new results, one batch', (await time(() => other.scores.put(results, versions)))[0]);
    // A full re-score as the service writes it: batches of 1,000 records in id order, each batch's
    // scores and history in one transaction.
    const [rescore] = await time(async () => {
      for (let i = 0; i < results.length; i += 1000) {
        const batch = results.slice(i, i + 1000).map((r) => ({ ...r, value: (r.value ?? 0) + 1 }) as ScoreResult);
        await other.transaction(allStores, 'readwrite', async (tx) => {
          const updates = await tx.scores.put(batch, versions);
          await tx.scoreHistory.add(updates.map((u) => ({ definitionId: u.definitionId, recordId: u.recordId, at: 2, oldValue: u.oldValue ?? null, newValue: u.newValue, cause: { kind: 'definition' as const, ref: '2' } })));
        });
      }
    });
    report('scores + scoreHistory: replace 100,000 scores with history, 100 transactions of 1,000', rescore);
    report('scores: one page of 50 by label', (await time(() => other.scores.page({ definitionId: 'engagement', label: 'high' })))[0]);
    report('schedule: all 100,000 due entries', (await time(() => other.schedule.due(Date.parse('2026-06-01T00:00:00Z'))))[0]);
  });
});
