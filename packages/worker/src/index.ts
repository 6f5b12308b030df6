// The public API of @leadscore/worker. Everything else is internal.
export type { Condition, ConditionTest, Operator, RelativeUnit } from './model/condition.ts';
export { operators } from './model/condition.ts';
export type { Timeframe } from './model/timeframe.ts';
export type { ContactSelector, EventRule, Frequency, PropertyRule, PropertySource, Rule } from './model/rule.ts';
export type { Bands, Decay, Definition, Group, ObjectType, Scope, ScoreKind, Thresholds } from './model/definition.ts';
export { definitionSchema } from './model/definition.ts';
export type {
  Associations, CrmEvent, CrmList, CrmRecord, Dataset, Properties, PropertyChange, PropertyType,
  PropertyTypes, PropertyValue,
} from './model/dataset.ts';
export { datasetSchema } from './model/dataset.ts';
export type { GroupResult, OutOfScopeResult, RuleResult, ScoredResult, ScoreResult } from './model/result.ts';
export { isScored, scoreResultSchema } from './model/result.ts';
export type { Instant } from './model/time.ts';
export type { Validation, ValidationIssue } from './model/validate.ts';
export { validateDataset, validateDefinition } from './model/validate.ts';
export type { SchemaName } from './model/json-schema.ts';
export { jsonSchema, schemaNames } from './model/json-schema.ts';

export type { Subject } from './engine/subject.ts';
export type { CompiledDefinition, DatasetIndex, ScoreOptions } from './engine/evaluate.ts';
export { compileDefinition, evaluate, indexDataset, scoreDataset } from './engine/evaluate.ts';
export { InvalidInputError } from './engine/errors.ts';

export type { CsvColumnReport, CsvColumnTarget, CsvImportOptions, CsvImportReport, CsvImportResult, CsvIssue, CsvMappedColumn } from './import/csv.ts';
export { csvColumnTargets, importCsv } from './import/csv.ts';
export type { CsvFormat, CsvFormatOption } from './import/crm/crm-format.ts';
export { csvFormats } from './import/crm/crm-format.ts';
export type { DateOrder } from './import/date-forms.ts';
export type { Delimiter } from './import/delimiter.ts';
export type { CsvEncoding, CsvInput } from './import/text-encoding.ts';
export { datasetToJson, parseDatasetJson } from './import/dataset-json.ts';

export type * from './contract/index.ts';

export type { RecordLifecycle } from './lifecycle/record-lifecycle.ts';
export { recordLifecycle } from './lifecycle/record-lifecycle.ts';
export type { AutomationAction, ScoreRule, TimeRule } from './lifecycle/settings.ts';
export { defaultLifecycleSettings, lifecycleSettingsSchema, validateLifecycleSettings } from './lifecycle/settings.ts';
export type { LifecycleOption, StandardStageId } from './lifecycle/stages.ts';
export { defaultStages, leadStatusProperty, stageProperty, standardStageIds } from './lifecycle/stages.ts';
export { defaultLeadStatuses } from './lifecycle/lead-status.ts';
export { changeSources } from './lifecycle/sources.ts';
