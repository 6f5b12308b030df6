// What the reliability fuzzers share: a valid input with one part replaced by something hostile.

/** `value` with the thing at one of its paths (chosen by `pick`) replaced by `replacement`, and that path ('' for the whole). */
export function replaceOne(value: unknown, pick: number, replacement: unknown): { value: unknown; path: string } {
  const paths: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(value, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return { value: replacement, path: '' };
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return { value: copy, path: path.join('.') };
}
