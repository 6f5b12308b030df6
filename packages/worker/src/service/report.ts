import { toBoolean } from '../engine/property-values.ts';
import { rankOf, stageProperty, type LifecycleOption } from '../lifecycle/stages.ts';
import type { CrmRecord } from '../model/dataset.ts';
import { scorePropertiesOf } from '../model/score-properties.ts';
import type { Report, ReportOptions } from '../contract/index.ts';
import type { ServiceContext } from './context.ts';
import { readSpan } from './collections.ts';
import { getLifecycleSettings } from './lifecycle-settings.ts';
import { cached } from './read-cache.ts';
import { invalidAt, ServiceError } from './service-error.ts';

/**
 * contract/reads.ts `getReport`: one pass over the definition's scores in record-id order, each page
 * joined with the same span of records (both stores are keyed by record id), so no record is read
 * twice and the dataset's events are never read. Kept until a score changes.
 */
export async function getReport(ctx: ServiceContext, definitionId: string, options: ReportOptions = {}): Promise<Report> {
  const store = ctx.opened();
  const active = (await store.definitions.versions(typeof definitionId === 'string' ? definitionId : '')).find((row) => row.status === 'active');
  if (!active) throw new ServiceError({ code: 'not_found', message: `the definition ${JSON.stringify(definitionId)} is not active` });
  const { objectType } = active.definition;
  const settings = await getLifecycleSettings(ctx);
  const stages: readonly LifecycleOption[] = objectType === 'company' ? settings.stages.company : objectType === 'contact' ? settings.stages.contact : [];
  const outcome = outcomeOf(options?.outcome, stages, objectType);
  return cached(ctx, `report:${JSON.stringify([definitionId, active.version, outcome])}`, async () => {
    const converted = 'property' in outcome
      ? (record: CrmRecord | undefined) => toBoolean(record?.properties?.[outcome.property]) === true
      : (record: CrmRecord | undefined) => rankOf(stages, String(record?.properties?.[stageProperty] ?? '')) >= rankOf(stages, outcome.stage);
    const byLabel = new Map<string | null, { records: number; converted: number }>();
    const byStage = new Map<string | null, { records: number; sum: number }>();
    let scored = 0;
    let convertedCount = 0;
    let lastId: string | undefined;
    for (;;) {
      const rows = await store.scores.ofDefinition(definitionId, { after: lastId, limit: 5_000 });
      if (rows.length === 0) break;
      const records = await readSpan(lastId, rows.at(-1)!.recordId, (after, limit) => store.records.ofType(objectType, { after, limit }), (record) => record.id);
      lastId = rows.at(-1)!.recordId;
      for (const row of rows) {
        if (row.value === null) continue;
        const record = records.get(row.recordId);
        const yes = converted(record);
        scored++;
        if (yes) convertedCount++;
        const label = byLabel.get(row.label) ?? byLabel.set(row.label, { records: 0, converted: 0 }).get(row.label)!;
        label.records++;
        if (yes) label.converted++;
        const stageId = typeof record?.properties?.[stageProperty] === 'string' && rankOf(stages, record.properties[stageProperty]) >= 0 ? record.properties[stageProperty] : null;
        const stage = byStage.get(stageId) ?? byStage.set(stageId, { records: 0, sum: 0 }).get(stageId)!;
        stage.records++;
        stage.sum += row.value;
      }
      if (rows.length < 5_000) break;
    }
    const labelOrder = [...(scorePropertiesOf(active.definition).find((property) => property.part === 'label')?.values ?? [])];
    const rank = (order: readonly (string | null)[], key: string | null) => (key === null ? Infinity : order.includes(key) ? order.indexOf(key) : order.length);
    return {
      definitionId,
      outcome: 'property' in outcome ? outcome : { stage: outcome.stage, label: stages.find((stage) => stage.id === outcome.stage)!.label },
      scored,
      converted: convertedCount,
      byLabel: [...byLabel]
        .sort(([a], [b]) => rank(labelOrder, a) - rank(labelOrder, b) || String(a).localeCompare(String(b)))
        .map(([label, counts]) => ({ label, ...counts, rate: round(counts.converted / counts.records) })),
      byStage: [...byStage]
        .sort(([a], [b]) => rank(stages.map((stage) => stage.id), a) - rank(stages.map((stage) => stage.id), b))
        .map(([id, figures]) => ({
          stage: id === null ? null : { id, label: stages.find((stage) => stage.id === id)!.label },
          records: figures.records,
          meanScore: round(figures.sum / figures.records),
        })),
    };
  });
}

/** The outcome asked for, checked against the pipeline of the definition's records. */
function outcomeOf(outcome: ReportOptions['outcome'], stages: readonly LifecycleOption[], objectType: string): { property: string } | { stage: string } {
  if (outcome === undefined) {
    if (rankOf(stages, 'customer') < 0) throw invalidAt('options.outcome', `is needed for a report on ${objectType}s ({ outcome: { property } }): ${objectType === 'deal' ? 'deals have no lifecycle stage' : 'the pipeline has no stage "customer"'}`);
    return { stage: 'customer' };
  }
  if (typeof outcome === 'object' && outcome !== null && 'property' in outcome && typeof outcome.property === 'string' && outcome.property !== '') return { property: outcome.property };
  if (typeof outcome === 'object' && outcome !== null && 'stage' in outcome && typeof outcome.stage === 'string') {
    if (rankOf(stages, outcome.stage) < 0) throw invalidAt('options.outcome.stage', `"${outcome.stage}" is not a stage of the ${objectType} pipeline${stages.length ? ` (${stages.map((stage) => stage.id).join(', ')})` : ''}`);
    return { stage: outcome.stage };
  }
  throw invalidAt('options.outcome', 'must be { property: <name> } or { stage: <stage id> }');
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
