import type { WriteProgress } from '../contract/index.ts';

/** About this many reports make a write's progress: enough for a bar, few enough to cost nothing. */
const reports = 100;

/**
 * A long write's progress (contract/data.ts, `WriteProgress`) for its caller's listener, counted as
 * the store's requests complete. Reports are thinned to about one per percent, since each is a
 * message to the page; `done` only grows, and the last report is the total. Nothing is awaited:
 * the write runs in a transaction that must not wait for the page, and a listener that fails
 * (a page gone) must not fail the write.
 */
export class WriteProgressReport {
  private done = 0;
  private next: number;
  private told: Promise<unknown> = Promise.resolve();
  private readonly step: number;

  constructor(private readonly total: number, private readonly listener: ((progress: WriteProgress) => void) | undefined) {
    this.step = Math.max(1, Math.ceil(total / reports));
    this.next = this.step;
  }

  /** `count` more items are written. */
  add(count: number): void {
    if (count <= 0) return;
    this.done = Math.min(this.total, this.done + count);
    if (this.done < this.next && this.done < this.total) return;
    this.next = this.done + this.step;
    this.tell();
  }

  /** The write's first report (nothing written yet), so a caller sees its size at once. */
  start(): void {
    this.tell();
  }

  /** Whatever was not counted along the way (the write is complete): the last report, the total. */
  finish(): void {
    if (this.done < this.total) {
      this.done = this.total;
      this.tell();
    }
  }

  /**
   * Resolves once the listener has had every report told so far. A listener in the page is called
   * through a port of its own, so the page could otherwise hear the write's answer (its refusal
   * too) before its last reports: a write awaits this, outside its transaction, before it answers.
   */
  delivered(): Promise<unknown> {
    return this.told;
  }

  private tell(): void {
    if (!this.listener) return;
    try {
      // A listener in the page is a proxy whose call returns a promise: its failure is dropped too.
      this.told = Promise.resolve(this.listener({ done: this.done, total: this.total })).catch(() => undefined);
    } catch {
      // The listener's failure is the page's to handle; the write goes on.
    }
  }
}
