import { stageFiguresAt, stagePropertyNames } from '../lifecycle/calculated-properties.ts';
import { valuesAt } from '../lifecycle/history.ts';
import { changeSources } from '../lifecycle/sources.ts';
import { rankOf } from '../lifecycle/stages.ts';
import { instantSchema, toEpochMs, toIso } from '../model/time.ts';
import type { ItemProblem, LifecycleApi, LifecycleChangeRequest, LifecycleReceipt, RecordLifecycleView } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import type { Handlers } from './handlers.ts';
import { LifecycleRun, valuesOf, type LifecycleRequest } from './lifecycle-run.ts';
import { editLeadStatuses, editStages, getLifecycleSettings, saveLifecycleSettings } from './lifecycle-settings.ts';
import { countEnrollment, countHolders, enrollExisting } from './enrollment.ts';
import { invalidAt, ServiceError } from './service-error.ts';
import { writeTransaction } from './write-transaction.ts';

export const lifecycleHandlers: Handlers<LifecycleApi> = {
  setLifecycle, getLifecycle, getLifecycleSettings, saveLifecycleSettings, editStages, editLeadStatuses, countHolders, countEnrollment, enrollExisting,
};

/**
 * lifecycle.md §2: a batch of stage and lead-status changes, in order, in one transaction with what
 * they set off. A malformed request, an unknown record, a deal or a value the settings do not have
 * rejects the whole batch (`invalid_input`, naming every item); a backward move from an automatic
 * source is a refusal, recorded and reported, while the rest of the batch is applied.
 */
export function setLifecycle(ctx: ServiceContext, changes: LifecycleChangeRequest[]): Promise<LifecycleReceipt> {
  if (!Array.isArray(changes)) throw invalidAt('changes', 'must be a list of changes');
  return writeTransaction(ctx, async (tx, scope) => {
    const run = await LifecycleRun.open(ctx, tx, scope);
    const records = await tx.records.getMany([...new Set(changes.map((change) => change?.recordId).filter((id) => typeof id === 'string'))]);
    const byId = new Map(records.flatMap((record) => (record ? [[record.id, record] as const] : [])));
    const problems: ItemProblem[] = [];
    const requests: LifecycleRequest[] = [];
    const now = ctx.now();
    changes.forEach((change, index) => {
      const problem = problemOf(change, byId, run.settings);
      if (problem) return problems.push({ index, ...(typeof change?.recordId === 'string' ? { id: change.recordId } : {}), message: `changes[${index}] ${problem}` });
      const at = change.at === undefined ? now : toEpochMs(change.at);
      if (change.stage !== undefined) requests.push({ recordId: change.recordId, field: 'stage', value: change.stage, source: change.source, at, index });
      if (change.leadStatus !== undefined) requests.push({ recordId: change.recordId, field: 'leadStatus', value: change.leadStatus, source: change.source, at, index });
    });
    if (problems.length > 0) {
      const issues = problems.map((p) => ({ path: `changes[${p.index}]`, message: p.message }));
      throw new ServiceError({ code: 'invalid_input', message: `the lifecycle changes were not applied: ${problems.map((p) => p.message).join('; ')}`, items: problems, issues });
    }
    run.know([...byId.values()]);
    // A change may not go back before a recorded one: history is kept in time order.
    await run.prepare([...byId.keys()]);
    for (const request of requests) {
      const last = run.historyOf(request.recordId).at(-1)?.at;
      if (last !== undefined && request.at < last) request.at = last;
    }
    await run.decide(requests);
    await run.finish();
    return { applied: run.applied, unchanged: run.unchanged, refused: run.refused, rescored: run.rescored };
  });
}

function problemOf(change: LifecycleChangeRequest, records: Map<string, import('../model/dataset.ts').CrmRecord>, settings: import('../lifecycle/settings.ts').LifecycleSettings): string | undefined {
  if (typeof change !== 'object' || change === null) return 'must be { recordId, stage?, leadStatus?, source, at? }';
  if (typeof change.recordId !== 'string' || change.recordId === '') return 'recordId must be a record id';
  const record = records.get(change.recordId);
  if (!record) return `recordId "${change.recordId}": no such record`;
  if (record.objectType === 'deal') return `recordId "${change.recordId}" is a deal: only contacts and companies have lifecycle stages`;
  if (!(changeSources as readonly string[]).includes(change.source)) return `source must be one of ${changeSources.join(', ')}`;
  if (change.stage === undefined && change.leadStatus === undefined) return 'sets nothing: give stage, leadStatus or both (null clears)';
  if (change.at !== undefined && !instantSchema.safeParse(change.at).success) return 'at must be a date-time with a time zone or epoch milliseconds';
  const stages = record.objectType === 'company' ? settings.stages.company : settings.stages.contact;
  if (change.stage !== undefined && change.stage !== null && rankOf(stages, change.stage) < 0) return `stage "${change.stage}" is not a stage of the ${record.objectType} pipeline`;
  if (change.leadStatus !== undefined && change.leadStatus !== null && rankOf(settings.leadStatuses, change.leadStatus) < 0) return `leadStatus "${change.leadStatus}" is not one of the lead statuses`;
  return undefined;
}

/** lifecycle.md §3: the calculated properties as of any instant, from the stored history. */
export async function getLifecycle(ctx: ServiceContext, recordId: string, asOf?: string | number): Promise<RecordLifecycleView> {
  const store = ctx.opened();
  if (asOf !== undefined && !instantSchema.safeParse(asOf).success) throw invalidAt('asOf', 'must be a date-time with a time zone or epoch milliseconds');
  const [record, history, settings] = await Promise.all([store.records.get(recordId), store.lifecycleHistory.forRecord(recordId), getLifecycleSettings(ctx)]);
  if (!record) throw new ServiceError({ code: 'not_found', message: `no record with the id "${recordId}"` });
  if (record.objectType === 'deal') throw invalidAt('recordId', `"${recordId}" is a deal: only contacts and companies have lifecycle stages`);
  const at = asOf === undefined ? ctx.now() : toEpochMs(asOf);
  const stages = record.objectType === 'company' ? settings.stages.company : settings.stages.contact;
  const upTo = history.filter((entry) => entry.at <= at);
  // A stage set before any recorded change (an import without history) is the value throughout.
  const values = history.length === 0 ? valuesOf(record) : valuesAt(upTo, at);
  const figures = stageFiguresAt(stages, upTo, at);
  return {
    recordId,
    objectType: record.objectType,
    asOf: toIso(at),
    stage: values.stage,
    leadStatus: values.leadStatus,
    properties: stagePropertyNames(figures),
    stages: stages.map((stage) => {
      const figure = figures.get(stage.id) ?? {};
      return {
        id: stage.id,
        label: stage.label,
        ...(figure.dateEntered !== undefined ? { dateEntered: toIso(figure.dateEntered) } : {}),
        ...(figure.dateExited !== undefined ? { dateExited: toIso(figure.dateExited) } : {}),
        ...(figure.latestTimeIn !== undefined ? { latestTimeIn: figure.latestTimeIn } : {}),
        ...(figure.cumulativeTimeIn !== undefined ? { cumulativeTimeIn: figure.cumulativeTimeIn } : {}),
        ...(figure.becameADate !== undefined ? { becameADate: toIso(figure.becameADate) } : {}),
      };
    }),
    leadStatuses: settings.leadStatuses.map(({ id, label }) => ({ id, label })),
    history: upTo.map((entry) => ({ ...entry, at: toIso(entry.at) })),
  };
}
