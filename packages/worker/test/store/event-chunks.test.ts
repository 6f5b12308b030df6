// The chunk merge on its own (pure, so Node runs it): which chunks an append rewrites.
import { describe, expect, it } from 'vitest';
import type { CrmEvent } from '../../src/model/dataset.ts';
import { eventsOfChunks, eventsPerChunk, mergeIntoChunks } from '../../src/store/event-chunks.ts';

const at = (i: number) => Date.UTC(2026, 2, 1) + i * 60_000;
const events = (from: number, to: number, type = 'page_view'): CrmEvent[] =>
  Array.from({ length: to - from }, (_, k) => ({ id: `e${String(from + k).padStart(5, '0')}`, recordId: 'c1', type, occurredAt: at(from + k) }));

describe('mergeIntoChunks', () => {
  it('writes a new contact as full chunks numbered from 0', () => {
    const merge = mergeIntoChunks('c1', [], events(0, eventsPerChunk + 3));
    expect(merge.chunks.map((c) => [c.chunkNo, c.ids.length])).toEqual([[0, eventsPerChunk], [1, 3]]);
    expect(merge).toMatchObject({ added: eventsPerChunk + 3, replaced: 0, unchanged: 0 });
  });

  it('rewrites only the open chunk when it has room, then continues the numbering', () => {
    const stored = mergeIntoChunks('c1', [], events(0, eventsPerChunk + 3)).chunks;
    const merge = mergeIntoChunks('c1', stored, events(eventsPerChunk + 3, 2 * eventsPerChunk + 10));
    expect(merge.chunks.map((c) => [c.chunkNo, c.ids.length])).toEqual([[1, eventsPerChunk], [2, 10]]);
  });

  it('rewrites the chunk of a replaced event and nothing for an unchanged one', () => {
    const stored = mergeIntoChunks('c1', [], events(0, eventsPerChunk + 3)).chunks;
    const changed = { ...events(5, 6)[0]!, type: 'cta_click' };
    const merge = mergeIntoChunks('c1', stored, [...events(0, 5), changed]);
    expect(merge).toMatchObject({ added: 0, replaced: 1, unchanged: 5 });
    expect(merge.chunks.map((c) => c.chunkNo)).toEqual([0]);
    expect(merge.chunks[0]!.typeNames).toEqual(['page_view', 'cta_click']);
  });

  it('keeps each chunk sorted and reads overlapping chunks back in time order', () => {
    const newer = mergeIntoChunks('c1', [], events(100, 100 + eventsPerChunk)).chunks;
    const older = mergeIntoChunks('c1', newer, events(0, 50).reverse()).chunks;
    const all = eventsOfChunks([...newer, ...older].sort((a, b) => a.chunkNo - b.chunkNo));
    expect(all.map((e) => e.id)).toEqual([...events(0, 50), ...events(100, 100 + eventsPerChunk)].map((e) => e.id));
  });
});
