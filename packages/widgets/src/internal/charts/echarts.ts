// The one place ECharts is imported, and only by a dynamic import() from the chart elements: a page
// showing badges and cards never downloads it. Only the chart and component types used are
// registered (tree-shaken from `echarts/core`), and the SVG renderer: crisp, no canvas fingerprinting.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

export type Echarts = typeof echarts;

/**
 * ECharts with what the elements draw registered. A function, not a top-level `echarts.use()`: a
 * bundler drops a module's top-level calls when the package declares it free of side effects,
 * which left every chart blank in production builds ("… is not a constructor": no renderer).
 */
export function registeredEcharts(): Echarts {
  echarts.use([BarChart, LineChart, GridComponent, MarkAreaComponent, TooltipComponent, SVGRenderer]);
  return echarts;
}
