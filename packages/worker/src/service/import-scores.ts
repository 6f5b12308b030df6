import { indexDataset } from '../engine/evaluate.ts';
import { instantsOf, issuesAgainstDefinition, validateImportedScores, type ImportedScore } from '../model/imported-score.ts';
import type { ScoreResult } from '../model/result.ts';
import { toIso } from '../model/time.ts';
import type { ValidationIssue } from '../model/validate.ts';
import type { ImportedScoresApi, ImportScoresOptions, ImportScoresReceipt, KeptScore } from '../contract/index.ts';
import type { DefinitionRow, ScoreRow } from '../store/schema.ts';
import { keyOf } from '../store/scores.ts';
import type { StoreModules } from '../store/store.ts';
import { afterScoreMoves } from './after-score-moves.ts';
import { groupBy } from './collections.ts';
import type { ServiceContext, WriteScope } from './context.ts';
import type { Handlers } from './handlers.ts';
import { neighbourhood } from './neighbourhood.ts';
import { movedProperties, rescoreReaders } from './rescore.ts';
import { agrees } from './score-agreement.ts';
import { withScoresRead } from './score-properties.ts';
import { ServiceError } from './service-error.ts';
import { scoreNotice, storeRows, type ScoreMove } from './store-results.ts';
import { writeTransaction } from './write-transaction.ts';

export const importedScoresHandlers: Handlers<ImportedScoresApi> = { importScores };

/**
 * contract/imported-scores.ts `importScores`: warehouse results stored as the current scores of
 * their records, marked with their engine (docs/results.md, Scores from a warehouse). One write
 * transaction, checked whole before anything is put: a refusal stores nothing.
 *
 * Why the worker scores again the records it holds: a warehouse scores from its own copy of the
 * data, which may be older or newer than the tab's. Where the worker can tell (it holds the
 * record), an imported score is stored only if the worker's engine gives the same at the same
 * instant, so that what a read explains (explanation.ts) is the score shown; where they differ,
 * the worker's own score stays and the receipt says so, rather than one silently replacing the
 * other. A score the worker scored as of a later instant stays too: it has seen later data or time.
 */
export async function importScores(ctx: ServiceContext, results: unknown, options: ImportScoresOptions): Promise<ImportScoresReceipt> {
  const engine = engineOf(options);
  if (!Array.isArray(results)) {
    throw refused([{ path: 'results', message: 'results must be a list of score lines (the SDK\'s client collects an async iterable into one)' }]);
  }
  const checked = validateImportedScores(results);
  if (!checked.ok) throw refused(checked.issues);
  const lines = checked.value;
  return writeTransaction(ctx, async (tx, scope) => {
    const definitions = await activeDefinitions(tx, lines);
    const records = await recordTypes(tx, lines);
    const said = new Set<string>();
    const issues = lines.flatMap((line, index) => problemsOf(line, index, definitions, records, said));
    if (issues.length > 0) throw refused(issues);
    const receipt: ImportScoresReceipt = { written: 0, checked: 0, kept: [] };
    const moves: ScoreMove[] = [];
    const indexed = lines.map((line, index) => ({ line, index }));
    for (const [definitionId, of] of groupBy(indexed, (item) => item.line.definitionId)) {
      // Every line's definition is an active one here: problemsOf refused the others.
      await importUnder(ctx, tx, scope, definitions.get(definitionId) as DefinitionRow, of, records, engine, receipt, moves);
    }
    const written = await afterScoreMoves(ctx, tx, scope, moves, { written: receipt.written, rescored: 0 });
    return { ...receipt, written: written.written };
  });
}

/** The lines of one definition: checked against the worker's own scores, then stored. */
async function importUnder(ctx: ServiceContext, tx: StoreModules, scope: WriteScope, row: DefinitionRow, items: { line: ImportedScore; index: number }[], records: ReadonlyMap<string, string>, engine: string, receipt: ImportScoresReceipt, moves: ScoreMove[]): Promise<void> {
  const ids = items.map((item) => item.line.recordId);
  const existing = await tx.scores.getMany(row.id, ids);
  const live = await liveScores(ctx, tx, scope, row, items.filter((item) => records.has(item.line.recordId)));
  receipt.checked += live.size;
  const rows: ScoreRow[] = [];
  for (const { line, index } of items) {
    const { asOf, nextChangeAt } = instantsOf(line);
    const stored = existing.get(line.recordId);
    const keep = (reason: KeptScore['reason'], message: string) => receipt.kept.push({ index, definitionId: row.id, recordId: line.recordId, reason, message });
    if (stored && stored.asOf > asOf) {
      keep('newer', `results[${index}]: the worker scored "${line.recordId}" as of ${toIso(stored.asOf)}, after this line's ${toIso(asOf)}; its score stays`);
      continue;
    }
    const own = live.get(line.recordId);
    if (own && !agrees(line, own)) {
      keep('differs', `results[${index}]: scored from the data this worker holds as of ${toIso(asOf)}, "${line.recordId}" has ${describe(own)}, not ${describe(line)}; the worker's score stays`);
      continue;
    }
    rows.push({
      definitionId: row.id, recordId: line.recordId, version: row.version, asOf,
      value: line.value,
      engagement: line.value === null ? null : line.engagement,
      fit: line.value === null ? null : line.fit,
      label: line.value === null ? null : line.label,
      nextChangeAt,
      groups: line.value === null ? [] : line.groups.map((group) => group.value),
      engine,
    });
  }
  if (rows.length === 0) return;
  receipt.written += rows.length;
  const previous = new Map(ids.map((id) => {
    const stored = existing.get(id);
    return [keyOf({ definitionId: row.id, recordId: id }), stored ? { value: stored.value, label: stored.label } : null] as const;
  }));
  // A score's history is at the instant its value holds from: the line's asOf.
  for (const batch of groupBy(rows, (candidate) => String(candidate.asOf)).values()) {
    await storeRows(tx, batch, () => ({ kind: 'import', ref: engine }), batch[0]!.asOf, scope.notices, moves, previous);
  }
  // A score whose value stayed still changed its mark: its subscribers re-render with it too.
  for (const stored of rows) if ((existing.get(stored.recordId)?.value ?? null) === stored.value) scope.notices.push(scoreNotice(stored));
  // What reads this score moves with it (decision D27), as after a catch-up's time step.
  const moved = movedProperties(row.id, new Map(ids.map((id) => [id, existing.get(id)])), rows);
  if (moved.length > 0) await rescoreReaders(ctx, tx, new Map([[row.id, moved]]), scope, moves);
}

/**
 * The worker's own score of each held record as of its line's instant, from what the store holds
 * (the record's neighbourhood and the scores its definition reads), as a write would score it.
 */
async function liveScores(ctx: ServiceContext, tx: StoreModules, scope: WriteScope, row: DefinitionRow, items: { line: ImportedScore }[]): Promise<Map<string, ScoreResult>> {
  const out = new Map<string, ScoreResult>();
  if (items.length === 0) return out;
  const data = indexDataset(await neighbourhood(tx, items.map((item) => item.line.recordId), scope.hops));
  const index = await withScoresRead(tx, row.definition, data);
  const compiled = ctx.compile(row.definition);
  for (const { line } of items) out.set(line.recordId, compiled.score(index, line.recordId, instantsOf(line).asOf, { explain: false }));
  return out;
}

/** The active version of each definition the lines name; a line naming another is refused later. */
async function activeDefinitions(tx: StoreModules, lines: readonly ImportedScore[]): Promise<Map<string, DefinitionRow | 'missing' | 'inactive'>> {
  const ids = [...new Set(lines.map((line) => line.definitionId))];
  const versions = await Promise.all(ids.map((id) => tx.definitions.versions(id)));
  return new Map(ids.map((id, i) => {
    const rows = versions[i]!;
    return [id, rows.length === 0 ? 'missing' : rows.find((candidate) => candidate.status === 'active') ?? 'inactive'];
  }));
}

/** The object type of each record the lines name that the worker holds. */
async function recordTypes(tx: StoreModules, lines: readonly ImportedScore[]): Promise<Map<string, string>> {
  const ids = [...new Set(lines.map((line) => line.recordId))];
  const found = await tx.records.getMany(ids);
  return new Map(found.flatMap((record) => (record ? [[record.id, record.objectType] as const] : [])));
}

/** A line's problems with its definition and its record. A definition's own problem is said at its first line only. */
function problemsOf(line: ImportedScore, index: number, definitions: ReadonlyMap<string, DefinitionRow | 'missing' | 'inactive'>, records: ReadonlyMap<string, string>, said: Set<string>): ValidationIssue[] {
  const path = `results[${index}]`;
  const definition = definitions.get(line.definitionId)!;
  if (typeof definition === 'string') {
    if (said.has(line.definitionId)) return [];
    said.add(line.definitionId);
    const text = definition === 'missing'
      ? `"${line.definitionId}" is not a stored definition: save and activate it before importing its scores`
      : `"${line.definitionId}" is not active: activate it first, since only an active definition's scores are stored and shown`;
    return [{ path: `${path}.definitionId`, message: `${path}.definitionId ${text}` }];
  }
  const issues = issuesAgainstDefinition(line, definition.definition, path);
  const type = records.get(line.recordId);
  if (type !== undefined && type !== definition.definition.objectType) {
    issues.push({ path: `${path}.recordId`, message: `${path}.recordId "${line.recordId}" is a ${type} here, not a ${definition.definition.objectType} as "${definition.id}" scores` });
  }
  return issues;
}

function engineOf(options: ImportScoresOptions): string {
  const engine = (options as Partial<ImportScoresOptions> | undefined)?.engine;
  if (typeof engine !== 'string' || engine.trim() === '' || engine.length > 40) {
    throw refused([{ path: 'options.engine', message: `options.engine must name the engine that computed the scores (duckdb, spark, …; 1 to 40 characters), not ${JSON.stringify(engine)}` }]);
  }
  return engine.trim();
}

/** A score as a message shows it: "25 (low)", or "no score (out of scope)". */
function describe(score: { value: number | null; label?: string | null }): string {
  if (score.value === null) return 'no score (out of scope)';
  return score.label ? `${score.value} (${score.label})` : String(score.value);
}

/** The whole import refused, each problem with its path; the first ten in the message. */
function refused(issues: ValidationIssue[]): ServiceError {
  const shown = issues.slice(0, 10).map((issue) => `  ${issue.message}`).join('\n');
  const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : '';
  return new ServiceError({ code: 'invalid_input', message: `importScores was refused, nothing was stored:\n${shown}${more}`, issues: issues.slice(0, 1_000) });
}
