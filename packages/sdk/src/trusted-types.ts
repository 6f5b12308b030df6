// Trusted Types: under `require-trusted-types-for 'script'` a page may hand `new Worker()` only a
// TrustedScriptURL, never a string or a URL. The SDK starts its own worker through a policy of its
// own, named `leadscore`, that passes exactly the URL the SDK is starting at that moment (its worker
// script beside it, or the `blob:` bootstrap it has just made for it) and refuses every other
// string, so the policy cannot be used to trust anything else. A page may pass a policy of its own
// instead (`createClient({ trustedTypesPolicy })`).

/** What the SDK needs of a Trusted Types policy: `createScriptURL`, as `trustedTypes.createPolicy` returns it. */
export interface ScriptUrlPolicy {
  createScriptURL(input: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): ScriptUrlPolicy;
}

/** The policy's name: the word a host page's `trusted-types` directive must list. */
export const policyName = 'leadscore';

/** The one URL the SDK's policy passes, set only for the duration of one `trustedScriptUrl` call. */
let starting: string | undefined;
/** The SDK's policy once made; `null` when the page refused it (a `trusted-types` list without its name). */
let own: ScriptUrlPolicy | null | undefined;

function ownPolicy(): ScriptUrlPolicy | null {
  if (own !== undefined) return own;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return (own = null);
  try {
    own = factory.createPolicy(policyName, {
      createScriptURL(input: string): string {
        if (starting !== undefined && input === starting) return input;
        throw new TypeError(`Leadscore's Trusted Types policy passes only the scoring worker's own script, not ${JSON.stringify(input)}`);
      },
    });
  } catch {
    // The page's `trusted-types` directive does not list `leadscore` (or another copy of the SDK
    // made the policy already, without 'allow-duplicates'): the URL goes as it is, and the worker's
    // start fails with a load_failed error that names the policy.
    own = null;
  }
  return own;
}

/**
 * `url` as `new Worker()` takes it on this page: a TrustedScriptURL from `policy` (the page's) or
 * from the SDK's own policy when the browser has Trusted Types, the string itself otherwise.
 */
export function trustedScriptUrl(url: string, policy?: ScriptUrlPolicy): string {
  if (policy) return policy.createScriptURL(url) as string;
  const sdk = ownPolicy();
  if (!sdk) return url;
  starting = url;
  try {
    return sdk.createScriptURL(url) as string;
  } finally {
    starting = undefined;
  }
}

/** Whether this page enforces Trusted Types for scripts and the SDK could not make its policy: said in the start error. */
export function policyRefused(): boolean {
  return own === null && (globalThis as { trustedTypes?: unknown }).trustedTypes !== undefined;
}
