// `--alloc`: where a phase's worker allocates, from V8's sampling heap profiler over CDP. A worker's
// heap peak is its live data plus the garbage not collected yet, and old-space garbage is collected
// only when the heap nears a limit set from the live size: at 1,000,000 contacts the index alone is
// 2.5 GB live, so what a phase promotes to old space raises the peak however short-lived it is.
// Two views: every allocation sampled (collected since or not: the garbage's sources), and what
// is still live at the end (what the phase keeps).
import type { CDPSession } from 'puppeteer-core';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

interface SamplingProfile {
  head: SamplingNode;
  samples?: { size: number; nodeId: number }[];
}

/** One allocation site's bytes: by the function that allocated, with its caller. */
export interface AllocationSite {
  site: string;
  bytes: number;
}

/** Starts sampling in each worker of `workers`; the returned function stops and gives each one's sites, largest first. */
export async function sampleAllocations(workers: readonly [string, CDPSession][], keepCollected: boolean): Promise<() => Promise<{ name: string; total: number; sites: AllocationSite[] }[]>> {
  const started: [string, CDPSession][] = [];
  for (const [name, client] of workers) {
    try {
      await client.send('HeapProfiler.enable');
      // 32 KiB between samples on average: cheap, and still thousands of samples over a phase.
      await client.send('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: keepCollected, includeObjectsCollectedByMinorGC: keepCollected } as never);
      started.push([name, client]);
    } catch {
      // The worker ended meanwhile.
    }
  }
  return async () => {
    const out: { name: string; total: number; sites: AllocationSite[] }[] = [];
    for (const [name, client] of started) {
      try {
        const { profile } = (await client.send('HeapProfiler.stopSampling')) as unknown as { profile: SamplingProfile };
        const bySite = new Map<string, number>();
        let total = 0;
        const walk = (node: SamplingNode, caller: string) => {
          const here = frameName(node);
          if (node.selfSize > 0) {
            const site = `${here} ← ${caller}`;
            bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
            total += node.selfSize;
          }
          for (const child of node.children) walk(child, here);
        };
        walk(profile.head, '(root)');
        out.push({ name, total, sites: [...bySite].map(([site, bytes]) => ({ site, bytes })).sort((a, b) => b.bytes - a.bytes) });
      } catch {
        // The worker ended before its profile was taken.
      }
    }
    return out;
  };
}

function frameName(node: SamplingNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split('/').pop() ?? '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}
