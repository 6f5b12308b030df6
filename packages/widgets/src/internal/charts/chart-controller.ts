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
    if (this.chart) {
      const container = this.chart.getDom();
      for (const element of [container, ...container.querySelectorAll('svg')]) withoutHtmlClearing(element);
    }
    this.chart?.dispose();
    this.chart = undefined;
  }
}

/**
 * ECharts' SVG painter empties its container (`innerHTML = ''`) and its `<svg>` (`innerHTML = null`)
 * on dispose, strings into an HTML sink, which a page requiring Trusted Types refuses (a violation
 * report, and a TypeError out of dispose). On those elements alone, that assignment empties them
 * with DOM calls instead; any other value still goes to the real sink.
 */
function withoutHtmlClearing(container: Element): void {
  if (Object.prototype.hasOwnProperty.call(container, 'innerHTML')) return;
  const sink = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  Object.defineProperty(container, 'innerHTML', {
    configurable: true,
    get: () => sink?.get?.call(container),
    set: (value: unknown) => {
      if (value === '' || value === null) container.replaceChildren();
      else sink?.set?.call(container, value);
    },
  });
}

/**
 * The shadow root's top element, whose computed type and colour are the element's own: the host's
 * may carry a page's rules for the host element (base-styles.ts).
 */
function ownStyleOf(element: Element): CSSStyleDeclaration {
  return getComputedStyle(element.shadowRoot?.firstElementChild ?? element);
}

/** A `--_x` colour of the element's theme (or its `color`), resolved: ECharts paints with values, not `var()`s. */
export function themeColor(element: Element, name: string, fallback: string): string {
  return ownStyleOf(element).getPropertyValue(name).trim() || fallback;
}

/** The element's own font family, for the chart's text. */
export function themeFont(element: Element): string {
  return ownStyleOf(element).fontFamily;
}

/** Rich-text tooltips render record data as text (never HTML): only `{`/`}`, rich-text markup, need neutralising. */
export function plainText(text: string): string {
  return text.replace(/[{}]/g, (char) => (char === '{' ? '(' : ')'));
}
