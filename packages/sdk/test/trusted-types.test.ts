// The SDK's Trusted Types policy (src/trusted-types.ts) with a stand-in for the browser's
// `trustedTypes`: it is made once, named `leadscore`, passes only the URL being started at that
// moment and refuses any other string, gives way to a page's own policy, and is skipped where the
// browser has no Trusted Types. The real browser's enforcement: test/reliability/hostile-page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Rules = { createScriptURL(input: string): string };
let made: { name: string; rules: Rules }[];

async function freshModule() {
  vi.resetModules();
  return import('../src/trusted-types.ts');
}

beforeEach(() => {
  made = [];
  vi.stubGlobal('trustedTypes', {
    createPolicy(name: string, rules: Rules) {
      made.push({ name, rules });
      return { createScriptURL: (input: string) => ({ trusted: rules.createScriptURL(input) }) };
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("the SDK's Trusted Types policy", () => {
  it('is made once, named leadscore, and trusts the URL being started', async () => {
    const { trustedScriptUrl } = await freshModule();
    expect(trustedScriptUrl('https://a.example/browser/leadscore-worker.js')).toEqual({ trusted: 'https://a.example/browser/leadscore-worker.js' });
    expect(trustedScriptUrl('blob:https://a.example/1234')).toEqual({ trusted: 'blob:https://a.example/1234' });
    expect(made.map((policy) => policy.name)).toEqual(['leadscore']);
  });

  it('refuses every other string, and the same URL outside a start', async () => {
    const { trustedScriptUrl } = await freshModule();
    trustedScriptUrl('https://a.example/browser/leadscore-worker.js');
    const rules = made[0]!.rules;
    expect(() => rules.createScriptURL('https://a.example/browser/leadscore-worker.js')).toThrow(
      `Leadscore's Trusted Types policy passes only the scoring worker's own script, not "https://a.example/browser/leadscore-worker.js"`,
    );
    expect(() => rules.createScriptURL('javascript:alert(1)')).toThrow(TypeError);
  });

  it("uses the page's own policy when given, and makes none", async () => {
    const { trustedScriptUrl } = await freshModule();
    const own = { createScriptURL: vi.fn((input: string) => `own:${input}`) };
    expect(trustedScriptUrl('https://a.example/w.js', own)).toBe('own:https://a.example/w.js');
    expect(own.createScriptURL).toHaveBeenCalledOnce();
    expect(made).toEqual([]);
  });

  it('passes the string as it is without Trusted Types, and when the page refuses the policy says so', async () => {
    vi.stubGlobal('trustedTypes', undefined);
    let module = await freshModule();
    expect(module.trustedScriptUrl('https://a.example/w.js')).toBe('https://a.example/w.js');
    expect(module.policyRefused()).toBe(false);
    vi.stubGlobal('trustedTypes', { createPolicy: () => { throw new TypeError('Policy "leadscore" disallowed.'); } });
    module = await freshModule();
    expect(module.trustedScriptUrl('https://a.example/w.js')).toBe('https://a.example/w.js');
    expect(module.policyRefused()).toBe(true);
  });
});
