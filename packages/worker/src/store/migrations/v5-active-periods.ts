import type { Migration } from '../migration.ts';

/**
 * Version 5: each definition version records when it was active (`activePeriods`), so a score can
 * be computed as of any past instant with the version active then. Earlier versions kept only the
 * status and the time of its last change, so the periods of existing rows are the best reading of
 * those: an active version has been active since its last change; a retired one was active from
 * when it was saved until its last change (it was activated some time after saving, which the old
 * layout did not record). Drafts were never active and get no period.
 */
export const activePeriods: Migration = {
  version: 5,
  summary: 'when each definition version was active',
  async upgrade(_db, tx) {
    const definitions = tx.objectStore('definitions');
    for (let cursor = await definitions.openCursor(); cursor; cursor = await cursor.continue()) {
      const row = cursor.value as V4DefinitionRow;
      if (row.status === 'draft') continue;
      const period = row.status === 'active' ? { from: row.updatedAt, to: null } : { from: row.createdAt, to: row.updatedAt };
      await cursor.update({ ...row, activePeriods: [period] });
    }
  },
};

/** A version 4 definition row, as far as this step reads it. */
interface V4DefinitionRow {
  status: 'draft' | 'active' | 'inactive';
  createdAt: number;
  updatedAt: number;
}
