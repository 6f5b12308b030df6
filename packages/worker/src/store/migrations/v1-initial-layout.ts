import type { Migration } from '../migration.ts';

/**
 * Version 1, the first layout: records, chunked events, lists, property history, definitions,
 * whole score results keyed [definitionId, recordId], score history and meta. No schedule yet, and
 * scores could only be found by record, not by value or label.
 */
export const initialLayout: Migration = {
  version: 1,
  summary: 'the initial layout',
  async upgrade(db) {
    const records = db.createObjectStore('records', { keyPath: 'id' });
    records.createIndex('by-objectType', 'objectType');
    db.createObjectStore('events', { keyPath: ['contactId', 'chunkNo'] });
    const lists = db.createObjectStore('lists', { keyPath: 'id' });
    lists.createIndex('by-objectType', 'objectType');
    lists.createIndex('by-record', 'recordIds', { multiEntry: true });
    db.createObjectStore('propertyHistory', { keyPath: 'recordId' });
    const definitions = db.createObjectStore('definitions', { keyPath: ['id', 'version'] });
    definitions.createIndex('by-status', 'status');
    const scores = db.createObjectStore('scores', { keyPath: ['definitionId', 'recordId'] });
    scores.createIndex('by-record', 'recordId');
    const history = db.createObjectStore('scoreHistory', { keyPath: 'seq', autoIncrement: true });
    history.createIndex('by-record', ['recordId', 'at']);
    history.createIndex('by-definition-record', ['definitionId', 'recordId', 'at']);
    db.createObjectStore('meta');
  },
};
