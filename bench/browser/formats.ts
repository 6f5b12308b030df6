// The formats page: the two file imports a user starts from, each timed against the same data
// written as raw chunks in the same page. A JSON dataset through importDataset (records, events and
// the list in one call) against its records as JSON text chunks and its events made into typed-array
// chunks; a real CRM export through importCsv (../shared/datasets/x-education-leads.csv) against
// the same file parsed by the same CSV library and written as JSON text chunks. Each import goes
// into a database of its own, deleted after, so the main import's data and storage stay as they are.
import Papa from 'papaparse';
import { createClient } from '../../packages/sdk/src/index.ts';
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

/** Times `write` into a fresh database named `name`, deleted after unless a worker kept open for its profile still holds it. */
async function timedInto(name: string, keep: boolean, write: (dbName: string) => Promise<void>): Promise<number> {
  await deleteDatabase(name);
  try {
    const t = performance.now();
    await write(name);
    return performance.now() - t;
  } finally {
    if (!keep) await deleteDatabase(name);
  }
}

async function formats(options: FormatsOptions): Promise<FormatsReport> {
  const asOf = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const { dataset } = generateDataset({ seed: options.seed, scale: options.scale, asOf, idOffsets: { contacts: 0, companies: 0, events: 0 } });
  const sizes = sizesFor(options.scale);
  const events = dataset.events ?? [];

  const jsonMs = await timedInto(`${options.dbName}-json`, options.keepWorker === true, async (dbName) => {
    const client = createClient({ dbName, createWorker });
    try {
      await client.importDataset(dataset);
    } finally {
      if (!options.keepWorker) await client.close();
    }
  });
  const jsonPeerMs = await timedInto(`${options.dbName}-json-raw`, false, async (dbName) => {
    const raw = await openRaw(dbName);
    try {
      await writeRawRecords(raw, dataset.records, RAW_RECORDS_PER_CHUNK, 0);
      const dictionary: PeerDictionary = { types: new Map(), properties: new Map([['', 0]]), chunks: 0 };
      const chunks = rawChunksOf(events, options.rawChunkEvents, dictionary);
      await writeRaw(raw, chunks, { types: [...dictionary.types.keys()], properties: [...dictionary.properties.keys()] });
    } finally {
      raw.close();
    }
  });

  let csv: FormatsReport['csv'];
  if (options.csv !== undefined) {
    const text = options.csv.text;
    let rows = 0;
    const ms = await timedInto(`${options.dbName}-csv`, options.keepWorker === true, async (dbName) => {
      const client = createClient({ dbName, createWorker });
      try {
        rows = (await client.importCsv(text, { objectType: 'contact' })).rows;
      } finally {
        if (!options.keepWorker) await client.close();
      }
    });
    const peerMs = await timedInto(`${options.dbName}-csv-raw`, false, async (dbName) => {
      const raw = await openRaw(dbName);
      try {
        const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
        await writeRawRecords(raw, parsed.data, RAW_RECORDS_PER_CHUNK, 0);
      } finally {
        raw.close();
      }
    });
    csv = { name: options.csv.name, rows, ms, peerMs };
  }
  return { records: dataset.records.length, contacts: sizes.contacts, events: events.length, jsonMs, jsonPeerMs, ...(csv ? { csv } : {}) };
}

(globalThis as { bench?: unknown }).bench = { formats };
document.title = 'ready';
