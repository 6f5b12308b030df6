/**
 * Strings numbered in the order they are first met, each kept once: contact ids and event types
 * as the index's typed arrays refer to them. Runs of the same string (a contact's events in a row)
 * skip the map.
 */
export class Interned {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private last: string | undefined;
  private lastNumber = -1;

  /** The number of a string met already; undefined for one not met. */
  known(name: string): number | undefined {
    return this.numbers.get(name);
  }

  numberOf(name: string): number {
    if (name === this.last) return this.lastNumber;
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.push(name) - 1;
      this.numbers.set(name, n);
    }
    this.last = name;
    this.lastNumber = n;
    return n;
  }
}
