import type { EChartsCoreOption } from 'echarts/core';
import type { Heatmap, Profile } from './runs-api.ts';

// Pure builders of the ECharts options for the run pictures, so they are tested without a browser.

export interface RadarSeries {
  readonly indicators: readonly { readonly name: string; readonly max: number }[];
  readonly latest: { readonly period: string; readonly values: readonly number[] } | null;
  readonly previous: { readonly period: string; readonly values: readonly number[] } | null;
}

/**
 * The 作风画像: the run's period (`focus`; the latest when absent), with the period before it overlaid. Each
 * axis reaches a little past the largest score seen on it, so the shapes are comparable.
 */
export function radarSeries(
  profile: Profile,
  dimensions: readonly string[],
  focus?: { readonly period: string; readonly runId?: string },
): RadarSeries {
  const periods = [...profile.periods].sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : 0,
  );
  const latest =
    focus === undefined
      ? periods.at(-1)
      : (periods.find((entry) => entry.runId === focus.runId) ??
        periods.filter((entry) => entry.period === focus.period).at(-1));
  const previous =
    latest === undefined ? undefined : periods.filter((entry) => entry.period < latest.period).at(-1);
  const names =
    dimensions.length > 0 ? dimensions : Object.keys(latest?.dimensions ?? previous?.dimensions ?? {});
  const valuesOf = (period: (typeof periods)[number] | undefined) =>
    period === undefined
      ? null
      : { period: period.period, values: names.map((name) => period.dimensions[name] ?? 0) };
  const shown = [latest, previous].filter((entry) => entry !== undefined);
  const highest = (name: string): number =>
    Math.max(1, ...shown.map((period) => period.dimensions[name] ?? 0));
  return {
    indicators: names.map((name) => ({ name, max: Math.ceil(highest(name) * 1.1) })),
    latest: valuesOf(latest),
    previous: valuesOf(previous),
  };
}

export function radarOption(radar: RadarSeries): EChartsCoreOption {
  const data = [radar.previous, radar.latest]
    .filter((entry) => entry !== null)
    .map((entry, index, all) => ({
      name: entry.period,
      value: [...entry.values],
      areaStyle: { opacity: index === all.length - 1 ? 0.35 : 0.1 },
      lineStyle: { type: index === all.length - 1 ? 'solid' : 'dashed' },
    }));
  return {
    tooltip: {},
    legend: { bottom: 0, data: data.map((entry) => entry.name) },
    radar: { indicator: radar.indicators.map((indicator) => ({ ...indicator })), radius: '62%' },
    series: [{ type: 'radar', data }],
  };
}

export interface ScoreBins {
  readonly labels: readonly string[];
  readonly series: readonly { readonly category: string; readonly counts: readonly number[] }[];
}

/** Totals binned in `width`-point steps from the lowest to the highest bin seen, one count row per category. */
export function scoreBins(rows: readonly { total: number; category: string }[], width = 5): ScoreBins {
  if (rows.length === 0) return { labels: [], series: [] };
  const binOf = (total: number): number => Math.floor(total / width);
  const low = Math.min(...rows.map((row) => binOf(row.total)));
  const high = Math.max(...rows.map((row) => binOf(row.total)));
  const labels = Array.from({ length: high - low + 1 }, (_, index) => {
    const from = (low + index) * width;
    return `${from}–${from + width}`;
  });
  const categories = [...new Set(rows.map((row) => row.category))].sort();
  const series = categories.map((category) => {
    const counts = labels.map(() => 0);
    for (const row of rows) {
      if (row.category !== category) continue;
      const index = binOf(row.total) - low;
      counts[index] = (counts[index] ?? 0) + 1;
    }
    return { category, counts };
  });
  return { labels, series };
}

export function histogramOption(bins: ScoreBins, axis: { x: string; y: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 64 },
    xAxis: { type: 'category', name: axis.x, nameLocation: 'middle', nameGap: 28, data: [...bins.labels] },
    yAxis: { type: 'value', name: axis.y, minInterval: 1 },
    series: bins.series.map((entry) => ({
      type: 'bar',
      name: entry.category,
      stack: 'all',
      data: [...entry.counts],
    })),
  };
}

/** The unit × month heat map of totals (or one dimension); a month without data stays blank. */
export function heatmapOption(heatmap: Heatmap, measure: string | 'total'): EChartsCoreOption {
  const names = heatmap.rows.map((row) => row.name);
  const data: [number, number, number][] = [];
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  heatmap.rows.forEach((row, y) => {
    for (const cell of row.cells) {
      const x = heatmap.months.indexOf(cell.month);
      const value = measure === 'total' ? cell.total : (cell.dimensions?.[measure] ?? null);
      if (x < 0 || value === null) continue;
      data.push([x, y, value]);
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
  });
  return {
    tooltip: { position: 'top' },
    grid: { left: 140, right: 24, top: 16, bottom: 88 },
    xAxis: {
      type: 'category',
      data: heatmap.months.map((month) => month.slice(5)),
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } },
    visualMap: {
      min: Number.isFinite(low) ? Math.floor(low) : 0,
      max: Number.isFinite(high) ? Math.ceil(high) : 100,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      // Low scores are the risk: red at the bottom of the scale.
      inRange: { color: ['#d73027', '#fee08b', '#1a9850'] },
    },
    series: [{ type: 'heatmap', data, label: { show: heatmap.months.length <= 12 && names.length <= 30 } }],
  };
}
