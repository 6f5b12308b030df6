// @leadscore/sdk: the main-thread client a host page calls. `createClient` starts the scoring
// worker and returns a typed promise API; the worker package contributes types only, so its
// engine and store never load on the main thread.
export type { ClientOptions, LeadscoreClient, LifecycleNotice } from './client.ts';
export { createClient } from './client.ts';
export type { LeadscoreEmbed } from './embed.ts';
export { LeadscoreError, type ErrorCode } from './errors.ts';
export type {
  AssociationLink,
  AutomationEvent,
  ChangeCause,
  ChangeSource,
  LifecycleChangeRequest,
  LifecycleField,
  LifecycleHistoryEntry,
  LifecycleReceipt,
  LifecycleSettings,
  LifecycleSettingsInput,
  OptionEdit,
  RecordLifecycleView,
  RefusedChange,
  StageFigures,
  LabelQuality,
  TrainedDefinition,
  TrainingProgress,
  TrainingQuality,
  TrainRequest,
  ChangeNotice,
  DefinitionInfo,
  DefinitionStatus,
  Distribution,
  ImportReport,
  ItemProblem,
  Page,
  Progress,
  RecordQuery,
  ScoreChange,
  SubscriptionTarget,
  WriteReceipt,
  CrmEvent,
  CrmList,
  CrmRecord,
  Dataset,
  Definition,
  GroupResult,
  Instant,
  OutOfScopeResult,
  RuleResult,
  ScoredResult,
  ScoreResult,
  Thresholds,
  Validation,
  ValidationIssue,
} from '@leadscore/worker';

/** This package's version; test/version.test.ts keeps it equal to package.json's. */
export const version = '0.1.0';
