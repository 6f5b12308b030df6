import { diffDefinitions, type DefinitionDiff } from '../model/definition-diff.ts';
import { toIso } from '../model/time.ts';
import type { DefinitionInfo, DefinitionVersion } from '../contract/index.ts';
import type { DefinitionRow } from '../store/schema.ts';
import type { StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { infoOf } from './definition-info.ts';
import { sameJson } from './json.ts';
import { invalidAt, ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';

/**
 * A definition's versions (scoring.md §9.3): every activation, update and restore stores one, with
 * when it was active; they are listed, read, compared rule by rule and restored as a new draft.
 */

export async function listVersions(ctx: ServiceContext, definitionId: string): Promise<DefinitionVersion[]> {
  const rows = await ctx.opened().definitions.versions(definitionId);
  if (rows.length === 0) throw new ServiceError({ code: 'not_found', message: `no definition with the id "${definitionId}"` });
  return rows.map(versionOf);
}

export async function getVersion(ctx: ServiceContext, definitionId: string, version: number): Promise<DefinitionVersion> {
  return versionOf(await storedVersion(ctx, definitionId, version));
}

export async function diffVersions(ctx: ServiceContext, definitionId: string, from: number, to?: number): Promise<DefinitionDiff> {
  const before = await storedVersion(ctx, definitionId, from);
  const after = to === undefined ? (await ctx.opened().definitions.latest(definitionId))! : await storedVersion(ctx, definitionId, to);
  return diffDefinitions(before.definition, after.definition);
}

export async function restoreVersion(ctx: ServiceContext, definitionId: string, version: number): Promise<DefinitionInfo> {
  const store = ctx.opened();
  const { row, added } = await ctx.serial(() => inTransaction(store, ['definitions'], 'readwrite', async (tx) => {
    const restored = await versionIn(tx, definitionId, version);
    const latest = (await tx.definitions.latest(definitionId))!;
    if (sameJson(latest.definition, restored.definition)) return { row: latest, added: false };
    const at = ctx.now();
    // A new number, never the draft's: a draft being edited stays as the version it is.
    const draft: DefinitionRow = { id: definitionId, version: latest.version + 1, status: 'draft', definition: restored.definition, createdAt: at, updatedAt: at };
    await tx.definitions.put([draft]);
    return { row: draft, added: true };
  }));
  if (added) ctx.publish([{ type: 'definition', definitionId, status: row.status, version: row.version }]);
  return infoOf(row);
}

/** The version of a definition that was active at `at` (epoch ms), if one was (contract/reads.ts). */
export function activeAt(rows: readonly DefinitionRow[], at: number): DefinitionRow | undefined {
  return rows.find((row) => (row.activePeriods ?? []).some((period) => period.from <= at && (period.to === null || at < period.to)));
}

function versionOf(row: DefinitionRow): DefinitionVersion {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    definition: row.definition,
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
    activePeriods: (row.activePeriods ?? []).map((period) => ({ from: toIso(period.from), to: period.to === null ? null : toIso(period.to) })),
  };
}

function storedVersion(ctx: ServiceContext, definitionId: string, version: number): Promise<DefinitionRow> {
  return versionIn(ctx.opened(), definitionId, version);
}

async function versionIn(tx: Pick<StoreModules, 'definitions'>, definitionId: string, version: number): Promise<DefinitionRow> {
  if (!Number.isInteger(version) || version < 1) {
    throw invalidAt('version', `must be a whole number from 1, not ${JSON.stringify(version)}`);
  }
  const row = await tx.definitions.get(definitionId, version);
  if (row) return row;
  const versions = await tx.definitions.versions(definitionId);
  throw new ServiceError({
    code: 'not_found',
    message: versions.length === 0
      ? `no definition with the id "${definitionId}"`
      : `the definition "${definitionId}" has no version ${version} (its versions are ${versions.map((v) => v.version).join(', ')})`,
  });
}
