import type { Scope } from '../model/definition.ts';
import type { IndexedRecord } from './dataset-index.ts';
import type { ScoringPass } from './scoring-pass.ts';

/** Which records a definition scores (scoring.md §7.1). */
export function compileScope(scope: Scope | undefined): (record: IndexedRecord, pass: ScoringPass) => boolean {
  if (!scope) return () => true;
  // Loops, not `some` with an arrow: that made a closure for every record scored.
  if (scope.mode === 'all') {
    const excluded = scope.excludeLists ?? [];
    return (record, pass) => {
      for (let i = 0; i < excluded.length; i++) if (pass.inList(excluded[i]!, record)) return false;
      return true;
    };
  }
  const included = scope.includeLists;
  return (record, pass) => {
    for (let i = 0; i < included.length; i++) if (pass.inList(included[i]!, record)) return true;
    return false;
  };
}
