/**
 * Writing with back-pressure: output can be a large JSON Lines stream into a pipe, and it must
 * be fully written before the process ends, so callers set `process.exitCode` and never call
 * `process.exit()` while a stream may still be draining.
 */

/** Lines of the command's product (results, schemas, `ok`) on stdout. */
/** Lines on stdout, written as they come (an async source is printed while it is still being read). */
export function printLines(lines: Iterable<string> | AsyncIterable<string>): Promise<void> {
  return print(process.stdout, lines);
}

/** Problems and usage on stderr, so stdout stays machine-readable. */
export function printProblems(lines: Iterable<string>): Promise<void> {
  return print(process.stderr, lines);
}

const CHUNK = 64 * 1024;

async function print(stream: NodeJS.WriteStream, lines: Iterable<string> | AsyncIterable<string>): Promise<void> {
  let chunk = '';
  for await (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK) {
      await write(stream, chunk);
      chunk = '';
    }
  }
  if (chunk) await write(stream, chunk);
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  if (stream.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
