/**
 * The ECharts option of each dashboard chart, from the Stats API's document: pure functions of the
 * figures, the words and the theme's palette, so the page only places them.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Palette } from './chart.js';
import { clock, type Locale, percent, type t } from './i18n.js';
import { MINUTE, type StatsDocument } from './stats.js';

type Words = ReturnType<typeof t>;

/** What every chart shares: transparent background, themed text, a grid that keeps its labels. */
function base(p: Palette): EChartsCoreOption {
  return {
    backgroundColor: 'transparent',
    color: p.series,
    textStyle: { color: p.text },
    // Rich-text tooltips draw on the canvas: no HTML is built from viewers' words.
    tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
    legend: { top: 0, textStyle: { color: p.text } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  };
}

const axis = (p: Palette) => ({
  axisLine: { lineStyle: { color: p.line } },
  axisLabel: { color: p.muted, hideOverlap: true },
  splitLine: { lineStyle: { color: p.line, opacity: 0.5 } },
});

/** A time axis of whole minutes: ticks on minutes, labelled HH:mm. */
const minutes = (p: Palette) => ({
  type: 'time',
  minInterval: MINUTE,
  ...axis(p),
  axisLabel: { color: p.muted, hideOverlap: true, formatter: '{HH}:{mm}' },
});

export function participationOption(d: StatsDocument, w: Words, p: Palette): EChartsCoreOption {
  const rows = d.participationMinutes;
  return {
    ...base(p),
    xAxis: minutes(p),
    yAxis: { type: 'value', minInterval: 1, ...axis(p) },
    series: [
      {
        name: w.viewers,
        type: 'line',
        showSymbol: rows.length < 40,
        data: rows.map((r) => [r.minute * MINUTE, r.viewers]),
      },
      {
        name: w.participants,
        type: 'line',
        showSymbol: rows.length < 40,
        areaStyle: { opacity: 0.15 },
        data: rows.map((r) => [r.minute * MINUTE, r.participants]),
      },
    ],
  };
}

/** What was live at a peak, in a few words: pinned products, polls, surveys, games, campaign items. */
export function liveLabel(
  live: StatsDocument['gifts']['series'][number]['peaks'][number]['live'],
  w: Words,
): string {
  const parts = [
    ...live.pinnedProducts.map((id) => `${w.pinned} ${id}`),
    ...live.polls,
    ...live.surveys,
    ...live.games,
    ...live.campaignItems,
  ];
  return parts.slice(0, 3).join(' · ') + (parts.length > 3 ? ' …' : '');
}

export function giftsOption(
  series: StatsDocument['gifts']['series'][number],
  w: Words,
  p: Palette,
  locale: Locale,
): EChartsCoreOption {
  return {
    ...base(p),
    legend: { show: false },
    xAxis: minutes(p),
    yAxis: { type: 'value', name: series.currency, nameTextStyle: { color: p.muted }, ...axis(p) },
    series: [
      {
        name: `${w.giftValue} (${series.currency})`,
        type: 'bar',
        barMaxWidth: 18,
        data: series.minutes.map((m) => [m.minute * MINUTE, m.value]),
        markLine: {
          symbol: 'none',
          label: { formatter: w.threshold, color: p.muted, position: 'insideStartTop' },
          lineStyle: { color: p.series[3], type: 'dashed' },
          data: [{ yAxis: series.threshold }],
        },
        markPoint: {
          symbolSize: 44,
          itemStyle: { color: p.series[1] },
          label: { color: p.onSeries, fontSize: 10 },
          data: series.peaks.map((peak) => ({
            coord: [peak.minute * MINUTE, peak.value],
            value: peak.value,
            name: `${clock(locale, peak.minute * MINUTE)} ${liveLabel(peak.live, w)}`,
          })),
        },
      },
    ],
  };
}

export function funnelOption(d: StatsDocument, w: Words, p: Palette, locale: Locale): EChartsCoreOption {
  return {
    ...base(p),
    tooltip: { trigger: 'item', renderMode: 'richText' },
    legend: { show: false },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: 0,
        width: '48%',
        top: 8,
        bottom: 8,
        minSize: '20%',
        // Beside the funnel, not inside: the narrow steps have no room for "leak 66.7 %".
        labelLine: { show: true, lineStyle: { color: p.line } },
        label: {
          position: 'right',
          color: p.text,
          formatter: (item: { dataIndex: number }) => {
            const step = d.funnel.steps[item.dataIndex]!;
            const leak = step.leak === null ? '' : `  ${w.leak} ${percent(locale, step.leak)}`;
            return `${w.steps[step.step] ?? step.step}: ${step.viewers}${leak ? `\n${leak.trim()}` : ''}`;
          },
        },
        data: d.funnel.steps.map((s) => ({ name: w.steps[s.step] ?? s.step, value: s.viewers })),
      },
    ],
  };
}

function ctrBars(
  names: string[],
  ctrs: (number | null)[],
  w: Words,
  p: Palette,
  locale: Locale,
): EChartsCoreOption {
  return {
    ...base(p),
    legend: { show: false },
    xAxis: {
      type: 'category',
      data: names,
      ...axis(p),
      axisLabel: { color: p.muted, interval: 0, rotate: names.length > 4 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      ...axis(p),
      axisLabel: { color: p.muted, formatter: (v: number) => percent(locale, v) },
    },
    series: [
      {
        name: w.ctr,
        type: 'bar',
        barMaxWidth: 40,
        data: ctrs.map((c) => c ?? 0),
        label: {
          show: true,
          position: 'top',
          color: p.text,
          formatter: (x: { value: number }) => percent(locale, x.value),
        },
      },
    ],
  };
}

export function ctrProductsOption(d: StatsDocument, w: Words, p: Palette, locale: Locale): EChartsCoreOption {
  const products = d.products.products;
  return ctrBars(
    products.map((x) => x.product),
    products.map((x) => x.ctr),
    w,
    p,
    locale,
  );
}

export const windowName = (product: string, pinnedAt: number, locale: Locale) =>
  `${product} @ ${clock(locale, pinnedAt)}`;

export function ctrWindowsOption(d: StatsDocument, w: Words, p: Palette, locale: Locale): EChartsCoreOption {
  const windows = d.products.products.flatMap((x) =>
    x.windows.map((win) => ({
      name: windowName(x.product, win.pinnedAt, locale),
      ctr: win.ctr,
      at: win.pinnedAt,
    })),
  );
  windows.sort((a, b) => a.at - b.at);
  return ctrBars(
    windows.map((x) => x.name),
    windows.map((x) => x.ctr),
    w,
    p,
    locale,
  );
}

export function surveyOption(
  survey: StatsDocument['surveys']['surveys'][number],
  w: Words,
  p: Palette,
): EChartsCoreOption {
  return {
    ...base(p),
    xAxis: { type: 'category', data: survey.questions.map((q) => q.question), ...axis(p) },
    yAxis: { type: 'value', minInterval: 1, ...axis(p) },
    series: [
      { name: w.answered, type: 'bar', barMaxWidth: 32, data: survey.questions.map((q) => q.answered) },
      { name: w.dropOff, type: 'bar', barMaxWidth: 32, data: survey.questions.map((q) => q.dropOff) },
    ],
  };
}

export function keywordsOption(d: StatsDocument, w: Words, p: Palette): EChartsCoreOption {
  const words = [...d.chat.keywords].reverse();
  return {
    ...base(p),
    legend: { show: false },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axis(p) },
    yAxis: {
      type: 'category',
      data: words.map((k) => k.word),
      ...axis(p),
      axisLabel: { color: p.text, interval: 0 },
    },
    series: [
      {
        name: w.count,
        type: 'bar',
        data: words.map((k) => k.count),
        label: { show: true, position: 'right', color: p.muted },
      },
    ],
  };
}

export function experimentOption(
  e: StatsDocument['experiments']['experiments'][number],
  w: Words,
  p: Palette,
  locale: Locale,
): EChartsCoreOption {
  const names = e.variations.map((v) => v.variation);
  return {
    ...base(p),
    legend: { show: false },
    xAxis: { type: 'category', data: names, ...axis(p) },
    yAxis: {
      type: 'value',
      min: 0,
      ...axis(p),
      axisLabel: { color: p.muted, formatter: (v: number) => percent(locale, v) },
    },
    series: [
      {
        name: w.rate,
        type: 'bar',
        barMaxWidth: 48,
        data: e.variations.map((v) => v.rate ?? 0),
        label: {
          show: true,
          position: 'insideBottom',
          color: '#fff',
          formatter: (x: { value: number }) => percent(locale, x.value),
        },
      },
      {
        // The 95 % interval as an error bar: a line from low to high with caps.
        name: w.interval,
        type: 'custom',
        data: e.variations.map((v, i) => [i, v.interval?.low ?? 0, v.interval?.high ?? 0]),
        // Both ends count for the value axis's extent, so the whiskers stay inside the chart.
        encode: { x: 0, y: [1, 2] },
        renderItem: (
          _params: unknown,
          api: { value(i: number): number; coord(v: number[]): number[]; size(v: number[]): number[] },
        ) => {
          const x = api.value(0);
          const low = api.coord([x, api.value(1)]);
          const high = api.coord([x, api.value(2)]);
          const cap = (api.size([1, 0])[0] ?? 40) * 0.12;
          const style = { stroke: p.text, lineWidth: 2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              {
                type: 'line',
                shape: { x1: low[0]! - cap, y1: low[1], x2: low[0]! + cap, y2: low[1] },
                style,
              },
              {
                type: 'line',
                shape: { x1: high[0]! - cap, y1: high[1], x2: high[0]! + cap, y2: high[1] },
                style,
              },
            ],
          };
        },
        z: 10,
      },
    ],
  };
}
