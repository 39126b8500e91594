/**
 * `<onair-chart>`: one ECharts instance in a sized box. `option` is built by the page for the
 * current locale and theme; the colours of text and axes come from Shoelace's tokens, so the chart
 * reads in light and dark. The canvas is an image to assistive technology (`label` names it); each
 * chart's figures are also in the data table beside it.
 */
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from './i18n.js';

let loading: Promise<typeof import('./echarts.js')> | null = null;
const echarts = () => (loading ??= import('./echarts.js'));

export interface Palette {
  /** Text on a series colour (white in light, near-black in dark: the series are light there). */
  onSeries: string;
  text: string;
  muted: string;
  line: string;
  series: string[];
}

/** The chart colours from the page's current theme tokens. */
export function palette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    onSeries: token('--sl-color-neutral-0'),
    text: token('--sl-color-neutral-800'),
    muted: token('--sl-color-neutral-600'),
    line: token('--sl-color-neutral-300'),
    series: [
      token('--sl-color-primary-600'),
      token('--sl-color-warning-600'),
      token('--sl-color-success-600'),
      token('--sl-color-danger-600'),
      token('--sl-color-violet-600'),
    ],
  };
}

@customElement('onair-chart')
export class OnairChart extends LitElement {
  static override styles = css`
    :host { display: block; }
    div { width: 100%; }
  `;

  @property({ attribute: false }) option: EChartsCoreOption | null = null;
  @property() label = '';
  @property() locale: Locale = 'en';
  @property({ type: Boolean }) dark = false;
  /** Pixels; set through the CSSOM (the console's CSP allows no style attributes). */
  @property({ type: Number }) height = 260;

  private chart: EChartsType | null = null;
  private observer: ResizeObserver | null = null;

  override render() {
    return html`<div role="img" aria-label=${this.label}></div>`;
  }

  protected override async updated(changed: PropertyValues<this>): Promise<void> {
    const box = this.renderRoot.querySelector('div');
    if (!box) return;
    box.style.height = `${this.height}px`;
    if (changed.has('locale') || changed.has('dark') || !this.chart) {
      const { init } = await echarts();
      this.chart?.dispose();
      this.chart = init(box, null, { locale: this.locale === 'zh-CN' ? 'ZH' : 'EN', renderer: 'canvas' });
      this.observer ??= new ResizeObserver(() => this.chart?.resize());
      this.observer.observe(box);
    }
    if (this.option) this.chart?.setOption(this.option, { notMerge: true });
  }

  override disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.chart?.dispose();
    this.chart = null;
    super.disconnectedCallback();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'onair-chart': OnairChart;
  }
}
