// The one place ECharts is imported, and only by a dynamic import() from the chart elements: a page
// showing badges and cards never downloads it. Only the chart and component types used are
// registered (tree-shaken from `echarts/core`), and the SVG renderer: crisp, no canvas fingerprinting.
// Named imports, not `import * as echarts`: the namespace would keep every export of the core
// (5 kB gzipped more in the chunk).
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/** What the elements use of ECharts. */
export interface Echarts {
  init: typeof init;
}

/**
 * ECharts with what the elements draw registered. A function, not a top-level `use()`: a bundler
 * drops a module's top-level calls when the package declares it free of side effects, which left
 * every chart blank in production builds ("… is not a constructor": no renderer).
 */
export function registeredEcharts(): Echarts {
  use([BarChart, LineChart, GridComponent, MarkAreaComponent, TooltipComponent, SVGRenderer]);
  return { init };
}
