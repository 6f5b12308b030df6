/**
 * Parses a JSON file from a file stream, for files too large for one string (Node's maximum
 * string length is about 512 MiB): JSON.parse needs the whole text as one string, this never
 * holds more than one chunk of it. @streamparser/json tokenizes and assembles the value; its
 * errors carry a byte offset, turned here into the line and column the fast path reports.
 */
import { createReadStream } from 'node:fs';
import { Tokenizer, TokenizerError, TokenParser, TokenParserError } from '@streamparser/json';
import { whyUnreadable, type JsonFile } from './read-json.ts';

export interface StreamOptions {
  /** Bytes read at a time; tests make it tiny to prove values split across chunks. */
  readonly highWaterMark?: number;
}

/** Where the stream went wrong: a byte offset and what was found there. */
class StreamSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export async function parseJsonStream(file: string, options: StreamOptions = {}): Promise<JsonFile> {
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$'], keepStack: false });
  let root: { value: unknown } | undefined;
  let lastToken = { offset: 0, value: undefined as unknown };
  parser.onValue = ({ value }) => {
    root = { value };
  };
  tokenizer.onToken = (info) => {
    lastToken = info;
    parser.write(info);
  };
  parser.onEnd = () => {
    if (!tokenizer.isEnded) tokenizer.end();
  };

  let read = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: options.highWaterMark ?? 1 << 20 }) as AsyncIterable<Buffer>) {
      try {
        tokenizer.write(chunk);
      } catch (error) {
        throw located(error, lastToken);
      }
      read += chunk.length;
    }
  } catch (error) {
    if (error instanceof StreamSyntaxError) return { ok: false, problem: await syntaxProblem(file, error, options) };
    return { ok: false, problem: `${file}: ${whyUnreadable(error)}` };
  }
  if (read === 0) return { ok: false, problem: `${file}: the file is empty; expected JSON` };
  try {
    // A number at the very end is only complete once the tokenizer knows nothing follows.
    if (!tokenizer.isEnded) tokenizer.end();
  } catch {
    root = undefined;
  }
  if (!root || !parser.isEnded) {
    return { ok: false, problem: await syntaxProblem(file, new StreamSyntaxError(read, 'the JSON value is not complete, found the end of the file'), options) };
  }
  return { ok: true, value: root.value };
}

/**
 * The library's errors in the words json-syntax.ts uses. Its messages name the parser's state;
 * the version is pinned (0.0.x), and the tests check these sentences.
 */
function located(error: unknown, lastToken: { offset: number; value: unknown }): unknown {
  if (error instanceof TokenizerError) {
    const match = /^Unexpected "([\s\S]*)" at chunk position "\d+" \(absolute position "(\d+)"\) in state (\w+)/.exec(error.message);
    if (match) return new StreamSyntaxError(Number(match[2]), `${expectedIn(match[3]!)}, found ${found(match[1]!)}`);
    return new StreamSyntaxError(lastToken.offset, error.message);
  }
  if (error instanceof TokenParserError) {
    const state = /in state (\w+)/.exec(error.message)?.[1] ?? '';
    return new StreamSyntaxError(lastToken.offset, `${expectedIn(state)}, found ${found(String(lastToken.value))}`);
  }
  return error;
}

function expectedIn(state: string): string {
  if (state === 'ENDED') return 'expected the end of the file after the JSON value';
  if (state === 'KEY') return 'expected a property name in double quotes';
  if (state === 'COLON') return 'expected ":" after the property name';
  if (state === 'COMMA') return 'expected "," or a closing bracket after a value';
  if (state === 'VALUE' || state === 'START') return 'expected a value (an object, list, text in double quotes, number, true, false or null)';
  return 'expected valid JSON';
}

function found(text: string): string {
  if (text === '\n' || text === '\r') return 'the end of the line';
  if (text === '"') return 'a double quote';
  return JSON.stringify(text);
}

async function syntaxProblem(file: string, error: StreamSyntaxError, options: StreamOptions): Promise<string> {
  const { line, column } = await lineAndColumn(file, error.offset, options);
  return `${file}: invalid JSON at line ${line}, column ${column}: ${error.message}`;
}

/** A second pass over the file, on the error path only: the line and character column of a byte. */
async function lineAndColumn(file: string, offset: number, options: StreamOptions): Promise<{ line: number; column: number }> {
  let line = 1;
  let column = 1;
  let at = 0;
  for await (const chunk of createReadStream(file, { end: Math.max(0, offset - 1), highWaterMark: options.highWaterMark ?? 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length && at < offset; i += 1, at += 1) {
      const byte = chunk[i]!;
      if (byte === 10) {
        line += 1;
        column = 1;
      } else if ((byte & 0xc0) !== 0x80 && !(at === 0 && byte === 0xef)) {
        // A character starts at every byte that is not a UTF-8 continuation byte.
        column += 1;
      }
    }
  }
  return { line, column };
}
