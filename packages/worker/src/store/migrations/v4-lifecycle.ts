import type { Migration } from '../migration.ts';

/**
 * Version 4: lifecycle stages (lifecycle.md). Each record's stage and lead-status history in one row
 * (refused changes too), and the time rules' state with its due instants under an index. Nothing
 * earlier changes: records keep their `lifecyclestage` property, which becomes the current stage.
 */
export const lifecycleStores: Migration = {
  version: 4,
  summary: 'lifecycle history and the time rules of automation',
  async upgrade(db) {
    db.createObjectStore('lifecycleHistory', { keyPath: 'recordId' });
    const automations = db.createObjectStore('automations', { keyPath: ['ruleId', 'recordId'] });
    automations.createIndex('by-due', 'dueAt');
    automations.createIndex('by-record', 'recordId');
  },
};
