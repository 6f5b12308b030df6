// @leadscore/worker/formats: the formats of formats.md as a page uses them, and nothing that scores
// or stores: the types, validation with paths, the JSON Schema, the operators by property type,
// the lifecycle's standard options and the CSV import's choices. @leadscore/sdk re-exports it, so
// a page validates and edits definitions without loading the engine.
export type { Condition, ConditionTest, Operator, RelativeUnit } from './model/condition.ts';
export { operators } from './model/condition.ts';
export type { OperatorField } from './model/operators.ts';
export { operatorFields, operatorsByType } from './model/operators.ts';
export type { Timeframe } from './model/timeframe.ts';
export type { ContactSelector, EventRule, Frequency, PropertyRule, PropertySource, Rule } from './model/rule.ts';
export type { Bands, Decay, Definition, Group, ObjectType, Scope, ScoreKind, Thresholds } from './model/definition.ts';
export { definitionFile, definitionFormatVersion, objectTypes } from './model/definition.ts';
export type { DefinitionDiff, FieldChange, GroupChange, GroupFields, RuleAt, RuleChange } from './model/definition-diff.ts';
export { diffDefinitions } from './model/definition-diff.ts';
export type { ScoreProperty, ScorePropertyPart } from './model/score-properties.ts';
export { scorePropertiesOf } from './model/score-properties.ts';
export { inScoreOrder } from './model/score-references.ts';
export type {
  Associations, CrmEvent, CrmList, CrmRecord, Dataset, Properties, PropertyChange, PropertyType,
  PropertyTypes, PropertyValue,
} from './model/dataset.ts';
export type { GroupResult, LabelStep, OutOfScopeResult, RuleResult, ScoredResult, ScoreResult, ToNext } from './model/result.ts';
export { isScored } from './model/result.ts';
export type { Instant } from './model/time.ts';
export type { Validation, ValidationIssue } from './model/validate.ts';
export { validateDataset, validateDefinition } from './model/validate.ts';
export type { SchemaName } from './model/json-schema.ts';
export { jsonSchema, schemaNames } from './model/json-schema.ts';

export type { CsvColumnTarget } from './import/column-targets.ts';
export { csvColumnTargets } from './import/column-targets.ts';
export type { CsvColumnReport, CsvImportOptions, CsvImportReport, CsvImportResult, CsvIssue, CsvMappedColumn } from './import/csv.ts';
export type { CsvFormat, CsvFormatOption } from './import/crm/crm-format.ts';
export { csvFormats } from './import/crm/crm-format.ts';
export type { DateOrder } from './import/date-forms.ts';
export type { Delimiter } from './import/delimiter.ts';
export type { CsvEncoding, CsvInput } from './import/text-encoding.ts';

export type { AutomationAction, ScoreRule, TimeRule } from './lifecycle/settings.ts';
export { defaultLifecycleSettings, validateLifecycleSettings } from './lifecycle/settings.ts';
export type { LifecycleOption, StandardStageId } from './lifecycle/stages.ts';
export { defaultStages, leadStatusProperty, stageProperty, standardStageIds } from './lifecycle/stages.ts';
export { defaultLeadStatuses } from './lifecycle/lead-status.ts';
export { changeSources } from './lifecycle/sources.ts';

export type * from './contract/index.ts';
