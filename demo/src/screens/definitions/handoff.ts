// A definition handed to the builder by another screen: the share screen's "copy into the
// builder", or a JSON import with problems to fix.
export interface HandedOff {
  definition: unknown;
  /** Shown above the builder. */
  note: string;
}

let pending: HandedOff | undefined;

export function handOffDraft(definition: unknown, note: string): void {
  pending = { definition, note };
}

/** The handed-off definition, once. */
export function takeHandedOffDraft(): HandedOff | undefined {
  const taken = pending;
  pending = undefined;
  return taken;
}
