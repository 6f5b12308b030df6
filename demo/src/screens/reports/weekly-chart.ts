// The weekly label chart's ECharts: loaded by a dynamic import() when the report has numbers to
// draw, so the Reports screen's first paint does not wait for it. Only what it draws is registered
// (tree-shaken from `echarts/core`), with the SVG renderer, as the widgets' charts are.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/** One label's series: its share of the scored records at each week end (0–100), and its colour. */
export interface LabelSeries {
  label: string;
  shares: number[];
  color: string;
  opacity: number;
}

export interface WeeklyChartInput {
  weeks: string[];
  series: LabelSeries[];
  text: string;
  muted: string;
  border: string;
  font: string;
}

/** Draws (or draws again) stacked bars of label shares per week into `element`. */
export function drawWeeklyChart(element: HTMLElement, input: WeeklyChartInput, chart?: ECharts): ECharts {
  use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);
  const target = chart ?? init(element, undefined, { renderer: 'svg' });
  target.setOption({
    animation: false,
    textStyle: { fontFamily: input.font, color: input.text },
    grid: { left: 40, right: 8, top: 8, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => `${Number(value).toFixed(1)}%` },
    xAxis: { type: 'category', data: input.weeks, axisLabel: { color: input.muted }, axisLine: { lineStyle: { color: input.border } } },
    yAxis: { type: 'value', max: 100, axisLabel: { color: input.muted, formatter: '{value}%' }, splitLine: { lineStyle: { color: input.border } } },
    series: input.series.map((one) => ({
      type: 'bar', stack: 'shares', name: one.label, data: one.shares, itemStyle: { color: one.color, opacity: one.opacity }, barMaxWidth: 28,
    })),
  }, true);
  return target;
}
