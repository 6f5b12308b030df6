/** How the bytes of a CSV file were turned into text. `text` when the caller passed text. */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'text';

export type CsvInput = string | Uint8Array | ArrayBuffer;

/**
 * The text of a CSV file given as bytes, by the rule docs/import.md states: a byte order mark says
 * UTF-8 or UTF-16; without one, bytes that are valid UTF-8 are UTF-8, and anything else is
 * Windows-1252, which is what Excel on Windows writes when it saves "CSV" (every byte decodes, so
 * the file is never refused). The BOM is dropped from the text.
 */
export function decodeCsv(input: CsvInput): { text: string; encoding: CsvEncoding } {
  if (typeof input === 'string') return { text: input.startsWith('\uFEFF') ? input.slice(1) : input, encoding: 'text' };
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: fromWindows1252(new TextDecoder('windows-1252').decode(bytes)), encoding: 'windows-1252' };
  }
}

/**
 * Node's decoder reads 'windows-1252' as Latin-1, so the bytes 0x80-0x9F came out as C1 control
 * characters (a `€` as U+0080) on the command line while a browser read them right. Those
 * characters are put right here; a browser's text has none of them but the five bytes Windows-1252
 * leaves undefined, which both read alike and stay.
 */
function fromWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => cp1252High[char.charCodeAt(0) - 0x80] ?? char);
}

/** The characters of the bytes 0x80-0x9F in Windows-1252 (WHATWG's index), the control character where it has none. */
const cp1252High = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}
