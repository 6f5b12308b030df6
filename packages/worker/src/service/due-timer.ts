import type { Store } from '../store/store.ts';

/** setTimeout cannot wait longer than this; a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** After a failed time-driven pass, the next try waits this long. */
const RETRY_TIMER_MS = 60_000;

/**
 * Wakes the service when the next score is due (DESIGN.md, Time): one timer set to the schedule's
 * earliest `nextChangeAt`, re-armed after every write. Only the latest `arm` call sets it, so arms
 * racing each other over the schedule read cannot leave a stale timer behind.
 */
export class DueTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every arm (and by stop), so only the latest one sets the timer. */
  private generation = 0;

  constructor(
    private readonly store: () => Store | undefined,
    private readonly now: () => number,
    /** The time-driven pass (catch-up); when it fails, it is tried again later rather than never. */
    private readonly onDue: () => Promise<unknown>,
  ) {}

  async arm(): Promise<void> {
    const generation = ++this.generation;
    const store = this.store();
    if (!store || store.closed) return this.clear();
    let next: { dueAt: number } | undefined;
    try {
      // The next score step, or the next time rule of the lifecycle automations, whichever is first.
      const [score, rule] = await Promise.all([store.schedule.next(), store.automations.next()]);
      const times = [score?.dueAt, rule?.dueAt].filter((time): time is number => time !== undefined);
      next = times.length > 0 ? { dueAt: Math.min(...times) } : undefined;
    } catch {
      next = { dueAt: this.now() + RETRY_TIMER_MS };
    }
    if (generation !== this.generation) return;
    this.clear();
    if (!next) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next.dueAt - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onDue().catch(() => {
        // A closed database stops this in arm.
        const open = this.store();
        if (this.timer === undefined && open && !open.closed) this.timer = setTimeout(() => void this.arm(), RETRY_TIMER_MS);
      });
    }, wait);
  }

  /** Stops the timer; an arm still reading the schedule will not set it either. */
  stop(): void {
    this.generation++;
    this.clear();
  }

  /** Clears the timer only (the store closed under it): a later arm sets it again. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
