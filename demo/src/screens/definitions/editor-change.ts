// How the rule editor's sub-editors report an edit: a `demo-change` event whose detail is the
// edited value, whole (the parent puts it in its copy of the rule); and how they read numbers.

/** Sends `value` as the element's edit. */
export function emitChange<T>(element: HTMLElement, value: T): void {
  element.dispatchEvent(new CustomEvent<T>('demo-change', { detail: value }));
}

/** A number input's value: undefined when empty, null while it holds a partial number (a lone "-"). */
export function numberOf(input: HTMLInputElement): number | undefined | null {
  if (input.validity.badInput) return null;
  return input.value.trim() === '' ? undefined : Number(input.value);
}
