import type { Migration } from '../migration.ts';

/**
 * Version 6: a combined score's engagement and fit are indexed like its value (definition +
 * dimension + record id), so a records table sorts and filters by them as key ranges, a page at a
 * time. Rows of the other kinds hold null there and stay out of these indexes. IndexedDB builds a
 * new index over the rows already stored; nothing is rewritten.
 */
export const scoreDimensions: Migration = {
  version: 6,
  summary: 'engagement and fit indexes on the scores',
  async upgrade(_db, tx) {
    const scores = tx.objectStore('scores');
    scores.createIndex('by-engagement', ['definitionId', 'engagement', 'recordId']);
    scores.createIndex('by-fit', ['definitionId', 'fit', 'recordId']);
  },
};
