import type { ScoreSource } from '@leadscore/sdk';
import { engineName } from './engine-name.ts';
import { formatDateTime } from './format.ts';
import { translate } from './locale.ts';

/** "Computed in DuckDB as of 1 Apr 2026, 00:00": the mark every element puts on an imported score. */
export function sourceText(locale: string, source: ScoreSource): string {
  return translate(locale, 'computedIn', { engine: engineName(source.engine), when: formatDateTime(locale, source.asOf) });
}

/**
 * A histogram's or a matrix's note on the imported scores among its counts, one sentence per
 * engine and instant ("3 computed in DuckDB as of …"); empty when every score is the worker's own.
 */
export function sourcesText(locale: string, sources: readonly (ScoreSource & { records: number })[] | undefined, number: (value: number) => string): string {
  return (sources ?? []).map((source) => translate(locale, 'computedInCount', { count: number(source.records), engine: engineName(source.engine), when: formatDateTime(locale, source.asOf) })).join(' ');
}
