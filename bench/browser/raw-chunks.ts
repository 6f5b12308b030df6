// The peer of the cold load: the same events as plain typed-array column chunks in a plain IndexedDB
// object store, read back with one getAll. No strings per event: contact, event id, type and
// properties are numbers (indexes into one dictionary row), so this is about the least work
// IndexedDB can do to hand a worker every event.

import type { CrmEvent } from '../../packages/worker/src/index.ts';

/** One chunk of events, sorted by contact then time, as the store's chunks are. */
export interface RawChunk {
  chunkNo: number;
  /** The contact's number: `c${n}`. */
  contact: Uint32Array;
  /** Epoch milliseconds. */
  time: Float64Array;
  /** Index into RawDictionary.types. */
  type: Uint32Array;
  /** The event's number: `e${k}`. */
  id: Uint32Array;
  /** Index into RawDictionary.properties (JSON text), 0 = none. */
  properties: Uint32Array;
}

export interface RawDictionary {
  types: string[];
  properties: string[];
}

/** The generator's contact ids are `c${n}`: the peer keeps the number. */
export function contactNumber(id: string): number {
  return Number(id.slice(1));
}

/** The peer's dictionaries, shared by every part so the numbers mean the same across chunks. */
export interface PeerDictionary {
  types: Map<string, number>;
  properties: Map<string, number>;
  chunks: number;
}

/** The peer's conversion: events of whole contacts, in order, as typed-array chunks of `perChunk`. */
export function rawChunksOf(byContact: readonly CrmEvent[], perChunk: number, dictionary: PeerDictionary): RawChunk[] {
  const chunks: RawChunk[] = [];
  for (let start = 0; start < byContact.length; start += perChunk) {
    const n = Math.min(perChunk, byContact.length - start);
    const chunk: RawChunk = {
      chunkNo: dictionary.chunks++,
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
      let type = dictionary.types.get(event.type);
      if (type === undefined) dictionary.types.set(event.type, (type = dictionary.types.size));
      chunk.type[i] = type;
      chunk.id[i] = Number(event.id.slice(1));
      const json = event.properties ? JSON.stringify(event.properties) : '';
      let properties = dictionary.properties.get(json);
      if (properties === undefined) dictionary.properties.set(json, (properties = dictionary.properties.size));
      chunk.properties[i] = properties;
    }
    chunks.push(chunk);
  }
  return chunks;
}

const CHUNKS = 'chunks';
const DICTIONARY = 'dictionary';
const RECORDS = 'records';

/** The peer of storing records: chunks of records as one JSON text each, keyed by number. */
export interface RawRecordChunk {
  chunkNo: number;
  json: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    tx.onerror = () => reject(tx.error);
  });
}

export function openRaw(name: string): Promise<IDBDatabase> {
  const req = indexedDB.open(name, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(CHUNKS, { keyPath: 'chunkNo' });
    req.result.createObjectStore(DICTIONARY);
    req.result.createObjectStore(RECORDS, { keyPath: 'chunkNo' });
  };
  return request(req);
}

/** Writes the chunks (several per transaction) and the dictionary; returns the bytes of column data. */
export async function writeRaw(db: IDBDatabase, chunks: readonly RawChunk[], dictionary: RawDictionary): Promise<number> {
  let bytes = 0;
  const perTransaction = 64;
  for (let start = 0; start < chunks.length; start += perTransaction) {
    const tx = db.transaction(CHUNKS, 'readwrite');
    const store = tx.objectStore(CHUNKS);
    for (const chunk of chunks.slice(start, start + perTransaction)) {
      store.put(chunk);
      bytes += chunk.contact.byteLength + chunk.time.byteLength + chunk.type.byteLength + chunk.id.byteLength + chunk.properties.byteLength;
    }
    await done(tx);
  }
  const tx = db.transaction(DICTIONARY, 'readwrite');
  tx.objectStore(DICTIONARY).put(dictionary, 'dictionary');
  await done(tx);
  return bytes;
}

/** Writes records as chunks of `perChunk`, serialised in the timed part as the real write must; returns the bytes of text. */
export async function writeRawRecords(db: IDBDatabase, records: readonly unknown[], perChunk: number, firstChunk: number): Promise<{ chunks: number; bytes: number }> {
  let bytes = 0;
  let chunks = 0;
  const perTransaction = 16;
  for (let start = 0; start < records.length; start += perChunk * perTransaction) {
    const tx = db.transaction(RECORDS, 'readwrite');
    const store = tx.objectStore(RECORDS);
    for (let from = start; from < Math.min(records.length, start + perChunk * perTransaction); from += perChunk) {
      const json = JSON.stringify(records.slice(from, from + perChunk));
      store.put({ chunkNo: firstChunk + chunks++, json } satisfies RawRecordChunk);
      bytes += json.length;
    }
    await done(tx);
  }
  return { chunks, bytes };
}

/** Every chunk with one getAll, then the dictionary: the whole peer read. */
export async function readRaw(db: IDBDatabase): Promise<{ chunks: RawChunk[]; dictionary: RawDictionary }> {
  const tx = db.transaction([CHUNKS, DICTIONARY], 'readonly');
  const [chunks, dictionary] = await Promise.all([
    request(tx.objectStore(CHUNKS).getAll() as IDBRequest<RawChunk[]>),
    request(tx.objectStore(DICTIONARY).get('dictionary') as IDBRequest<RawDictionary>),
  ]);
  return { chunks, dictionary };
}
