/** How the cross-field checks report: a path into the input and what to do about it. */
export type Report = (path: (string | number)[], message: string) => void;

/**
 * The checks also run when the shape has problems, so one pass reports everything; a part too
 * malformed to check has already been reported by the schema, so its TypeError is dropped.
 */
export function safely(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

/** The checks read unparsed input: a list that is not one has been reported and is skipped. */
export function arrayOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

/** "a, b or c", quoted: the way validation messages list choices. */
export function listOf(choices: readonly (string | number)[]): string {
  const quoted = choices.map((c) => (typeof c === 'string' ? JSON.stringify(c) : String(c)));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** A JSON object: not null, not a list. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
