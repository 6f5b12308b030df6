// The public API of @leadscore/worker. Everything else is internal.
export * from './formats.ts';
export { definitionSchema } from './model/definition.ts';
export { datasetSchema } from './model/dataset.ts';
export { scoreResultSchema } from './model/result.ts';
export { lifecycleSettingsSchema } from './lifecycle/settings.ts';

export type { Subject } from './engine/subject.ts';
export type { ColumnarDataset, CompiledDefinition, DatasetIndex, EventTable, PropertySets, ScoreColumns, ScoreOptions } from './engine/evaluate.ts';
export { compileDefinition, evaluate, indexDataset, scoreDataset } from './engine/evaluate.ts';
export { InvalidInputError } from './engine/errors.ts';
export type { Backfill, BackfillChange, BackfillOptions } from './engine/backfill.ts';
export { backfillScores, backfillSteps } from './engine/backfill.ts';
export type { SqlDialect } from './sql/dialect.ts';
export type { SqlOptions } from './sql/compile-to-sql.ts';
export { compileToSql } from './sql/compile-to-sql.ts';
export { NotCompiledError } from './sql/not-compiled.ts';

export { importCsv } from './import/csv.ts';
export { datasetToJson, parseDatasetJson } from './import/dataset-json.ts';

export type { RecordLifecycle } from './lifecycle/record-lifecycle.ts';
export { recordLifecycle } from './lifecycle/record-lifecycle.ts';
