// The setup page (untimed in the results, but its times are printed): generates the synthetic dataset
// in the page and writes it through the worker package's store, the way the service would find it
// after an import: records in batches, events in batches of whole contacts (written as full
// segments), the exclusion list and the property types. Then the same events as raw
// typed-array chunks into a second, plain database: the peer of the cold load.
import type { CrmEvent } from '../../packages/worker/src/index.ts';
import { openStore } from '../../packages/worker/src/store/store.ts';
import { generateDataset } from '../synthetic-dataset.ts';
import type { SetupOptions, SetupReport } from './protocol.ts';
import { openRaw, writeRaw, type RawChunk } from './raw-chunks.ts';

const RECORDS_PER_BATCH = 10_000;
const EVENTS_PER_BATCH = 50_000;

function log(message: string): void {
  console.log(`[setup] ${message}`);
}

function contactNumber(id: string): number {
  return Number(id.slice(1));
}

async function setup(options: SetupOptions): Promise<SetupReport> {
  // Now, to the minute: the service scores as of its clock, so the events must lead up to today.
  const asOf = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  let t = performance.now();
  const { dataset, sizes } = generateDataset({ seed: options.seed, scale: options.scale, asOf });
  const generateMs = performance.now() - t;
  const events = dataset.events ?? [];
  log(`generated ${sizes.contacts} contacts, ${sizes.companies} companies, ${events.length} events in ${generateMs.toFixed(0)} ms`);

  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(options.dbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
  const store = await openStore(options.dbName);

  t = performance.now();
  for (let start = 0; start < dataset.records.length; start += RECORDS_PER_BATCH) {
    await store.records.put(dataset.records.slice(start, start + RECORDS_PER_BATCH));
  }
  await store.lists.put(dataset.lists ?? []);
  if (dataset.propertyTypes) await store.meta.put('propertyTypes', dataset.propertyTypes);
  const recordsMs = performance.now() - t;
  log(`records written in ${recordsMs.toFixed(0)} ms`);

  // Events grouped by contact (a stable counting sort keeps each contact's in time order).
  const counts = new Uint32Array(sizes.contacts + 1);
  for (const event of events) counts[contactNumber(event.recordId) + 1]!++;
  for (let c = 1; c <= sizes.contacts; c++) counts[c]! += counts[c - 1]!;
  const byContact: CrmEvent[] = new Array(events.length);
  const next = counts.slice(0, sizes.contacts);
  for (const event of events) byContact[next[contactNumber(event.recordId)]!++] = event;
  dataset.events = [];

  t = performance.now();
  let batches = 0;
  for (let from = 0; from < sizes.contacts;) {
    let to = from;
    while (to < sizes.contacts && counts[to + 1]! - counts[from]! < EVENTS_PER_BATCH) to++;
    to = Math.max(to, from + 1);
    await store.events.append(byContact.slice(counts[from]!, counts[to]!));
    batches++;
    if (batches % 10 === 0) log(`events: ${counts[to]} of ${events.length} written`);
    from = to;
  }
  const eventsMs = performance.now() - t;
  store.close();
  log(`events written in ${eventsMs.toFixed(0)} ms (${batches} batches)`);

  // The peer: the same events, same order, as numeric columns.
  const typeNumbers = new Map<string, number>();
  const propertyNumbers = new Map<string, number>([['', 0]]);
  const chunks: RawChunk[] = [];
  for (let start = 0; start < byContact.length; start += options.rawChunkEvents) {
    const n = Math.min(options.rawChunkEvents, byContact.length - start);
    const chunk: RawChunk = {
      chunkNo: chunks.length,
      contact: new Uint32Array(n),
      time: new Float64Array(n),
      type: new Uint32Array(n),
      id: new Uint32Array(n),
      properties: new Uint32Array(n),
    };
    for (let i = 0; i < n; i++) {
      const event = byContact[start + i]!;
      chunk.contact[i] = contactNumber(event.recordId);
      chunk.time[i] = typeof event.occurredAt === 'number' ? event.occurredAt : Date.parse(event.occurredAt);
      let type = typeNumbers.get(event.type);
      if (type === undefined) typeNumbers.set(event.type, (type = typeNumbers.size));
      chunk.type[i] = type;
      chunk.id[i] = Number(event.id.slice(1));
      const json = event.properties ? JSON.stringify(event.properties) : '';
      let properties = propertyNumbers.get(json);
      if (properties === undefined) propertyNumbers.set(json, (properties = propertyNumbers.size));
      chunk.properties[i] = properties;
    }
    chunks.push(chunk);
  }
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(options.rawDbName);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
  const raw = await openRaw(options.rawDbName);
  t = performance.now();
  const rawBytes = await writeRaw(raw, chunks, { types: [...typeNumbers.keys()], properties: [...propertyNumbers.keys()] });
  const rawWriteMs = performance.now() - t;
  raw.close();
  log(`raw chunks written in ${rawWriteMs.toFixed(0)} ms (${chunks.length} chunks, ${propertyNumbers.size} distinct property sets)`);

  // The busiest contact of the first hundred: its score has something to explain.
  let probe = 0;
  for (let c = 1; c < Math.min(100, sizes.contacts); c++) if (counts[c + 1]! - counts[c]! > counts[probe + 1]! - counts[probe]!) probe = c;
  return {
    asOf,
    contacts: sizes.contacts,
    companies: sizes.companies,
    events: events.length,
    generateMs,
    recordsMs,
    eventsMs,
    eventBatches: batches,
    rawWriteMs,
    rawChunks: chunks.length,
    rawBytes,
    probeContact: `c${probe}`,
  };
}

(globalThis as { bench?: unknown }).bench = { setup };
document.title = 'ready';
