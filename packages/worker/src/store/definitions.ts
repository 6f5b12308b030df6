import { z } from 'zod';
import type { Definition } from '../model/definition.ts';
import { StoreError, type StoreErrorItem } from './errors.ts';
import { startingWith } from './key-ranges.ts';
import type { DefinitionRow, DefinitionStatus } from './schema.ts';
import type { ReadTx, Runner } from './transactions.ts';
import { describeCall } from './batch-validation.ts';

/** Score definitions by id and version: drafts, the active version, retired ones (scoring.md §9). */
export interface Definitions {
  get(id: string, version: number): Promise<DefinitionRow | undefined>;
  /** Every version of a definition, oldest first. */
  versions(id: string): Promise<DefinitionRow[]>;
  latest(id: string): Promise<DefinitionRow | undefined>;
  withStatus(status: DefinitionStatus): Promise<DefinitionRow[]>;
  all(): Promise<DefinitionRow[]>;
  /**
   * Stores rows whole (replacing the same id and version); all or nothing. The definitions come
   * validated from the service's boundary (`validated`), so the store checks only what it relies
   * on: a row's shape and a definition object naming the row's id.
   */
  put(rows: readonly unknown[]): Promise<void>;
  /**
   * Moves one version to `status` at `at` (epoch ms). Activating a version makes any other active
   * version of the same definition inactive in the same transaction: one active version per id.
   * Each version's `activePeriods` opens at its activation and closes at its retirement.
   */
  setStatus(id: string, version: number, status: DefinitionStatus, at: number): Promise<DefinitionRow>;
  /** Deletes one version, or every version when `version` is left out. */
  delete(id: string, version?: number): Promise<void>;
}

/** A row as the store relies on it; its definition was validated where it came in. */
const rowShape = z.strictObject({
  id: z.string().min(1),
  version: z.number().int().positive(),
  status: z.enum(['draft', 'active', 'inactive']),
  definition: z.looseObject({ id: z.string() }),
  createdAt: z.number(),
  updatedAt: z.number(),
  activePeriods: z.array(z.strictObject({ from: z.number(), to: z.number().nullable() })).optional(),
});

export function definitionsModule(runner: Runner): Definitions {
  return {
    get: (id, version) => runner.read(['definitions'], 'definitions.get', (tx) => tx.objectStore('definitions').get([id, version])),
    versions: (id) => runner.read(['definitions'], 'definitions.versions', (tx) => versionsOf(tx, id)),
    latest: (id) => runner.read(['definitions'], 'definitions.latest', async (tx) => {
      const cursor = await tx.objectStore('definitions').openCursor(startingWith(id), 'prev');
      return cursor?.value;
    }),
    withStatus: (status) => runner.read(['definitions'], 'definitions.withStatus', (tx) => tx.objectStore('definitions').index('by-status').getAll(status)),
    all: () => runner.read(['definitions'], 'definitions.all', (tx) => tx.objectStore('definitions').getAll()),
    async put(input) {
      const doing = describeCall('definitions.put', input, 'definition');
      const rows = checkRows(input, doing);
      return runner.write(['definitions'], doing, async (tx) => {
        const store = tx.objectStore('definitions');
        await Promise.all(rows.map((row) => store.put(row)));
      });
    },
    setStatus: (id, version, status, at) => runner.write(['definitions'], `definitions.setStatus of ${id} version ${version}`, async (tx) => {
      const store = tx.objectStore('definitions');
      const rows = await versionsOf(tx, id);
      const row = rows.find((r) => r.version === version);
      if (!row) throw new StoreError('not_found', `definition "${id}" has no version ${version}`, { items: [{ index: 0, id, message: `no version ${version}` }] });
      const changed = [withStatus(row, status, at)];
      if (status === 'active') {
        for (const other of rows) if (other.version !== version && other.status === 'active') changed.push(withStatus(other, 'inactive', at));
      }
      await Promise.all(changed.map((r) => store.put(r)));
      return changed[0]!;
    }),
    delete: (id, version) => runner.write(['definitions'], `definitions.delete of ${id}`, async (tx) => {
      await tx.objectStore('definitions').delete(version === undefined ? startingWith(id) : [id, version]);
    }),
  };
}

/** The row moved to `status` at `at`, its active periods opened or closed with it. */
function withStatus(row: DefinitionRow, status: DefinitionStatus, at: number): DefinitionRow {
  const periods = row.activePeriods ?? [];
  const open = periods.at(-1)?.to === null;
  if (status === 'active' && !open) return { ...row, status, updatedAt: at, activePeriods: [...periods, { from: at, to: null }] };
  if (status !== 'active' && open) return { ...row, status, updatedAt: at, activePeriods: [...periods.slice(0, -1), { from: periods.at(-1)!.from, to: at }] };
  return { ...row, status, updatedAt: at };
}

function versionsOf(tx: ReadTx, id: string): Promise<DefinitionRow[]> {
  return tx.objectStore('definitions').getAll(startingWith(id));
}

function checkRows(input: readonly unknown[], doing: string): DefinitionRow[] {
  if (!Array.isArray(input)) throw new StoreError('invalid_input', `${doing} was refused: definitions must be a list`);
  const items: StoreErrorItem[] = [];
  const rows: DefinitionRow[] = [];
  input.forEach((raw, index) => {
    const at = `definitions[${index}]`;
    const shape = rowShape.safeParse(raw);
    if (!shape.success) {
      const message = shape.error.issues.map((issue) => `${[at, ...issue.path.map(String)].join('.')} ${issue.message}`).join('; ');
      items.push({ index, ...idOf(raw), message });
      return;
    }
    if (shape.data.definition.id !== shape.data.id) {
      items.push({ index, id: shape.data.id, message: `${at}.definition.id is "${shape.data.definition.id}" but the row's id is "${shape.data.id}"` });
      return;
    }
    rows.push({ ...shape.data, definition: shape.data.definition as Definition });
  });
  if (items.length > 0) {
    throw new StoreError('invalid_input', `${doing} was refused, nothing was stored:\n${items.map((item) => `  ${item.message}`).join('\n')}`, { items });
  }
  return rows;
}

function idOf(raw: unknown): { id?: string } {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? { id } : {};
}
