// Issue 16: every share link the demo may be handed (`#/share/<payload>`), however hostile, is
// either refused with a reason the share screen says in words, or gives back exactly the definition
// that was encoded; never a thrown error, a hang, a frozen tab or a changed prototype. Inputs: random
// text, random bytes base64url-encoded, valid links cut short or with a bit flipped, deflate bombs,
// links over the length limit, JSON nested past the limit, `__proto__` keys, malformed `%` escapes
// in the address. LEADSCORE_FUZZ_RUNS sets the cases (2,000 in npm test, 10,000 in npm run test:reliability).
import { deflateRawSync, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { definitionArb } from '../../packages/worker/test/properties/arbitraries.ts';
import { validateDefinition, type Definition } from '../../packages/worker/src/index.ts';
import { decodeShareLink, encodeDefinition, shareLimits, type ShareDecoding, type ShareRefusal } from '../../demo/src/screens/share/share-codec.ts';
import { MALFORMED_ROUTE, routeOf } from '../../demo/src/app/router.ts';

const RUNS = Number(process.env.LEADSCORE_FUZZ_RUNS ?? 2_000);

const refusals: readonly ShareRefusal[] = ['empty', 'too-long', 'not-base64', 'not-deflate', 'too-large', 'not-text', 'too-deep', 'not-json', 'invalid'];

/** base64url without padding, as the links write it (Node's own encoder, not the demo's). */
function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** A link payload holding `text`, deflated by Node's zlib with a zlib header (or raw, as older links). */
function linkOf(text: string | Uint8Array, raw = false): string {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return base64url(raw ? deflateRawSync(bytes) : deflateSync(bytes));
}

/** What every refusal must be: one of the reasons the screen has words for; `invalid` with issues at paths. */
function expectClearRefusal(decoded: ShareDecoding): void {
  expect(decoded.ok).toBe(false);
  if (decoded.ok) return;
  expect(refusals).toContain(decoded.reason);
  if (decoded.reason === 'invalid') {
    expect(decoded.issues.length).toBeGreaterThan(0);
    for (const issue of decoded.issues) expect(issue.message.startsWith(issue.path === '' ? 'definition' : issue.path), issue.message).toBe(true);
  }
}

function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

// Valid definitions, drawn once (as JSON keeps them: the link carries JSON), with their links.
const definitionPool: Definition[] = fc
  .sample(definitionArb(), { numRuns: 300, seed: 16 })
  .map((definition) => JSON.parse(JSON.stringify(definition)) as Definition)
  .filter((definition) => validateDefinition(definition).ok);
let validLinks: { definition: Definition; payload: string; bytes: Uint8Array }[] = [];
/** Links that inflate past the limit while their text stays under the length limit. */
let bombs: string[] = [];
let probeBomb = '';

beforeAll(async () => {
  expect(definitionPool.length).toBeGreaterThan(200);
  validLinks = await Promise.all(definitionPool.map(async (definition) => {
    const payload = await encodeDefinition(definition);
    return { definition, payload, bytes: new Uint8Array(Buffer.from(payload, 'base64url')) };
  }));
  // Spaces after a valid definition's JSON: valid JSON, were it read whole; and a bracket flood.
  const json = JSON.stringify(definitionPool[0]);
  bombs = [
    linkOf(json + ' '.repeat(shareLimits.maxInflatedBytes + 1 - json.length)),
    linkOf(json + ' '.repeat(20_000_000)),
    linkOf(Buffer.alloc(45_000_000, 0x20), true),
    linkOf('['.repeat(30_000_000)),
    linkOf(Buffer.alloc(40_000_000, 0)),
  ];
  for (const bomb of bombs) expect(bomb.length).toBeLessThanOrEqual(shareLimits.maxPayloadChars);
  // The probe's link: 60 MB of JSON in about 80 kB, over the length limit before anything is inflated.
  probeBomb = linkOf(json + ' '.repeat(60_000_000));
  expect(probeBomb.length).toBeGreaterThan(shareLimits.maxPayloadChars);
});

describe('share links: refused with a reason, or exactly the definition encoded', () => {
  it('round trip: every valid definition comes back exactly', async () => {
    for (const { definition, payload } of validLinks) {
      const decoded = await decodeShareLink(payload);
      expect(decoded).toEqual({ ok: true, definition });
    }
  });

  it('the limits, at their edges', async () => {
    const json = JSON.stringify(definitionPool[0]);
    // Exactly the inflated limit is read; one byte more is refused.
    expect(await decodeShareLink(linkOf(json + ' '.repeat(shareLimits.maxInflatedBytes - json.length)))).toEqual({ ok: true, definition: definitionPool[0] });
    expect(await decodeShareLink(linkOf(json + ' '.repeat(shareLimits.maxInflatedBytes + 1 - json.length)))).toEqual({ ok: false, reason: 'too-large' });
    // The length limit: a payload of base64url characters one longer than it is not read at all.
    expect(await decodeShareLink('A'.repeat(shareLimits.maxPayloadChars + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(await decodeShareLink('A'.repeat(shareLimits.maxPayloadChars))).toEqual({ ok: false, reason: 'not-deflate' });
    expect(await decodeShareLink(probeBomb)).toEqual({ ok: false, reason: 'too-long' });
    // Nesting: 64 levels are parsed (and are no definition); 65 are not parsed.
    expect(await decodeShareLink(linkOf(nestedArrays(shareLimits.maxNesting)))).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await decodeShareLink(linkOf(nestedArrays(shareLimits.maxNesting + 1)))).toEqual({ ok: false, reason: 'too-deep' });
    expect(await decodeShareLink(linkOf(`{"a":"${'['.repeat(500)}"}`))).toMatchObject({ ok: false, reason: 'invalid' });
    // Each other reason, by construction.
    expect(await decodeShareLink('')).toEqual({ ok: false, reason: 'empty' });
    expect(await decodeShareLink(undefined)).toEqual({ ok: false, reason: 'empty' });
    expect(await decodeShareLink('abcde')).toEqual({ ok: false, reason: 'not-base64' });
    expect(await decodeShareLink('ab+d')).toEqual({ ok: false, reason: 'not-base64' });
    expect(await decodeShareLink(linkOf(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toEqual({ ok: false, reason: 'not-text' });
    expect(await decodeShareLink(linkOf('{"id": '))).toEqual({ ok: false, reason: 'not-json' });
    // A link made before the checksum (raw deflate) still opens.
    expect(await decodeShareLink(linkOf(json, true))).toEqual({ ok: true, definition: definitionPool[0] });
  });

  it('a bomb is refused while it inflates: at most the limit and a few chunks come out, not its 40 MB', async () => {
    const Original = globalThis.DecompressionStream;
    let inflated = 0;
    class CountingStream {
      readonly writable: WritableStream<BufferSource>;
      readonly readable: ReadableStream<Uint8Array>;
      constructor(format: CompressionFormat) {
        const stream = new Original(format);
        this.writable = stream.writable;
        this.readable = stream.readable.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            inflated += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }));
      }
    }
    globalThis.DecompressionStream = CountingStream as unknown as typeof DecompressionStream;
    try {
      expect(await decodeShareLink(bombs[4]!)).toEqual({ ok: false, reason: 'too-large' });
    } finally {
      globalThis.DecompressionStream = Original;
    }
    expect(inflated).toBeGreaterThan(shareLimits.maxInflatedBytes);
    expect(inflated).toBeLessThan(shareLimits.maxInflatedBytes + 1_048_576);
  });

  it('a definition with a __proto__ key is refused at that key, and no prototype changes', async () => {
    const json = JSON.stringify(definitionPool[1]);
    for (const text of [
      `{"__proto__":{"polluted":true},${json.slice(1)}`,
      json.replace('"groups":[{', '"groups":[{"__proto__":{"polluted":true},'),
    ]) {
      const decoded = await decodeShareLink(linkOf(text));
      expectClearRefusal(decoded);
      expect(!decoded.ok && decoded.reason === 'invalid' && decoded.issues.some((issue) => issue.path.endsWith('__proto__'))).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it(`${RUNS.toLocaleString('en-US')} hostile links`, async () => {
    const someLink = fc.constantFrom(...validLinks);
    // Weighted by cost as much as by interest: a bomb inflates a whole MiB before it is refused.
    const cases = fc.oneof(
      // Random text: with a character base64url lacks, it is not-base64 (or too-long first).
      { weight: 24, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ kind: 'text' as const, payload: text })) },
      { weight: 24, arbitrary: fc.string({ unit: fc.constantFrom(...'%/+=.!~ \u0000é€\u{1F600}'), minLength: 1, maxLength: 20 }).chain((bad) =>
        fc.tuple(fc.base64String({ maxLength: 40 }), fc.base64String({ maxLength: 40 })).map(([a, b]) => ({ kind: 'text' as const, payload: `${a.replace(/=/g, '')}${bad}${b.replace(/=/g, '')}` }))) },
      // Random bytes, base64url: whatever they inflate to, never a definition.
      { weight: 24, arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ kind: 'bytes' as const, payload: base64url(bytes) })) },
      { weight: 24, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'bytes' as const, payload: base64url(new Uint8Array([0x78, 0x9c, ...bytes])) })) },
      // Valid links cut short: a deflate stream is not complete (or the length is no whole byte).
      { weight: 24, arbitrary: someLink.chain((link) => fc.nat({ max: link.payload.length - 1 }).map((end) => ({ kind: 'cut' as const, payload: link.payload.slice(0, end) }))) },
      // Valid links with one bit flipped: refused (the checksum), or the same definition (a padding bit).
      { weight: 24, arbitrary: someLink.chain((link) => fc.tuple(fc.nat({ max: link.bytes.length - 1 }), fc.nat({ max: 7 })).map(([at, bit]) => {
        const bytes = link.bytes.slice();
        bytes[at]! ^= 1 << bit;
        return { kind: 'flip' as const, payload: base64url(bytes), definition: link.definition };
      })) },
      // Intact valid links: exactly their definition.
      { weight: 6, arbitrary: someLink.map((link) => ({ kind: 'valid' as const, payload: link.payload, definition: link.definition })) },
      // Bombs: a small link inflating past the limit.
      { weight: 1, arbitrary: fc.nat({ max: 4 }).map((i) => ({ kind: 'bomb' as const, payload: bombs[i]! })) },
      // Huge links: over the length limit, whatever they hold.
      { weight: 6, arbitrary: fc.tuple(fc.nat({ max: 500_000 }), fc.constantFrom('A', '%', 'x_-')).map(([extra, unit]) => ({ kind: 'huge' as const, payload: unit.repeat(Math.ceil((shareLimits.maxPayloadChars + 1 + extra) / unit.length)) })) },
    );
    const seen = new Map<string, number>();
    await fc.assert(fc.asyncProperty(cases, async (input) => {
      seen.set(input.kind, (seen.get(input.kind) ?? 0) + 1);
      const decoded = await decodeShareLink(input.payload);
      switch (input.kind) {
        case 'valid':
          expect(decoded).toEqual({ ok: true, definition: input.definition });
          break;
        case 'flip':
          if (decoded.ok) expect(decoded.definition).toEqual(input.definition);
          else expectClearRefusal(decoded);
          break;
        case 'bomb':
          expect(decoded).toEqual({ ok: false, reason: 'too-large' });
          break;
        case 'huge':
          expect(decoded).toEqual({ ok: false, reason: 'too-long' });
          break;
        case 'cut':
          expect(decoded).toEqual({ ok: false, reason: input.payload === '' ? 'empty' : input.payload.length % 4 === 1 ? 'not-base64' : 'not-deflate' });
          break;
        case 'text':
          expectClearRefusal(decoded);
          if (input.payload === '') expect(decoded).toEqual({ ok: false, reason: 'empty' });
          else if (!/^[A-Za-z0-9_-]*$/.test(input.payload)) expect(decoded).toEqual({ ok: false, reason: input.payload.length > shareLimits.maxPayloadChars ? 'too-long' : 'not-base64' });
          break;
        default:
          expectClearRefusal(decoded);
      }
    }), { numRuns: RUNS, seed: 16 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every kind was tried (a bomb about once in 157 cases: each inflates a whole MiB before it is refused).
    if (RUNS >= 1_000) expect([...seen.keys()].sort()).toEqual(['bomb', 'bytes', 'cut', 'flip', 'huge', 'text', 'valid']);
    console.log(`share links: ${[...seen].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  }, 60_000);
});

describe('the address: a malformed % escape is a page that says so, never a thrown URIError', () => {
  it(`${RUNS.toLocaleString('en-US')} addresses`, () => {
    expect(routeOf('#/%')).toEqual({ screen: MALFORMED_ROUTE, params: [] });
    expect(routeOf('#/%E0%A4%A')).toEqual({ screen: MALFORMED_ROUTE, params: [] });
    expect(routeOf('#/share/%E0%A4%A')).toEqual({ screen: MALFORMED_ROUTE, params: [] });
    expect(routeOf('#/definitions/%ZZ')).toEqual({ screen: MALFORMED_ROUTE, params: [] });
    expect(routeOf('')).toEqual({ screen: 'definitions', params: [] });
    const part = fc.string({ unit: 'grapheme', maxLength: 12 });
    // A route written as hrefOf writes it reads back as its parts.
    const written = fc.tuple(part.filter((screen) => screen !== ''), fc.array(part, { maxLength: 4 })).map(([screen, params]) => ({
      hash: `#/${[screen, ...params].map((text) => encodeURIComponent(text)).join('/')}`, route: { screen, params },
    }));
    // One malformed escape anywhere: a lone %, a % before non-hex, a cut multi-byte sequence, a lone surrogate's bytes.
    const broken = fc.tuple(fc.array(part, { minLength: 1, maxLength: 4 }), fc.constantFrom('%', '%Z1', '%4', '%E0%A4%A', '%E0%A4', '%C3', '%FF', '%ED%A0%80', '%%41'), fc.nat()).map(([parts, bad, at]) => {
      const encoded = parts.map((text) => encodeURIComponent(text));
      const i = at % encoded.length;
      encoded[i] = `${encoded[i]}${bad}`;
      return { hash: `#/${encoded.join('/')}`, route: { screen: MALFORMED_ROUTE, params: [] } };
    });
    fc.assert(fc.property(fc.oneof(written, broken), ({ hash, route }) => {
      expect(routeOf(hash)).toEqual(route);
    }), { numRuns: RUNS, seed: 16 });
  });
});
