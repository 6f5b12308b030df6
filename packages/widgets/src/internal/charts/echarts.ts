// The one place ECharts is imported, and only by a dynamic import() from the chart elements: a page
// showing badges and cards never downloads it. Only the chart and component types used are
// registered (tree-shaken from `echarts/core`), and the SVG renderer: crisp, no canvas fingerprinting.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, MarkAreaComponent, TooltipComponent, SVGRenderer]);

export { echarts };
