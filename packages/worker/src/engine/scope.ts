import type { Scope } from '../model/definition.ts';
import type { IndexedRecord } from './dataset-index.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** Which records a definition scores (scoring.md §7.1). */
export function compileScope(scope: Scope | undefined): (record: IndexedRecord, pass: ScoringPass) => boolean {
  if (!scope) return () => true;
  if (scope.mode === 'all') {
    const excluded = scope.excludeLists ?? [];
    return (record, pass) => !excluded.some((listId) => pass.inList(listId, record));
  }
  const included = scope.includeLists;
  return (record, pass) => included.some((listId) => pass.inList(listId, record));
}
