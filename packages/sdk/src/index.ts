// @leadscore/sdk, the one package a page imports: `createClient` starts the scoring worker and
// returns the typed promise API of the page↔worker contract; with it, the formats of formats.md
// (@leadscore/worker/formats: the domain types, validation with paths, the JSON Schema, the
// operators by property type, the lifecycle's standard options). The engine and the store stay in
// the worker: nothing here loads them.
export * from './client-api.ts';
export * from '@leadscore/worker/formats';
