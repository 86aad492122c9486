import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { h } from '../dom.js';
import { t } from '../i18n/i18n.js';

// Only what the Monitoraggio charts draw, so the bundle carries a fraction of ECharts; aria describes each chart.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface ChartSeries {
  name: string;
  values: number[];
  kind?: 'bar' | 'line';
  stack?: string;
}

const charts = new Set<echarts.ECharts>();
let resizeBound = false;

/** A bar/line chart of categories, sized to its container; the page's table tells the same figures. */
export function barChart(title: string, categories: string[], series: ChartSeries[], options: { horizontal?: boolean } = {}): HTMLElement {
  const box = h('div', { class: 'mon-chart', role: 'img', 'aria-label': t('mon.chart.label', { title }) });
  const height = options.horizontal ? Math.max(160, 28 * categories.length + 60) : 260;
  box.style.height = `${height}px`;
  requestAnimationFrame(() => {
    if (!box.isConnected) return;
    const chart = echarts.init(box, undefined, { renderer: 'svg' });
    charts.add(chart);
    const category = { type: 'category' as const, data: categories, axisLabel: { width: 120, overflow: 'truncate' as const } };
    const value = { type: 'value' as const };
    chart.setOption({
      // Our own description in the page's language (ECharts' generated one is English); the table tells the figures.
      aria: { enabled: true, decal: { show: true }, label: { description: t('mon.chart.label', { title }) } },
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: options.horizontal ? value : category,
      yAxis: options.horizontal ? category : value,
      series: series.map((s) => ({ name: s.name, type: s.kind ?? 'bar', data: s.values, ...(s.stack ? { stack: s.stack } : {}) })),
    });
  });
  if (!resizeBound) {
    resizeBound = true;
    window.addEventListener('resize', () => {
      for (const c of charts) {
        if (c.getDom().isConnected) c.resize();
        else {
          c.dispose();
          charts.delete(c);
        }
      }
    });
  }
  return box;
}

/** Disposes the charts of a page being left. */
export function disposeCharts(): void {
  for (const c of charts) c.dispose();
  charts.clear();
}
