// A new definition's id, made from its name: "Contact fit, Denmark" → "contact-fit-denmark", and
// made unique against the stored ids ("contact-fit-2"), so a second new definition never lands on
// the first one's id and becomes its next version.

/** Letters Unicode does not decompose into a base letter and a mark. */
const spelled: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ß: 'ss', đ: 'd', ł: 'l', œ: 'oe' };

/** The id a name suggests: ASCII letters and digits joined by "-", at most 60 characters; "score" for a name without any. */
export function slugOf(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/[æøåßđłœ]/g, (letter) => spelled[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return slug || 'score';
}

/** `base`, or `base-2`, `base-3` … the first not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** The first unused `<prefix>-<n>`: a new group's, rule's or value's id. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}
