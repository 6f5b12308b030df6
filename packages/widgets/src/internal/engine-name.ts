/**
 * An engine's name as a person reads it, for the mark on an imported score ("Computed in DuckDB as
 * of …"): the engines `leadscore score --engine` runs by their product names, which no locale
 * translates; any other name a host gave `importScores` as it was given.
 */
export function engineName(engine: string): string {
  return knownEngines[engine.toLowerCase()] ?? engine;
}

const knownEngines: Record<string, string> = {
  duckdb: 'DuckDB',
  spark: 'Spark',
  js: 'JavaScript',
};
