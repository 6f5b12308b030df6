import { scoreRuleHolds, timeRuleMatches, timeRuleOccurrence } from '../lifecycle/automation-rules.ts';
import { stageFiguresAt } from '../lifecycle/calculated-properties.ts';
import { enrollmentOutcome, tallyOutcomes, wouldApply, type EnrollmentOutcome } from '../lifecycle/enrollment.ts';
import { validateLifecycleSettings, type LifecycleSettings, type ScoreRule, type TimeRule } from '../lifecycle/settings.ts';
import { leadStatusProperty, stageProperty } from '../lifecycle/stages.ts';
import { recordMeets } from '../engine/record-test.ts';
import type { CrmRecord } from '../model/dataset.ts';
import { toIso } from '../model/time.ts';
import type { EnrollmentCount, EnrollmentReceipt, EnrollmentTarget, LifecycleField, WriteProgress } from '../contract/index.ts';
import type { AutomationRow } from '../store/schema.ts';
import { allStores, type StoreModules } from '../store/store.ts';
import type { ServiceContext } from './context.ts';
import { LifecycleRun, valuesOf } from './lifecycle-run.ts';
import { holdersOf, lifecycleSettingsIn } from './lifecycle-settings.ts';
import { recordWithScores, storedScores } from './score-properties.ts';
import { invalidAt, quoted, ServiceError } from './service-error.ts';
import { inTransaction } from './transaction.ts';
import { WriteProgressReport } from './write-progress.ts';
import { writeTransaction } from './write-transaction.ts';

/** Decision L10 (docs/lifecycle.md): rules applied on request to the records that already meet them. */

type Rule = { kind: 'score'; rule: ScoreRule } | { kind: 'time'; rule: TimeRule };

/** A record that meets the rule now, with what the rule's actions would do to it. */
interface Match {
  record: CrmRecord;
  outcome: EnrollmentOutcome;
  /** A time rule's stored state for the record: the stays it fired for. */
  row?: AutomationRow;
}

const pageSize = 1_000;
/** Records decided between two progress reports. */
const chunkSize = 500;
const sampleSize = 20;

export async function countEnrollment(ctx: ServiceContext, target: EnrollmentTarget): Promise<EnrollmentCount> {
  return inTransaction(ctx.opened(), allStores, 'readonly', async (tx) => {
    const settings = await lifecycleSettingsIn(tx);
    const rule = ruleOf(settings, target);
    const now = ctx.now();
    const matches = await matchesOf(tx, settings, rule, now);
    return {
      ruleId: rule.rule.id,
      kind: rule.kind,
      ...tallyOutcomes(matches.map((match) => match.outcome)),
      sample: matches.filter((match) => wouldApply(match.outcome)).slice(0, sampleSize).map((match) => match.record.id),
      asOf: toIso(now),
    };
  });
}

/**
 * One transaction: the records that meet the saved rule now are found and its actions applied to
 * each (source `workflow`, marked as an enrollment), with what they set off (re-scoring, other
 * rules); a failure anywhere stores none of it.
 */
export async function enrollExisting(ctx: ServiceContext, ruleId: string, onProgress?: (progress: WriteProgress) => void): Promise<EnrollmentReceipt> {
  if (typeof ruleId !== 'string' || ruleId === '') throw invalidAt('ruleId', `must be the id of a saved score or time rule, not ${quoted(ruleId)}`);
  let progress: WriteProgressReport | undefined;
  const receipt = await writeTransaction(ctx, async (tx, scope) => {
    const settings = scope.lifecycleSettings ?? await lifecycleSettingsIn(tx);
    const rule = ruleOf(settings, { ruleId });
    if (!rule.rule.enabled) throw invalidAt('ruleId', `"${ruleId}" is switched off: switch it on before applying it to the records that already meet it`);
    const now = ctx.now();
    const matches = await matchesOf(tx, settings, rule, now);
    progress = new WriteProgressReport(matches.length, onProgress);
    progress.start();
    const run = await LifecycleRun.open(ctx, tx, scope);
    run.know(matches.map((match) => match.record));
    await run.prepare(matches.map((match) => match.record.id));
    for (let start = 0; start < matches.length; start += chunkSize) {
      const chunk = matches.slice(start, start + chunkSize);
      if (rule.kind === 'score') await run.enroll(rule.rule.id, chunk.map((match) => match.record.id), rule.rule.actions, now);
      else {
        for (const match of chunk) run.evaluateTimeRule(rule.rule, match.record, now, match.row, true);
        await run.decideQueued();
      }
      progress.add(chunk.length);
    }
    await run.finish();
    const tally = tallyOutcomes(matches.map((match) => match.outcome));
    return {
      ruleId,
      matching: tally.matching,
      applied: tally.toApply,
      changes: run.applied,
      emitted: matches.reduce((sum, match) => sum + match.outcome.emits, 0),
      unchanged: tally.unchanged,
      refused: run.refused,
      rescored: run.rescored,
    };
  }).finally(() => progress?.delivered());
  progress?.finish();
  await progress?.delivered();
  return receipt;
}

/** contract/lifecycle.ts `countHolders`: a stage of one pipeline (or of both), or a lead status of contacts and companies. */
export async function countHolders(ctx: ServiceContext, field: LifecycleField, id: string, objectType?: 'contact' | 'company'): Promise<number> {
  if (field !== 'stage' && field !== 'leadStatus') throw invalidAt('field', `must be "stage" or "leadStatus", not ${quoted(field)}`);
  if (typeof id !== 'string' || id === '') throw invalidAt('id', `must be a stage or lead-status id, not ${quoted(id)}`);
  if (objectType !== undefined && objectType !== 'contact' && objectType !== 'company') throw invalidAt('objectType', `must be "contact" or "company", not ${quoted(objectType)}`);
  const property = field === 'stage' ? stageProperty : leadStatusProperty;
  const types = objectType ? [objectType] : (['contact', 'company'] as const);
  const store = ctx.opened();
  const held = await Promise.all(types.map((type) => holdersOf(store, type, property, id)));
  return held.reduce((sum, records) => sum + records.length, 0);
}

/** The rule a target names: a saved one by id, or an unsaved one as the saved settings would take it. */
function ruleOf(settings: LifecycleSettings, target: EnrollmentTarget): Rule {
  if (typeof target !== 'object' || target === null) throw invalidAt('rule', 'must be { scoreRule }, { timeRule } or { ruleId }');
  if ('ruleId' in target) {
    const score = settings.scoreRules.find((rule) => rule.id === target.ruleId);
    if (score) return { kind: 'score', rule: score };
    const time = settings.timeRules.find((rule) => rule.id === target.ruleId);
    if (time) return { kind: 'time', rule: time };
    throw new ServiceError({ code: 'not_found', message: `no saved score or time rule has the id ${quoted(target.ruleId)}` });
  }
  const kind = 'scoreRule' in target ? 'score' : 'timeRule' in target ? 'time' : undefined;
  if (!kind) throw invalidAt('rule', 'must be { scoreRule }, { timeRule } or { ruleId }');
  const given = (kind === 'score' ? (target as { scoreRule: unknown }).scoreRule : (target as { timeRule: unknown }).timeRule) as { id?: unknown } | null;
  const list = kind === 'score' ? 'scoreRules' : 'timeRules';
  const others = (settings[list] as { id: string }[]).filter((rule) => rule.id !== given?.id);
  const checked = validateLifecycleSettings({ ...settings, [list]: [...others, given] });
  if (!checked.ok) {
    const issues = checked.issues.map((issue) => ({ path: issue.path.replace(new RegExp(`^${list}\\[\\d+\\]`), 'rule'), message: issue.message.replace(new RegExp(`^${list}\\[\\d+\\]`), 'rule') }));
    throw new ServiceError({ code: 'invalid_input', message: `the rule cannot be counted: ${issues.map((issue) => issue.message).join('; ')}`, issues });
  }
  const rule = checked.value[list].at(-1)!;
  return kind === 'score' ? { kind, rule: rule as ScoreRule } : { kind, rule: rule as TimeRule };
}

/** Every record that meets the rule now (as if it were switched on), in id order, with its outcome. */
async function matchesOf(tx: StoreModules, settings: LifecycleSettings, rule: Rule, now: number): Promise<Match[]> {
  const matches = rule.kind === 'score' ? await scoreMatches(tx, settings, rule.rule, now) : await timeMatches(tx, settings, rule.rule, now);
  return matches.sort((a, b) => (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
}

function outcomeOf(settings: LifecycleSettings, record: CrmRecord, actions: ScoreRule['actions'], now: number): EnrollmentOutcome {
  const stages = record.objectType === 'company' ? settings.stages.company : settings.stages.contact;
  return enrollmentOutcome({ stages, leadStatuses: settings.leadStatuses }, valuesOf(record), actions, now);
}

/** §6.2 as a state, not a crossing: the stored score at the threshold (or with the label) and the condition met. */
async function scoreMatches(tx: StoreModules, settings: LifecycleSettings, rule: ScoreRule, now: number): Promise<Match[]> {
  const active = (await tx.definitions.withStatus('active')).map((row) => row.definition);
  const definition = active.find((candidate) => candidate.id === rule.definitionId && candidate.objectType === rule.objectType);
  if (!definition) return [];
  const holding: string[] = [];
  for (let after: string | undefined; ;) {
    const page = await tx.scores.ofDefinition(definition.id, { after, limit: pageSize * 5 });
    for (const row of page) if (scoreRuleHolds(rule, { value: row.value, label: row.label })) holding.push(row.recordId);
    if (page.length < pageSize * 5) break;
    after = page.at(-1)!.recordId;
  }
  let records = (await tx.records.getMany(holding)).filter((record): record is CrmRecord => record?.objectType === rule.objectType);
  if (rule.condition) {
    const scores = await storedScores(tx, records, active);
    records = records.filter((record) => recordMeets(rule.condition!, recordWithScores(record, scores.get(record.id)), now));
  }
  return records.map((record) => ({ record, outcome: outcomeOf(settings, record, rule.actions, now) }));
}

/** §6.3 now: the measure past N days, for a stay the rule has not fired for yet (it fires once per stay). */
async function timeMatches(tx: StoreModules, settings: LifecycleSettings, rule: TimeRule, now: number): Promise<Match[]> {
  const stages = settings.stages[rule.objectType];
  const matches: Match[] = [];
  for (let after: string | undefined; ;) {
    const page = await tx.records.ofType(rule.objectType, { after, limit: pageSize });
    // `date_entered` needs the record in the stage; the completed stays' measures need it out of it.
    const candidates = page.filter((record) => (valuesOf(record).stage === rule.stage) === (rule.measure === 'date_entered'));
    const ids = candidates.map((record) => record.id);
    const [histories, rows] = await Promise.all([tx.lifecycleHistory.forRecords(ids), tx.automations.forRecords(ids)]);
    const rowOf = new Map(rows.filter((row) => row.ruleId === rule.id).map((row) => [row.recordId, row]));
    for (const record of candidates) {
      const subject = { stage: valuesOf(record).stage, figures: stageFiguresAt(stages, histories.get(record.id) ?? [], now).get(rule.stage) };
      const occurrence = timeRuleOccurrence(rule, subject);
      const row = rowOf.get(record.id);
      if (!timeRuleMatches({ ...rule, enabled: true }, subject, now) || occurrence === undefined || row?.fired.includes(occurrence)) continue;
      matches.push({ record, outcome: outcomeOf(settings, record, rule.actions, now), ...(row ? { row } : {}) });
    }
    if (page.length < pageSize) return matches;
    after = page.at(-1)!.id;
  }
}
