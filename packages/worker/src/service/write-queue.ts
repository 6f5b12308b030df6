/**
 * One write at a time: each starts once the previous one has settled, so a re-score reads what the
 * previous write committed. A failed write does not stop the ones after it.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every write queued so far has settled. */
  settled(): Promise<void> {
    return this.tail.then(() => undefined, () => undefined);
  }
}
