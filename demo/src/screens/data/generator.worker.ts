// The demo's generator worker: makes the synthetic dataset off the page, one chunk per request, so
// the page imports a chunk while the next one is made and never holds the whole dataset at once.
import { generateDataset, type GenerateOptions, type GeneratedChunk, type GenerationCounts } from './generator.ts';

export type GeneratorRequest = { type: 'start'; options: GenerateOptions } | { type: 'next' };
export type GeneratorReply =
  | { type: 'chunk'; chunk: GeneratedChunk }
  | { type: 'done'; counts: GenerationCounts }
  | { type: 'error'; message: string };

let chunks: Generator<GeneratedChunk, GenerationCounts> | undefined;

const reply = (message: GeneratorReply) => postMessage(message);

addEventListener('message', (event: MessageEvent<GeneratorRequest>) => {
  try {
    if (event.data.type === 'start') chunks = generateDataset(event.data.options);
    if (!chunks) throw new Error('the generator was asked for a chunk before it was started');
    const step = chunks.next();
    reply(step.done ? { type: 'done', counts: step.value } : { type: 'chunk', chunk: step.value });
  } catch (error) {
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
