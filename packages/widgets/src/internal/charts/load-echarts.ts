import type { Echarts } from './echarts.ts';

/** ECharts, loaded on first use (a separate chunk in every build). */
export function loadEcharts(): Promise<Echarts> {
  return import('./echarts.ts').then((module) => module.registeredEcharts());
}
