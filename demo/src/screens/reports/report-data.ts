// The figures behind the conversion and stage reports, computed in the page from the SDK's reads.
//
// The SDK has no read of a record's properties other than exportDataset, so the outcome
// (OUTCOME_PROPERTY) and the `lifecyclestage` property of every record come from one export, made
// once per report run; each definition's scores come from a single pass over queryRecords.
import type { DefinitionInfo, LeadscoreClient } from '@leadscore/sdk';
import { OUTCOME_PROPERTY } from '../../app/outcome.ts';
import { scanRows } from '../records/score-pages.ts';

/** What the reports need of each record: converted or not, and its stage (contacts and companies). */
export interface RecordFacts {
  converted: Set<string>;
  stageOf: Map<string, string>;
  /** Records per object type. */
  counts: Record<string, number>;
  /** How long the export took (ms) and how big it was. */
  exportMs: number;
  events: number;
}

export interface LabelRow {
  label: string;
  records: number;
  converted: number;
}

export interface StageRow {
  stage: string;
  count: number;
  sum: number;
}

export interface DefinitionReport {
  definitionId: string;
  scored: number;
  converted: number;
  byLabel: LabelRow[];
  byStage: StageRow[];
}

/** An outcome cell counts as converted when it is true (a CSV import may bring it as text or 1). */
export function isConverted(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (typeof value === 'string') return ['true', 'yes', '1', 'y', 'converted'].includes(value.trim().toLowerCase());
  return false;
}

/** One exportDataset: the outcome and stage of every record (the events come along, unused). */
export async function readRecordFacts(client: LeadscoreClient): Promise<RecordFacts> {
  const started = performance.now();
  const dataset = await client.exportDataset();
  const converted = new Set<string>();
  const stageOf = new Map<string, string>();
  const counts: Record<string, number> = {};
  for (const record of dataset.records) {
    counts[record.objectType] = (counts[record.objectType] ?? 0) + 1;
    if (isConverted(record.properties?.[OUTCOME_PROPERTY])) converted.add(record.id);
    const stage = record.properties?.lifecyclestage;
    if (typeof stage === 'string' && stage) stageOf.set(record.id, stage);
  }
  return { converted, stageOf, counts, exportMs: performance.now() - started, events: dataset.events?.length ?? 0 };
}

/** Labels in reading order: high→low, A1→C3, then any others, then records without a label. */
const LABEL_ORDER = ['high', 'medium', 'low', 'A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];
export const NO_LABEL = '(no label)';
export const NO_STAGE = '(no stage)';

/** One pass over a definition's scored records, joined with the facts. */
export async function reportOf(client: LeadscoreClient, info: DefinitionInfo, facts: RecordFacts, stageOrder: string[], onProgress?: (done: number, total: number) => void): Promise<DefinitionReport> {
  const labels = new Map<string, LabelRow>();
  const stages = new Map<string, StageRow>();
  let scored = 0;
  let converted = 0;
  // Large pages: every queryRecords call also counts its range, so fewer calls cost less.
  await scanRows(client, { definitionId: info.id }, 5_000, (rows, done, total) => {
    for (const row of rows) {
      scored++;
      const label = row.label ?? NO_LABEL;
      const entry = labels.get(label) ?? labels.set(label, { label, records: 0, converted: 0 }).get(label)!;
      entry.records++;
      if (facts.converted.has(row.recordId)) {
        entry.converted++;
        converted++;
      }
      const stage = facts.stageOf.get(row.recordId) ?? NO_STAGE;
      const figures = stages.get(stage) ?? stages.set(stage, { stage, count: 0, sum: 0 }).get(stage)!;
      figures.count++;
      figures.sum += row.value;
    }
    onProgress?.(done, total);
  });
  const rank = (order: string[], key: string) => (order.includes(key) ? order.indexOf(key) : key.startsWith('(') ? order.length + 1 : order.length);
  const byLabel = [...labels.values()].sort((a, b) => rank(LABEL_ORDER, a.label) - rank(LABEL_ORDER, b.label) || a.label.localeCompare(b.label));
  const byStage = [...stages.values()].sort((a, b) => rank(stageOrder, a.stage) - rank(stageOrder, b.stage) || a.stage.localeCompare(b.stage));
  return { definitionId: info.id, scored, converted, byLabel, byStage };
}
