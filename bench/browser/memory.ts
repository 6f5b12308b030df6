// The tab's memory while the bench runs, sampled from the Node side (the page cannot see its workers'
// memory: performance.measureUserAgentSpecificMemory needs cross-origin isolation, which host CRM
// pages do not have). Two views, both sampled every SAMPLE_MS:
//   - the JS heap of the page and of each worker, from CDP `Runtime.getHeapUsage` on each target
//     (used heap plus the backing stores of its ArrayBuffers, where typed columns live);
//   - the proportional set size (Pss: resident memory, pages shared between processes divided among
//     them) of Chromium's renderer processes, from /proc: everything the tab holds, workers included
//     (they run in the page's renderer), Linux only.
// Peaks are kept per phase: `phase(name)` ends the previous one.
import { readdir, readFile } from 'node:fs/promises';
import type { CDPSession } from 'puppeteer-core';

const SAMPLE_MS = 250;

export interface MemoryPeak {
  /** The largest sum of every target's JS heap (used + ArrayBuffer backing stores) in one sample. */
  heapBytes: number;
  /** The largest JS heap of one worker. */
  workerHeapBytes: number;
  /** The largest sum of the renderer processes' Pss in one sample; 0 where /proc is missing. */
  rendererRssBytes: number;
  samples: number;
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  backingStorageSize?: number;
}

const emptyPeak = (): MemoryPeak => ({ heapBytes: 0, workerHeapBytes: 0, rendererRssBytes: 0, samples: 0 });

export class MemoryWatch {
  private readonly targets = new Map<string, { client: CDPSession; worker: boolean }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current = emptyPeak();
  private currentName = '';
  private overall = emptyPeak();
  readonly phases = new Map<string, MemoryPeak>();

  private browserPid: number | undefined;

  /** The browser process whose renderers count (one browser at a time). */
  watchBrowser(pid: number | undefined): void {
    this.browserPid = pid;
  }

  attach(name: string, client: CDPSession, worker: boolean): void {
    this.targets.set(name, { client, worker });
  }

  start(): this {
    const tick = async () => {
      await this.sample();
      if (this.timer !== undefined) this.timer = setTimeout(() => void tick(), SAMPLE_MS);
    };
    this.timer = setTimeout(() => void tick(), SAMPLE_MS);
    return this;
  }

  /** Ends the phase running now (its peak kept under its name) and starts `name`. */
  phase(name: string): void {
    if (this.currentName) this.phases.set(this.currentName, merge(this.phases.get(this.currentName), this.current));
    this.currentName = name;
    this.current = emptyPeak();
  }

  stop(): MemoryPeak {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.phase('');
    return this.overall;
  }

  /** The peak of the whole watch so far (every phase). */
  get peak(): MemoryPeak {
    return merge(this.overall, this.current);
  }

  /** A worker's heap after a full collection: what it keeps, not what it has yet to free. */
  async settledWorkerHeap(): Promise<number> {
    let total = 0;
    for (const { client, worker } of [...this.targets.values()]) {
      if (!worker) continue;
      try {
        await client.send('HeapProfiler.collectGarbage');
        total += heapOf((await client.send('Runtime.getHeapUsage')) as HeapUsage);
      } catch {
        // The worker ended meanwhile.
      }
    }
    return total;
  }

  private async sample(): Promise<void> {
    let heap = 0;
    let workerHeap = 0;
    await Promise.all([...this.targets].map(async ([name, { client, worker }]) => {
      try {
        const bytes = heapOf((await client.send('Runtime.getHeapUsage')) as HeapUsage);
        heap += bytes;
        if (worker) workerHeap = Math.max(workerHeap, bytes);
      } catch {
        // The target ended (a terminated worker, a closed page): no more samples of it.
        this.targets.delete(name);
      }
    }));
    const rss = this.browserPid === undefined ? 0 : await rendererRss(this.browserPid);
    const sample = { heapBytes: heap, workerHeapBytes: workerHeap, rendererRssBytes: rss, samples: 1 };
    this.current = merge(this.current, sample);
    this.overall = merge(this.overall, sample);
  }
}

function heapOf(usage: HeapUsage): number {
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

function merge(a: MemoryPeak | undefined, b: MemoryPeak): MemoryPeak {
  if (!a) return { ...b };
  return {
    heapBytes: Math.max(a.heapBytes, b.heapBytes),
    workerHeapBytes: Math.max(a.workerHeapBytes, b.workerHeapBytes),
    rendererRssBytes: Math.max(a.rendererRssBytes, b.rendererRssBytes),
    samples: a.samples + b.samples,
  };
}

/** The summed Pss of the renderer processes among the browser's descendants (VmRSS where smaps_rollup is unreadable). */
async function rendererRss(browserPid: number): Promise<number> {
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const parent = new Map<number, number>();
  const renderer = new Map<number, number>();
  await Promise.all(pids.map(async (pid) => {
    try {
      const [status, cmdline] = await Promise.all([readFile(`/proc/${pid}/status`, 'utf8'), readFile(`/proc/${pid}/cmdline`, 'utf8')]);
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      parent.set(Number(pid), ppid);
      if (cmdline.includes('--type=renderer')) {
        const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
        const kB = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? '0';
        renderer.set(Number(pid), Number(kB) * 1024);
      }
    } catch {
      // The process ended while being read.
    }
  }));
  let total = 0;
  for (const [pid, rss] of renderer) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === browserPid) {
        total += rss;
        break;
      }
    }
  }
  return total;
}
