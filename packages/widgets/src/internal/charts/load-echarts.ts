/** ECharts, loaded on first use (a separate chunk in every build). */
export function loadEcharts(): Promise<typeof import('./echarts.ts')['echarts']> {
  return import('./echarts.ts').then((module) => module.echarts);
}
