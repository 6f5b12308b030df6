import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Echarts as EchartsApi } from './echarts.ts';
import { loadEcharts } from './load-echarts.ts';

type Chart = ReturnType<EchartsApi['init']>;
type Option = Parameters<Chart['setOption']>[0];

/**
 * An ECharts instance drawn into an element's chart container. ECharts is loaded on the first
 * `draw` (never before: the element has rendered its text alternative by then), with the SVG
 * renderer, which sets styles only through the CSSOM (`style.cssText`) and so works under a
 * `style-src 'self'` policy. Resizes with its container and is disposed when the host leaves.
 */
export class ChartController implements ReactiveController {
  /** The live instance, once ECharts has arrived and drawn (tests and hosts may inspect it). */
  chart: Chart | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private pending: { container: HTMLElement; option: (api: EchartsApi) => Option } | undefined;
  private loading: Promise<EchartsApi> | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly onReady?: (chart: Chart) => void) {
    host.addController(this);
  }

  /** After each render: draws into the element's `[part=chart]` box, or lets the chart go when it has none. */
  sync(root: HTMLElement | DocumentFragment, option: ((api: EchartsApi) => Option) | undefined): void {
    const container = root.querySelector<HTMLElement>('[part=chart]');
    if (container && option) void this.draw(container, option);
    else this.dispose();
  }

  /** Draws (or redraws) `option` into `container`; resolves once drawn. */
  async draw(container: HTMLElement, option: (api: EchartsApi) => Option): Promise<void> {
    this.pending = { container, option };
    this.loading ??= loadEcharts();
    const api = await this.loading;
    const pending = this.pending;
    if (!pending || !this.host.isConnected) return;
    this.pending = undefined;
    if (this.chart && this.chart.getDom() !== pending.container) this.dispose();
    if (!this.chart) {
      this.chart = api.init(pending.container, undefined, { renderer: 'svg' });
      this.resizeObserver = new ResizeObserver(() => this.chart?.resize());
      this.resizeObserver.observe(pending.container);
      this.onReady?.(this.chart);
    }
    this.chart.setOption(pending.option(api), { notMerge: true });
  }

  hostDisconnected(): void {
    this.pending = undefined;
    this.dispose();
  }

  dispose(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.chart?.dispose();
    this.chart = undefined;
  }
}

/** A `--_x` colour of the element's theme, resolved: ECharts paints with values, not `var()`s. */
export function themeColor(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

/** Rich-text tooltips render record data as text (never HTML): only `{`/`}`, rich-text markup, need neutralising. */
export function plainText(text: string): string {
  return text.replace(/[{}]/g, (char) => (char === '{' ? '(' : ')'));
}
