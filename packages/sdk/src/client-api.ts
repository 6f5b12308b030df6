// The client alone: what the one-script bundle `dist/browser/leadscore.js` exports for a plain page
// (index.ts adds the formats' values: validation, the JSON Schema, the operators, which carry zod).
export type { ClientOptions, LeadscoreClient, LifecycleNotice } from './client.ts';
export { createClient } from './client.ts';
export type { LeadscoreEmbed } from './embed.ts';
export { LeadscoreError, type ErrorCode } from './errors.ts';
export type * from '@leadscore/worker/formats';

/** This package's version; test/version.test.ts keeps it equal to package.json's. */
export const version = '0.1.0';
