/**
 * ECharts, tree-shaken through `echarts/core`: only the chart types and components the dashboard
 * draws, on the canvas renderer, with the built-in zh locale. Loaded lazily by `chart.ts`, so the
 * sign-in and audit pages never download it.
 */
import { BarChart, CustomChart, FunnelChart, LineChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, registerLocale, use } from 'echarts/core';
import langZH from 'echarts/i18n/langZH-obj.js';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  FunnelChart,
  CustomChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkPointComponent,
  MarkLineComponent,
  CanvasRenderer,
]);
registerLocale('ZH', langZH);

export { init };
