// The setup page: generates the synthetic dataset in the page and imports it through the SDK, the
// way a host page would (upsertRecords in batches, trackEvents in batches of whole contacts, the
// exclusion list and the property types with importDataset), timing each kind of write. Then the
// same data written as the peer layout into a second, plain database: the events as raw typed-array
// chunks, the records as chunks of JSON text; the peer of both the writes and the cold load.
// Above scale 1 the dataset is generated and written in parts of at most scale 1 each (another
// seed per part, the ids offset), so the page never holds more than 100,000 contacts at once.
import { createClient, type LeadscoreClient } from '../../packages/sdk/src/index.ts';
import type { CrmEvent, Dataset } from '../../packages/worker/src/index.ts';
import { generateDataset, sizesFor, type SyntheticSizes } from '../synthetic-dataset.ts';
import type { SetupOptions, SetupReport } from './protocol.ts';
import { contactNumber, openRaw, rawChunksOf, writeRaw, writeRawRecords, type PeerDictionary } from './raw-chunks.ts';

const RECORDS_PER_BATCH = 10_000;
const EVENTS_PER_BATCH = 50_000;
const RAW_RECORDS_PER_CHUNK = 4096;

const createWorker = () => new Worker(new URL('../../packages/worker/src/worker.ts', import.meta.url), { type: 'module', name: 'leadscore' });

function log(message: string): void {
  console.log(`[setup] ${message}`);
}

/**
 * Times one write with its progress reports: the longest stretch without news, from the call to the
 * first report, between two reports, or from the last report to the answer.
 */
async function withProgress(silence: { longestMs: number; reports: number }, write: (onProgress: () => void) => Promise<unknown>): Promise<void> {
  let last = performance.now();
  const heard = () => {
    const now = performance.now();
    silence.longestMs = Math.max(silence.longestMs, now - last);
    silence.reports++;
    last = now;
  };
  await write(heard);
  silence.longestMs = Math.max(silence.longestMs, performance.now() - last);
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

async function setup(options: SetupOptions): Promise<SetupReport> {
  // Now, to the minute: the service scores as of its clock, so the events must lead up to today.
  const asOf = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const parts = options.scale > 1 ? Math.ceil(options.scale) : 1;
  const partScale = options.scale / parts;
  const partSizes = sizesFor(partScale);

  await deleteDatabase(options.dbName);
  await deleteDatabase(options.rawDbName);
  const client: LeadscoreClient = createClient({ dbName: options.dbName, createWorker });
  const raw = await openRaw(options.rawDbName);
  const dictionary: PeerDictionary = { types: new Map(), properties: new Map([['', 0]]), chunks: 0 };
  const totals: SyntheticSizes = { contacts: 0, companies: 0, events: 0 };
  const report = {
    generateMs: 0, recordsMs: 0, eventsMs: 0, eventBatches: 0, recordBatches: 0, rawWriteMs: 0, rawRecordsWriteMs: 0,
    rawChunks: 0, rawBytes: 0, rawRecordChunks: 0, rawRecordBytes: 0,
  };
  const silence = { longestMs: 0, reports: 0 };
  let probeContact = 'c0';
  const competitors: string[] = [];
  let listsAndTypes: Pick<Dataset, 'lists' | 'propertyTypes'> | undefined;

  for (let part = 0; part < parts; part++) {
    let t = performance.now();
    const idOffsets: SyntheticSizes = { contacts: part * partSizes.contacts, companies: part * partSizes.companies, events: part * partSizes.events };
    const { dataset, sizes } = generateDataset({ seed: options.seed + part, scale: partScale, asOf, idOffsets });
    report.generateMs += performance.now() - t;
    const events = dataset.events ?? [];
    dataset.events = [];
    log(`part ${part + 1} of ${parts}: generated ${sizes.contacts} contacts, ${sizes.companies} companies, ${events.length} events`);
    competitors.push(...(dataset.lists?.[0]?.recordIds ?? []));
    listsAndTypes ??= { lists: dataset.lists ?? [], ...(dataset.propertyTypes ? { propertyTypes: dataset.propertyTypes } : {}) };

    t = performance.now();
    for (let start = 0; start < dataset.records.length; start += RECORDS_PER_BATCH) {
      await withProgress(silence, (onProgress) => client.upsertRecords(dataset.records.slice(start, start + RECORDS_PER_BATCH), {}, onProgress));
      report.recordBatches++;
    }
    report.recordsMs += performance.now() - t;
    log(`part ${part + 1}: records stored in ${(performance.now() - t).toFixed(0)} ms`);

    // Events grouped by contact (a stable counting sort keeps each contact's in time order).
    const counts = new Uint32Array(sizes.contacts + 1);
    for (const event of events) counts[contactNumber(event.recordId) - idOffsets.contacts + 1]!++;
    for (let c = 1; c <= sizes.contacts; c++) counts[c]! += counts[c - 1]!;
    const byContact: CrmEvent[] = new Array(events.length);
    const next = counts.slice(0, sizes.contacts);
    for (const event of events) byContact[next[contactNumber(event.recordId) - idOffsets.contacts]!++] = event;
    events.length = 0;

    t = performance.now();
    for (let from = 0; from < sizes.contacts;) {
      let to = from;
      while (to < sizes.contacts && counts[to + 1]! - counts[from]! < EVENTS_PER_BATCH) to++;
      to = Math.max(to, from + 1);
      await withProgress(silence, (onProgress) => client.trackEvents(byContact.slice(counts[from]!, counts[to]!), onProgress));
      report.eventBatches++;
      if (report.eventBatches % 10 === 0) log(`events: ${totals.events + counts[to]!} written`);
      from = to;
    }
    report.eventsMs += performance.now() - t;
    log(`part ${part + 1}: events stored in ${(performance.now() - t).toFixed(0)} ms`);

    // The peer: the same records and events, same order.
    t = performance.now();
    const rawRecords = await writeRawRecords(raw, dataset.records, RAW_RECORDS_PER_CHUNK, report.rawRecordChunks);
    report.rawRecordsWriteMs += performance.now() - t;
    report.rawRecordChunks += rawRecords.chunks;
    report.rawRecordBytes += rawRecords.bytes;
    // Timed from the events as the SDK gets them, as the records' JSON text is: a raw writer turns them into columns too.
    t = performance.now();
    const chunks = rawChunksOf(byContact, options.rawChunkEvents, dictionary);
    report.rawBytes += await writeRaw(raw, chunks, { types: [...dictionary.types.keys()], properties: [...dictionary.properties.keys()] });
    report.rawWriteMs += performance.now() - t;
    report.rawChunks += chunks.length;

    if (part === 0) {
      // The busiest contact of the first hundred: its score has something to explain.
      let probe = 0;
      for (let c = 1; c < Math.min(100, sizes.contacts); c++) if (counts[c + 1]! - counts[c]! > counts[probe + 1]! - counts[probe]!) probe = c;
      probeContact = `c${probe}`;
    }
    totals.contacts += sizes.contacts;
    totals.companies += sizes.companies;
    totals.events += byContact.length;
  }

  const t = performance.now();
  // The exclusion list of every part as one, and the property types.
  await client.importDataset({
    records: [],
    lists: (listsAndTypes?.lists ?? []).map((list) => ({ ...list, recordIds: competitors })),
    ...(listsAndTypes?.propertyTypes ? { propertyTypes: listsAndTypes.propertyTypes } : {}),
  });
  report.recordsMs += performance.now() - t;
  if (!options.keepWorker) await client.close();
  raw.close();
  log(`stored: records ${report.recordsMs.toFixed(0)} ms, events ${report.eventsMs.toFixed(0)} ms; peer: records ${report.rawRecordsWriteMs.toFixed(0)} ms, events ${report.rawWriteMs.toFixed(0)} ms`);
  return { asOf, parts, ...totals, ...report, longestSilenceMs: silence.longestMs, progressReports: silence.reports, probeContact };
}

(globalThis as { bench?: unknown }).bench = { setup };
document.title = 'ready';
