import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { findJsonSyntaxError } from './json-syntax.ts';
import { parseJsonStream, type StreamOptions } from './stream-json.ts';

/** A JSON file's parsed content, or the one line that says why it could not be read. */
export type JsonFile = { ok: true; value: unknown } | { ok: false; problem: string };

export interface ReadOptions extends StreamOptions {
  /** Files larger than this many bytes are parsed from a stream; tests lower it. */
  readonly streamAbove?: number;
}

/**
 * Reads and parses a JSON file. Every problem names the file as the user wrote it: a missing or
 * unreadable file, an empty one, or invalid JSON with the line and column where it goes wrong.
 */
export async function readJson(file: string, options: ReadOptions = {}): Promise<JsonFile> {
  let text: string;
  try {
    // JSON.parse is several times faster than any streaming parser, but needs the file as one
    // string: a UTF-8 file of at most MAX_STRING_LENGTH bytes always fits in one.
    if ((await stat(file)).size > (options.streamAbove ?? constants.MAX_STRING_LENGTH)) return parseJsonStream(file, options);
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problem: `${file}: ${whyUnreadable(error)}` };
  }
  return parseJson(file, text);
}

export function parseJson(file: string, text: string): JsonFile {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (content.trim() === '') return { ok: false, problem: `${file}: the file is empty; expected JSON` };
  try {
    return { ok: true, value: JSON.parse(content) };
  } catch (error) {
    const syntax = findJsonSyntaxError(content);
    if (syntax) {
      return { ok: false, problem: `${file}: invalid JSON at line ${syntax.line}, column ${syntax.column}: ${syntax.message}` };
    }
    return { ok: false, problem: `${file}: invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Why a file could not be read, for a person: `kind` names what the file should have been. */
export function whyUnreadable(error: unknown, kind = 'a JSON file'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return `is a directory; expected ${kind}`;
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
