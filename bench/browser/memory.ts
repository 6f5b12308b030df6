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

  /** The workers watched now, by name. */
  workers(): [string, CDPSession][] {
    return [...this.targets].filter(([, { worker }]) => worker).map(([name, { client }]) => [name, client]);
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

/** One kind of heap object in a snapshot: what holds it, how many, their own bytes. */
export interface HeapKind {
  kind: string;
  count: number;
  bytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/**
 * What a worker's heap holds (`--heap`): a heap snapshot (CDP `HeapProfiler`) summed by kind,
 * largest first, each kind named by what holds it: typed arrays' data by the property that holds
 * the array (`Float64Array times in SeriesMap`), text by the property or element that holds it,
 * objects and arrays by their constructor and what holds them. Own (shallow) sizes, each object
 * counted once. Snapshots of heaps past about 300 MB outgrow a Node string (their JSON): this is
 * for scales up to about 0.3.
 */
export async function heapKinds(client: CDPSession, top = 30): Promise<HeapKind[]> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => void chunks.push(chunk);
  client.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await client.send('HeapProfiler.enable');
    await client.send('HeapProfiler.collectGarbage');
    await client.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    client.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const { snapshot: { meta }, nodes, edges, strings } = JSON.parse(chunks.join('')) as Snapshot;
  const width = meta.node_fields.length;
  const edgeWidth = meta.edge_fields.length;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const at = { type: meta.node_fields.indexOf('type'), name: meta.node_fields.indexOf('name'), size: meta.node_fields.indexOf('self_size'), edges: meta.node_fields.indexOf('edge_count') };
  const edgeAt = { type: meta.edge_fields.indexOf('type'), name: meta.edge_fields.indexOf('name_or_index'), to: meta.edge_fields.indexOf('to_node') };
  const count = nodes.length / width;
  // The first strong retainer of each node, and the name of its edge.
  const holder = new Int32Array(count).fill(-1);
  const via = new Array<string>(count);
  for (let n = 0, e = 0; n < count; n++) {
    const end = e + nodes[n * width + at.edges]! * edgeWidth;
    for (; e < end; e += edgeWidth) {
      const to = edges[e + edgeAt.to]! / width;
      const type = edgeTypes[edges[e + edgeAt.type]!]!;
      if (type === 'weak' || holder[to]! >= 0) continue;
      holder[to] = n;
      const name = edges[e + edgeAt.name]!;
      via[to] = type === 'element' || type === 'hidden' ? '[]' : String(strings[name] ?? name);
    }
  }
  const typeOf = (n: number) => nodeTypes[nodes[n * width + at.type]!]!;
  const nameOf = (n: number) => strings[nodes[n * width + at.name]!]!.slice(0, 40);
  /** An object by its constructor and the property of its holder it is in. */
  const heldAs = (n: number) => {
    const h = holder[n]!;
    return h < 0 ? `${nameOf(n)} (root)` : `${nameOf(n)} ${via[n]} in ${typeOf(h) === 'object' ? nameOf(h) : typeOf(h)}`;
  };
  const kinds = new Map<string, HeapKind>();
  for (let n = 0; n < count; n++) {
    const type = typeOf(n);
    let kind: string;
    // A string is named by its text: only what holds it.
    if (type.includes('string')) kind = `string: ${holder[n]! < 0 ? 'unheld' : `${via[n]} in ${typeOf(holder[n]!) === 'object' ? nameOf(holder[n]!) : typeOf(holder[n]!)}`}`;
    else if (type === 'native' && nameOf(n).includes('JSArrayBufferData')) {
      // data <- ArrayBuffer <- typed array <- what holds it
      const buffer = holder[n]!;
      const array = buffer >= 0 ? holder[buffer]! : -1;
      kind = `typed data: ${array >= 0 ? heldAs(array) : 'unheld'}`;
    } else if (type === 'object' || type === 'array') kind = `${type}: ${heldAs(n)}`;
    // A string's data kept apart from it (an external string's): named by what holds that string.
    else if (type === 'native' && nameOf(n).includes('ExternalStringData') && holder[n]! >= 0) kind = `native: string data of ${holder[holder[n]!]! >= 0 ? `${via[holder[n]!]} in ${nameOf(holder[holder[n]!]!)}` : 'unheld'}`;
    else kind = `${type}: ${nameOf(n)}`;
    const row = kinds.get(kind) ?? { kind, count: 0, bytes: 0 };
    row.count++;
    row.bytes += nodes[n * width + at.size]!;
    kinds.set(kind, row);
  }
  return [...kinds.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top);
}
