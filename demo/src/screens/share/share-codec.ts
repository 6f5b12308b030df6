// A definition in a link: its JSON, deflated (CompressionStream 'deflate-raw') and base64url-encoded
// into `#/share/<payload>`. Decoding gives back the very same JSON text.
import { hrefOf } from '../../app/router.ts';

export async function encodeDefinition(definition: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(definition));
  const deflated = await pipe(bytes, new CompressionStream('deflate-raw'));
  let binary = '';
  for (let i = 0; i < deflated.length; i += 0x8000) binary += String.fromCharCode(...deflated.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The JSON text of a payload; throws when the payload is not one. */
export async function decodeDefinitionText(payload: string): Promise<string> {
  const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
}

export async function decodeDefinition(payload: string): Promise<unknown> {
  return JSON.parse(await decodeDefinitionText(payload));
}

/** The full link to the share screen for a definition. */
export async function shareUrl(definition: unknown): Promise<string> {
  const url = new URL(location.href);
  url.hash = hrefOf('share', await encodeDefinition(definition));
  return url.href;
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
