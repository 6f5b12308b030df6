import type { ImportedScoreInput, ImportedScoreLine } from '@leadscore/worker/contract';

/**
 * The lines of `importScores` as one list: the worker stores an import all or nothing, in one
 * transaction, so it needs every line before it writes any, and an async iterable cannot cross to
 * it (structured clone copies data, not a source). A list is sent as it is.
 */
export async function scoreLinesOf(input: ImportedScoreInput): Promise<unknown> {
  if (Array.isArray(input) || input === null || typeof input !== 'object') return input;
  const lines: (ImportedScoreLine | string)[] = [];
  if (Symbol.asyncIterator in input) {
    for await (const line of input as AsyncIterable<ImportedScoreLine | string>) lines.push(line);
    return lines;
  }
  if (Symbol.iterator in input) return [...(input as Iterable<ImportedScoreLine | string>)];
  // Anything else goes to the worker as it is, which refuses it with the path `results`.
  return input;
}
