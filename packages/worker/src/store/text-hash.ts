/**
 * FNV-1a over the UTF-16 code units of `text` from `from` to `to`: a number that tells most
 * different ids apart, so only ids whose numbers meet are compared as texts (a set of every id
 * as a text costs a string and an entry each, about 0.4 µs an event in a bulk import, measured).
 */
export function textHash(text: string, from = 0, to = text.length): number {
  let hash = 0x811c9dc5 | 0;
  for (let k = from; k < to; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619);
  return hash;
}
