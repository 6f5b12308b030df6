// @leadscore/sdk: the main-thread client a host page calls. `createClient` arrives with the worker
// service (DESIGN.md); until then the package gives host code the types of the formats it will
// exchange with the worker. Types only: the worker's internals never leak into the main thread.
export type {
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
