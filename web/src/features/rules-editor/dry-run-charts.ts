import type { EChartsCoreOption } from 'echarts/core';
import type { DryRunSummary } from './dry-run-api.ts';

/** Grade counts before (published baseline) and after (candidate), side by side. */
export function distributionOption(
  summary: DryRunSummary,
  names: { readonly baseline: string; readonly candidate: string },
): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: summary.distribution.map((row) => row.grade) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: names.baseline, data: summary.distribution.map((row) => row.baseline) },
      { type: 'bar', name: names.candidate, data: summary.distribution.map((row) => row.candidate) },
    ],
  };
}

/** Labels for 1-point delta buckets: bucket b holds deltas in [b, b + 1); gaps between buckets are filled with 0. */
export function deltaBuckets(histogram: DryRunSummary['deltaHistogram']): {
  labels: string[];
  counts: number[];
} {
  if (histogram.length === 0) return { labels: [], counts: [] };
  const low = Math.min(...histogram.map((entry) => entry.bucket));
  const high = Math.max(...histogram.map((entry) => entry.bucket));
  const labels: string[] = [];
  const counts: number[] = [];
  for (let bucket = low; bucket <= high; bucket += 1) {
    labels.push(`[${bucket}, ${bucket + 1})`);
    counts.push(histogram.find((entry) => entry.bucket === bucket)?.count ?? 0);
  }
  return { labels, counts };
}

export function deltaHistogramOption(
  summary: DryRunSummary,
  axis: { x: string; y: string },
): EChartsCoreOption {
  const { labels, counts } = deltaBuckets(summary.deltaHistogram);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', name: axis.x, nameLocation: 'middle', nameGap: 32, data: labels },
    yAxis: { type: 'value', name: axis.y, minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: counts.map((count, index) => ({
          value: count,
          itemStyle: { color: (labels[index] ?? '').startsWith('[-') ? '#cf1322' : '#389e0d' },
        })),
      },
    ],
  };
}
