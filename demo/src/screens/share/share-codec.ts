// A definition in a link: its JSON, deflated with a zlib header and an Adler-32 checksum
// (CompressionStream 'deflate') and base64url-encoded into `#/share/<payload>`; links made before
// the checksum ('deflate-raw', no zlib header) are still read. Decoding gives back the very same
// JSON text, or refuses the link with a reason (never throws): a link is anyone's text, so its
// length is checked before it is read, its inflated size while it inflates (a few kB can inflate
// to gigabytes), its nesting before it is parsed, and the definition by validateDefinition. The
// checksum makes a link changed in transit a refusal rather than a different definition.
import { validateDefinition, type Definition, type ValidationIssue } from '@leadscore/sdk';
import { hrefOf } from '../../app/router.ts';

/** The limits a share link is held to (docs/reliability.md, "Share links"). */
export const shareLimits = {
  /** Characters of the payload (after `#/share/`): 64 KiB, about 48 KiB deflated. */
  maxPayloadChars: 65_536,
  /** Bytes of JSON the payload may inflate to: 1 MiB; inflating stops as soon as it passes. */
  maxInflatedBytes: 1_048_576,
  /** Levels of objects and lists in the JSON, as validateDefinition allows. */
  maxNesting: 64,
} as const;

/** Why a link was refused; the share screen says each in words (share-messages.ts). */
export type ShareRefusal =
  | 'empty' // no payload at all
  | 'too-long' // more characters than maxPayloadChars
  | 'not-base64' // characters or a length base64url cannot have
  | 'not-deflate' // not deflated data, or cut short
  | 'too-large' // inflates past maxInflatedBytes
  | 'not-text' // inflates to bytes that are not UTF-8
  | 'too-deep' // nested deeper than maxNesting
  | 'not-json' // not JSON text
  | 'invalid'; // JSON, but not a valid definition: `issues` say why

export type ShareDecoding =
  | { ok: true; definition: Definition }
  | { ok: false; reason: Exclude<ShareRefusal, 'invalid'> }
  | { ok: false; reason: 'invalid'; value: unknown; issues: ValidationIssue[] };

export async function encodeDefinition(definition: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(definition));
  const deflated = await pipe(bytes, new CompressionStream('deflate'));
  let binary = '';
  for (let i = 0; i < deflated.length; i += 0x8000) binary += String.fromCharCode(...deflated.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A payload's definition, or why it is refused. Never throws, never inflates past the limit. */
export async function decodeShareLink(payload: unknown): Promise<ShareDecoding> {
  const text = await decodeShareText(payload);
  if (!text.ok) return text;
  if (nestingOf(text.text) > shareLimits.maxNesting) return { ok: false, reason: 'too-deep' };
  let value: unknown;
  try {
    value = JSON.parse(text.text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const validation = validateDefinition(value);
  // The definition as it was encoded (validation's own copy may differ in form, not in meaning).
  return validation.ok ? { ok: true, definition: value as Definition } : { ok: false, reason: 'invalid', value, issues: validation.issues };
}

/** The JSON text of a payload, or why there is none. */
export async function decodeShareText(payload: unknown): Promise<{ ok: true; text: string } | { ok: false; reason: Exclude<ShareRefusal, 'too-deep' | 'not-json' | 'invalid'> }> {
  if (typeof payload !== 'string' || payload === '') return { ok: false, reason: 'empty' };
  if (payload.length > shareLimits.maxPayloadChars) return { ok: false, reason: 'too-long' };
  // base64url without padding: a length of 4n + 1 characters is no whole byte.
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || payload.length % 4 === 1) return { ok: false, reason: 'not-base64' };
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  } catch {
    return { ok: false, reason: 'not-base64' };
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const inflated = await inflateAtMost(bytes, shareLimits.maxInflatedBytes, hasZlibHeader(bytes) ? 'deflate' : 'deflate-raw');
  if (!inflated.ok) return inflated;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes) };
  } catch {
    return { ok: false, reason: 'not-text' };
  }
}

/**
 * `bytes` inflated, read a chunk at a time: as soon as more than `limit` bytes came out the stream
 * is cancelled, so a deflate bomb costs about `limit` bytes of work and memory, not its full size.
 */
export async function inflateAtMost(bytes: Uint8Array, limit: number, format: 'deflate' | 'deflate-raw'): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'not-deflate' | 'too-large' }> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream(format);
  } catch {
    return { ok: false, reason: 'not-deflate' };
  }
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Not awaited before reading: the write resolves only as the reads drain it.
  const writing = writer.write(bytes as BufferSource).then(() => writer.close());
  writing.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel().catch(() => undefined);
        await writer.abort().catch(() => undefined);
        return { ok: false, reason: 'too-large' };
      }
      chunks.push(value);
    }
    await writing;
  } catch {
    await writer.abort().catch(() => undefined);
    return { ok: false, reason: 'not-deflate' };
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes: out };
}

/**
 * A zlib header (RFC 1950): method 8 (deflate), a window of at most 32 KiB, a check that divides
 * by 31, no preset dictionary. A raw deflate stream (the links made before) would start with these
 * bits only with a stored block that is not its last, which deflate does not write for JSON text.
 */
export function hasZlibHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const [cmf, flg] = [bytes[0]!, bytes[1]!];
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

/** The deepest nesting of objects and lists in a JSON text (brackets inside strings not counted). */
export function nestingOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return deepest;
}

/** The full link to the share screen for a definition; undefined when it is longer than a link may be. */
export async function shareUrl(definition: unknown): Promise<string | undefined> {
  const payload = await encodeDefinition(definition);
  if (payload.length > shareLimits.maxPayloadChars) return undefined;
  const url = new URL(location.href);
  url.hash = hrefOf('share', payload);
  return url.href;
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
