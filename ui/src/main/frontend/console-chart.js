import { LitElement, html, css } from 'lit';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, HeatmapChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only what the console draws: the lazy console chunk stays small and the inbox never loads it.
echarts.use([
  BarChart, LineChart, HeatmapChart,
  AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
  VisualMapComponent, SVGRenderer,
]);

// Okabe-Ito: told apart by people with the common colour-vision deficiencies. Decals (bars) and
// symbols and dash styles (lines) carry the same distinction without colour.
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow', 'roundRect', 'emptyCircle'];
const DASHES = ['solid', 'dashed', 'dotted'];

/**
 * An Apache ECharts chart drawn from a small spec the server sends (see Chart.java): bars
 * (grouped or stacked), lines with a target, a heatmap. A click on a bar, point, cell or category
 * label is sent back as an `hf-chart-click` event so the server can drill down.
 */
class HfChart extends LitElement {
  static properties = { spec: { type: String } };

  static styles = css`
    :host { display: block; position: relative; min-height: 16rem; }
    .canvas { position: absolute; inset: 0; }
  `;

  render() {
    return html`<div class="canvas"></div>`;
  }

  firstUpdated() {
    this.chart = echarts.init(this.renderRoot.querySelector('.canvas'), null, { renderer: 'svg' });
    this.chart.on('click', (p) => this.clicked(p));
    this.resizer = new ResizeObserver(() => this.chart && this.chart.resize());
    this.resizer.observe(this);
    this.draw();
  }

  updated(changed) {
    if (changed.has('spec') && this.chart) {
      this.draw();
    }
  }

  draw() {
    if (!this.spec) return;
    this.parsed = JSON.parse(this.spec);
    this.chart.setOption(option(this.parsed), true);
    this.setAttribute('data-rendered', 'true');
  }

  clicked(p) {
    const s = this.parsed;
    let detail;
    if (p.componentType === 'series' && s.kind === 'heatmap') {
      detail = { categoryIndex: p.value[0], seriesIndex: p.value[1] };
    } else if (p.componentType === 'series') {
      detail = { categoryIndex: p.dataIndex, seriesIndex: p.seriesIndex };
    } else if (p.componentType === 'xAxis' || p.componentType === 'yAxis') {
      const index = s.categories.indexOf(p.value);
      if (index < 0) return;
      detail = { categoryIndex: index, seriesIndex: -1 };
    } else {
      return;
    }
    this.dispatchEvent(new CustomEvent('hf-chart-click', { detail, bubbles: true, composed: true }));
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.resizer) this.resizer.disconnect();
    if (this.chart) this.chart.dispose();
    this.chart = undefined;
    this.resizer = undefined;
  }

  connectedCallback() {
    super.connectedCallback();
    // Vaadin detaches and re-attaches a view's elements (navigation back, layout changes).
    if (this.hasUpdated && !this.chart) this.firstUpdated();
  }
}

function option(s) {
  const base = {
    color: PALETTE,
    // The title is drawn by the page (a heading); here it names the chart for the aria description.
    title: { text: s.title, show: false },
    aria: { enabled: true, decal: { show: true } },
    animation: false,
    tooltip: { trigger: s.kind === 'heatmap' ? 'item' : 'axis', confine: true },
    textStyle: { fontFamily: 'var(--lumo-font-family, sans-serif)' },
  };
  if (s.kind === 'heatmap') return { ...base, ...heatmap(s) };
  const horizontal = !!s.horizontal;
  const categoryAxis = {
    type: 'category', data: s.categories, name: s.xName, nameLocation: 'middle',
    nameGap: horizontal ? 8 : 28, triggerEvent: true, axisLabel: { interval: 0, hideOverlap: true },
  };
  const valueAxis = { type: 'value', name: s.yName, nameLocation: 'middle', nameGap: 40, minInterval: s.integers ? 1 : 0 };
  const series = s.series.map((one, i) => {
    const line = s.kind === 'line';
    const out = {
      name: one.name,
      type: line ? 'line' : 'bar',
      data: one.values,
      emphasis: { focus: 'series' },
      cursor: s.clickable ? 'pointer' : 'default',
    };
    if (s.stacked) out.stack = 'all';
    if (line) {
      out.symbol = SYMBOLS[i % SYMBOLS.length];
      out.symbolSize = 8;
      out.lineStyle = { type: DASHES[i % DASHES.length], width: 2 };
      out.connectNulls = false;
    }
    if (s.labels && !line) {
      out.label = { show: true, position: s.stacked ? 'inside' : 'top', formatter: (p) => (p.value ? p.value : '') };
    }
    return out;
  });
  if (s.target !== null && s.target !== undefined && series.length) {
    series[0].markLine = {
      symbol: 'none',
      silent: true,
      lineStyle: { type: 'dashed', color: '#444', width: 2 },
      label: { formatter: s.targetLabel, position: 'insideEndTop' },
      data: [{ yAxis: s.target }],
    };
  }
  // A stacked bar always names its parts, even when there is only one.
  const legend = s.series.length > 1 || s.stacked;
  return {
    ...base,
    legend: { show: legend, top: 0, type: 'scroll' },
    grid: { left: horizontal ? 16 : 56, right: 24, top: legend ? 36 : 16, bottom: 48, containLabel: horizontal },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true, nameLocation: 'end' } : valueAxis,
    series,
  };
}

function heatmap(s) {
  const values = s.cells.map((c) => c[2]).filter((v) => typeof v === 'number');
  const max = values.length ? Math.max(...values) : 1;
  return {
    grid: { left: 16, right: 24, top: 16, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: s.categories, name: s.xName, nameLocation: 'middle', nameGap: 48, splitArea: { show: true } },
    yAxis: { type: 'category', data: s.rows, name: s.yName, splitArea: { show: true }, inverse: true },
    visualMap: {
      min: 0, max: Math.max(max, 1), calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
      itemHeight: 120, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
    },
    series: [{
      name: s.title,
      type: 'heatmap',
      data: s.cells,
      // The number in every cell: the shade is a help, never the only carrier of the meaning.
      label: { show: true },
      cursor: s.clickable ? 'pointer' : 'default',
      emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } },
    }],
  };
}

customElements.define('hf-chart', HfChart);
