// The formats page: the two file imports a user starts from, each timed against the same data
// written as raw chunks in the same page. A JSON dataset through importDataset (records, events and
// the list in one call) against its records as JSON text chunks and its events made into typed-array
// chunks; a real CRM export through importCsv (../shared/datasets/x-education-leads.csv) against
// the same file parsed by the same CSV library and written as JSON text chunks. Each import goes
// into a database of its own, deleted after, so the main import's data and storage stay as they are;
// the client is opened on it before the clock, as the peer's database is (their openings reported apart).
import Papa from 'papaparse';
import { createClient, type LeadscoreClient } from '../../packages/sdk/src/index.ts';
import { generateDataset, sizesFor } from '../synthetic-dataset.ts';
import type { FormatsOptions, FormatsReport } from './protocol.ts';
import { openRaw, rawChunksOf, writeRaw, writeRawRecords, type PeerDictionary } from './raw-chunks.ts';

const RAW_RECORDS_PER_CHUNK = 4096;

const createWorker = () => new Worker(new URL('../../packages/worker/src/worker.ts', import.meta.url), { type: 'module', name: 'leadscore' });

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/**
 * Times `write` into a fresh database named `name`, deleted after unless a worker kept open for its
 * profile still holds it. `open` comes before the clock: a page opens its client (its worker, its
 * database) once and imports into it, so the import is timed against the peer's writes alone, and
 * the opening is reported on its own.
 */
async function timedInto<H>(name: string, keep: boolean, open: (dbName: string) => Promise<H>, write: (handle: H) => Promise<void>, close: (handle: H) => Promise<void>): Promise<{ ms: number; openMs: number }> {
  await deleteDatabase(name);
  try {
    let t = performance.now();
    const handle = await open(name);
    const openMs = performance.now() - t;
    try {
      t = performance.now();
      await write(handle);
      return { ms: performance.now() - t, openMs };
    } finally {
      if (!keep) await close(handle);
    }
  } finally {
    if (!keep) await deleteDatabase(name);
  }
}

/** A client on a fresh database, its worker started and its database made by a first call. */
async function openedClient(dbName: string): Promise<LeadscoreClient> {
  const client = createClient({ dbName, createWorker });
  await client.listDefinitions();
  return client;
}

const closeClient = (client: LeadscoreClient) => client.close();
const closeRaw = async (raw: IDBDatabase) => raw.close();

async function formats(options: FormatsOptions): Promise<FormatsReport> {
  const asOf = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const { dataset } = generateDataset({ seed: options.seed, scale: options.scale, asOf, idOffsets: { contacts: 0, companies: 0, events: 0 } });
  const sizes = sizesFor(options.scale);
  const events = dataset.events ?? [];

  const json = await timedInto(`${options.dbName}-json`, options.keepWorker === true, openedClient, async (client) => {
    await client.importDataset(dataset);
  }, closeClient);
  const jsonPeer = await timedInto(`${options.dbName}-json-raw`, false, openRaw, async (raw) => {
    await writeRawRecords(raw, dataset.records, RAW_RECORDS_PER_CHUNK, 0);
    const dictionary: PeerDictionary = { types: new Map(), properties: new Map([['', 0]]), chunks: 0 };
    const chunks = rawChunksOf(events, options.rawChunkEvents, dictionary);
    await writeRaw(raw, chunks, { types: [...dictionary.types.keys()], properties: [...dictionary.properties.keys()] });
  }, closeRaw);

  let csv: FormatsReport['csv'];
  if (options.csv !== undefined) {
    const text = options.csv.text;
    let rows = 0;
    const imported = await timedInto(`${options.dbName}-csv`, options.keepWorker === true, openedClient, async (client) => {
      rows = (await client.importCsv(text, { objectType: 'contact' })).rows;
    }, closeClient);
    const peer = await timedInto(`${options.dbName}-csv-raw`, false, openRaw, async (raw) => {
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
      await writeRawRecords(raw, parsed.data, RAW_RECORDS_PER_CHUNK, 0);
    }, closeRaw);
    csv = { name: options.csv.name, rows, ms: imported.ms, openMs: imported.openMs, peerMs: peer.ms };
  }
  return { records: dataset.records.length, contacts: sizes.contacts, events: events.length, jsonMs: json.ms, jsonOpenMs: json.openMs, jsonPeerMs: jsonPeer.ms, ...(csv ? { csv } : {}) };
}

(globalThis as { bench?: unknown }).bench = { formats };
document.title = 'ready';
