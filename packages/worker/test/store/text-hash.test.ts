import { describe, expect, it } from 'vitest';
import { textHash } from '../../src/store/text-hash.ts';

describe('textHash', () => {
  it('is 32-bit FNV-1a over the code units (the published test vectors of ASCII texts)', () => {
    expect(textHash('') >>> 0).toBe(0x811c9dc5);
    expect(textHash('a') >>> 0).toBe(0xe40c292c);
    expect(textHash('foobar') >>> 0).toBe(0xbf9cf968);
  });

  it('hashes a slice of a packed text as the text itself', () => {
    expect(textHash('e1e22e333', 2, 5)).toBe(textHash('e22'));
  });
});
