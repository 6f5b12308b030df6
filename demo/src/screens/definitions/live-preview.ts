// The builder's preview as you type: an edit schedules a preview once typing pauses; a newer one
// replaces the one running (the worker aborts it, docs/performance.md), and only the latest
// reports its progress and its distribution.
import type { Definition, Distribution, LeadscoreClient } from '@leadscore/sdk';

export interface LivePreviewHost {
  progress(done: number, total: number): void;
  result(distribution: Distribution): void;
  failed(error: unknown): void;
}

/** The pause after the last edit before a preview starts: shorter would score half-typed values. */
export const PREVIEW_DELAY_MS = 400;

export class LivePreview {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest preview asked for: an older one that still answers is not heard. */
  private latest = 0;

  constructor(private readonly client: () => LeadscoreClient, private readonly host: LivePreviewHost, private readonly delayMs = PREVIEW_DELAY_MS) {}

  /** Previews `definition` once no other edit came for the delay. */
  schedule(definition: Definition): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(definition), this.delayMs);
  }

  /** Previews `definition` at once, replacing any preview waiting or running. */
  async now(definition: Definition): Promise<void> {
    clearTimeout(this.timer);
    const run = ++this.latest;
    const current = () => run === this.latest;
    try {
      const distribution = await this.client().previewDistribution(definition, { buckets: 20 }, (progress) => {
        if (current()) this.host.progress(progress.done, progress.total);
      });
      if (current()) this.host.result(distribution);
    } catch (error) {
      // A replaced preview rejects: its newer one answers instead.
      if (current()) this.host.failed(error);
    }
  }

  /** Forgets what is waiting or running (the builder left the page). */
  stop(): void {
    clearTimeout(this.timer);
    this.latest++;
  }
}
