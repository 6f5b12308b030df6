/**
 * A definition the compiler cannot express exactly: refused, never scored differently. `path` is
 * the JSON path of the part it cannot express, as validation errors name theirs.
 */
export class NotCompiledError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}; the warehouse engines cannot score this definition yet (the JavaScript engine can)`);
    this.name = 'NotCompiledError';
  }
}
