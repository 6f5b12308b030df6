// The builder keeps its state as the definition's JSON and edits it by path; validation issues
// name the same paths (`groups[1].decay.everyMonths`), so each message lands next to its field.

export type Path = (string | number)[];

/** JSON as the builder handles it: whatever the user wrote, valid or not. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** `groups[1].decay.everyMonths`: the way validation issues print a path. */
export function pathText(path: Path): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    if (!/^[A-Za-z_$][\w$]*$/.test(segment)) return `${out}[${JSON.stringify(segment)}]`;
    return out ? `${out}.${segment}` : segment;
  }, '');
}

export function getAt(root: Json, path: Path): Json {
  return path.reduce((node, key) => (node == null ? undefined : node[key]), root);
}

/**
 * Sets a value in place, creating objects on the way; `undefined` deletes an object's field (the
 * JSON keeps no empty optional fields).
 */
export function setAt(root: Json, path: Path, value: Json): void {
  let node = root;
  for (const [index, key] of path.slice(0, -1).entries()) {
    if (node[key] == null || typeof node[key] !== 'object') node[key] = typeof path[index + 1] === 'number' ? [] : {};
    node = node[key];
  }
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

/** Removes an array's item in place. */
export function removeAt(root: Json, path: Path): void {
  const list = getAt(root, path.slice(0, -1));
  if (Array.isArray(list)) list.splice(Number(path[path.length - 1]), 1);
}

/** Moves an array's item by `delta` places in place. */
export function moveAt(root: Json, path: Path, delta: number): void {
  const list = getAt(root, path.slice(0, -1));
  const from = Number(path[path.length - 1]);
  const to = from + delta;
  if (!Array.isArray(list) || to < 0 || to >= list.length) return;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
}

/** A number from an input, or undefined when it is empty (the field is then left out). */
export function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** The first unused `<prefix>-<n>`. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}
