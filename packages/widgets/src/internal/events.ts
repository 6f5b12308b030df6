/** Every element event: a `lead-…` CustomEvent with a typed detail, bubbling and composed (it leaves the shadow root). */
export function emit<T>(element: HTMLElement, name: `lead-${string}`, detail: T): boolean {
  return element.dispatchEvent(new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable: true }));
}
