// About how many bytes a value takes at rest in Chromium's IndexedDB: V8's ValueSerializer format
// (a tag byte per value, varint lengths and integers, one byte per character of a Latin-1 string and
// two otherwise, an array of numbers with any fraction or large one as doubles throughout, typed
// arrays as their bytes), without Blink's envelope, LevelDB's keys and index entries or compression.
// Used to compare row layouts, not to predict the disk.

function varint(n: number): number {
  let bytes = 1;
  for (let v = Math.floor(Math.abs(n)); v >= 128; v = Math.floor(v / 128)) bytes++;
  return bytes;
}

const isSmall = (n: number) => Number.isInteger(n) && n >= -(2 ** 30) && n < 2 ** 30;

function stringSize(text: string): number {
  // eslint-disable-next-line no-control-regex
  const oneByte = /^[\x00-\xff]*$/.test(text);
  return 1 + varint(text.length) + (oneByte ? text.length : 2 * text.length);
}

export function serializedSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return isSmall(value) ? 1 + varint(Math.abs(value) * 2) : 9;
  if (typeof value === 'bigint') return 1 + varint(8) + 8;
  if (typeof value === 'string') return stringSize(value);
  if (value instanceof Date) return 9;
  if (value instanceof ArrayBuffer) return 1 + varint(value.byteLength) + value.byteLength;
  if (ArrayBuffer.isView(value)) return 1 + varint(value.byteLength) + value.byteLength + 1 + 1 + varint(value.byteOffset) + varint(value.byteLength);
  if (Array.isArray(value)) {
    let size = 1 + varint(value.length) + 1 + 2 * varint(value.length);
    // V8 keeps such an array as doubles, and writes every element as one.
    if (value.length > 0 && value.every((item) => typeof item === 'number') && value.some((item) => !isSmall(item as number))) return size + 9 * value.length;
    for (const item of value) size += serializedSize(item);
    return size;
  }
  if (value instanceof Map) {
    let size = 2 + varint(value.size * 2);
    for (const [k, v] of value) size += serializedSize(k) + serializedSize(v);
    return size;
  }
  if (value instanceof Set) {
    let size = 2 + varint(value.size);
    for (const v of value) size += serializedSize(v);
    return size;
  }
  let size = 2;
  let properties = 0;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    size += stringSize(k) + serializedSize(v);
    properties++;
  }
  return size + varint(properties);
}
