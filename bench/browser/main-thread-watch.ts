// Watches the page's main thread while the worker works: the longtask observer (tasks over 50 ms) and,
// as a second opinion, a setTimeout(0) sampler whose largest gap between turns is the longest the
// page could not respond (its baseline is the ~4 ms clamp of nested timers).
import type { WatchReport } from './protocol.ts';

export class MainThreadWatch {
  private readonly tasks: { at: number; ms: number }[] = [];
  private started = 0;
  private observer: PerformanceObserver | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;
  private maxGap = 0;
  private samples = 0;
  private readonly longTaskApi = PerformanceObserver.supportedEntryTypes.includes('longtask');

  start(): this {
    if (this.longTaskApi) {
      this.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) this.tasks.push({ at: entry.startTime - this.started, ms: entry.duration });
      });
      this.observer.observe({ type: 'longtask' });
    }
    this.started = this.last = performance.now();
    const tick = () => {
      const now = performance.now();
      this.maxGap = Math.max(this.maxGap, now - this.last);
      this.last = now;
      this.samples++;
      this.timer = setTimeout(tick, 0);
    };
    this.timer = setTimeout(tick, 0);
    return this;
  }

  stop(): WatchReport {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.observer) {
      for (const entry of this.observer.takeRecords()) this.tasks.push({ at: entry.startTime - this.started, ms: entry.duration });
      this.observer.disconnect();
    }
    return {
      longTaskApi: this.longTaskApi,
      longTasks: this.tasks.length,
      longestTaskMs: Math.max(0, ...this.tasks.map((task) => task.ms)),
      tasks: this.tasks.slice(0, 20),
      maxGapMs: this.maxGap,
      samples: this.samples,
    };
  }
}
