import { describe, expect, it } from 'vitest';
import {
  heatmapOption,
  radarOption,
  radarSeries,
  scoreBins,
} from '../../web/src/features/runs/run-charts.ts';
import type { Heatmap, Profile, Run } from '../../web/src/features/runs/runs-api.ts';
import { queryString, ruleSetOf, withCity } from '../../web/src/features/runs/runs-api.ts';
import { isRunning, runProgress } from '../../web/src/features/runs/use-runs.ts';

const dims = ['政治建设', '履职效能', '群众评价', '廉洁自律'];
const period = (name: string, values: number[]) => ({
  period: name,
  runId: `r-${name}`,
  ruleSet: 'units',
  version: 1,
  total: values.reduce((a, b) => a + b, 0),
  grade: '良好',
  dimensions: Object.fromEntries(dims.map((dim, index) => [dim, values[index] ?? 0])),
});

describe('radarSeries', () => {
  it('takes the latest period and overlays the one before it, whatever order they arrive in', () => {
    const profile: Profile = {
      subjectId: 'u1',
      periods: [
        period('2025', [20, 18, 12, 9]),
        period('2023', [1, 1, 1, 1]),
        period('2024', [16, 14, 13, 8]),
      ],
    };
    const radar = radarSeries(profile, dims);
    expect(radar.latest).toEqual({ period: '2025', values: [20, 18, 12, 9] });
    expect(radar.previous).toEqual({ period: '2024', values: [16, 14, 13, 8] });
    expect(radar.indicators.map((axis) => axis.name)).toEqual(dims);
    expect(radar.indicators[0]?.max).toBe(22); // 20 × 1.1, rounded up
  });

  it('shows the run’s own period against the one before it, not a later one', () => {
    const profile: Profile = {
      subjectId: 'u1',
      periods: [
        period('2025', [20, 18, 12, 9]),
        period('2023', [1, 1, 1, 1]),
        period('2024', [16, 14, 13, 8]),
      ],
    };
    const radar = radarSeries(profile, dims, { period: '2024', runId: 'r-2024' });
    expect(radar.latest?.period).toBe('2024');
    expect(radar.previous?.period).toBe('2023');
    expect(radar.indicators[0]?.max).toBe(18); // 16 × 1.1: the 2025 scores are not on this picture
  });

  it('draws one shape when there is only one period, and none for an empty profile', () => {
    const one = radarSeries({ subjectId: 'u1', periods: [period('2024', [10, 10, 10, 10])] }, dims);
    expect(one.previous).toBeNull();
    const option = radarOption(one) as { series: { data: unknown[] }[] };
    expect(option.series[0]?.data).toHaveLength(1);
    expect(radarSeries({ subjectId: 'u1', periods: [] }, dims).latest).toBeNull();
  });
});

describe('scoreBins', () => {
  it('counts totals per 5-point band and category, with empty bands in between', () => {
    const bins = scoreBins([
      { total: 41.2, category: '窗口服务类' },
      { total: 44.9, category: '窗口服务类' },
      { total: 52.5, category: '综合管理类' },
    ]);
    expect(bins.labels).toEqual(['40–45', '45–50', '50–55']);
    expect(bins.series).toEqual([
      { category: '窗口服务类', counts: [2, 0, 0] },
      { category: '综合管理类', counts: [0, 0, 1] },
    ]);
  });

  it('is empty for no rows', () => {
    expect(scoreBins([])).toEqual({ labels: [], series: [] });
  });
});

describe('heatmapOption', () => {
  const heatmap: Heatmap = {
    months: ['2024-01', '2024-02'],
    dimensions: dims,
    rows: [
      {
        subjectId: 'u1',
        name: '省司法局',
        category: '综合管理类',
        cells: [
          { month: '2024-01', total: 48.1, dimensions: { 政治建设: 15 } },
          { month: '2024-02', total: null, dimensions: {} },
        ],
      },
    ],
  };

  it('places each month with data at (month, unit) and leaves months without data blank', () => {
    const option = heatmapOption(heatmap, 'total') as {
      series: { data: number[][] }[];
      visualMap: { min: number; max: number };
    };
    expect(option.series[0]?.data).toEqual([[0, 0, 48.1]]);
    expect(option.visualMap).toMatchObject({ min: 48, max: 49 });
  });

  it('shows one dimension when asked', () => {
    const option = heatmapOption(heatmap, '政治建设') as { series: { data: number[][] }[] };
    expect(option.series[0]?.data).toEqual([[0, 0, 15]]);
  });
});

describe('runs', () => {
  const run = (over: Partial<Run>): Run => ({
    runId: 'r1',
    status: 'scoring',
    total: 200,
    done: 50,
    chunkCount: 2,
    chunksDone: 0,
    subjectKind: 'unit',
    createdAt: '2026-01-01T00:00:00Z',
    request: { ruleSetId: 'units', version: 1, period: '2024' },
    ...over,
  });

  it('reports progress as done / total, never 100 before it has finished', () => {
    expect(runProgress(run({}))).toBe(25);
    expect(runProgress(run({ done: 200 }))).toBe(99);
    expect(runProgress(run({ status: 'finished', done: 200 }))).toBe(100);
    expect(runProgress(run({ status: 'preparing', total: 0, done: 0 }))).toBe(0);
    expect(isRunning(run({}))).toBe(true);
    expect(isRunning(run({ status: 'failed' }))).toBe(false);
  });

  it('names the rule set whether the record says ruleSetId or ruleSet', () => {
    expect(ruleSetOf(run({}))).toBe('units');
    expect(ruleSetOf(run({ request: { ruleSet: 'cadres', version: 1, period: '2024' } }))).toBe('cadres');
  });

  it('asks for a city’s data with ?city= only when a city is chosen', () => {
    expect(withCity('/api/runs', undefined)).toBe('/api/runs');
    expect(withCity('/api/runs', 'dongzhou')).toBe('/api/runs?city=dongzhou');
    expect(withCity('/api/runs/r1/results?sort=total', 'dongzhou')).toBe(
      '/api/runs/r1/results?sort=total&city=dongzhou',
    );
  });

  it('builds a query string from the set fields only', () => {
    expect(queryString({ q: '司法', grade: '', unit: undefined, offset: 0, sort: 'total' })).toBe(
      '?q=%E5%8F%B8%E6%B3%95&offset=0&sort=total',
    );
    expect(queryString({})).toBe('');
  });
});
