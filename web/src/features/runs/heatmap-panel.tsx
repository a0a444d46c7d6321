import { Select, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useQuery } from '../../shared/api/use-query.ts';
import { Chart } from '../../shared/charts/lazy-chart.tsx';
import { useI18n } from '../../shared/i18n/i18n.tsx';
import { ProblemAlert } from '../../shared/ui/problem-alert.tsx';
import { heatmapOption } from './run-charts.ts';
import { type CityView, fetchHeatmap, type Run, ruleSetOf } from './runs-api.ts';

/** Each unit's score month by month in the run's year, under the run's rule-set version; low months stand out. */
export function HeatmapPanel({
  run,
  city,
  dimensions,
}: {
  readonly run: Run;
  readonly city: CityView;
  readonly dimensions: readonly string[];
}) {
  const { t } = useI18n();
  const [measure, setMeasure] = useState<string>('total');
  const year = Number(run.request.period.slice(0, 4));
  const category = run.request.scope?.categories?.length === 1 ? run.request.scope.categories[0] : undefined;
  const heatmap = useQuery(
    (signal) =>
      fetchHeatmap(
        {
          ruleSet: ruleSetOf(run),
          version: run.request.version,
          year,
          ...(category === undefined ? {} : { category }),
        },
        signal,
        city,
      ),
    [run.runId, city],
  );
  const option = useMemo(
    () => (heatmap.status === 'ready' ? heatmapOption(heatmap.data, measure) : null),
    [heatmap, measure],
  );
  if (heatmap.status === 'failed') return <ProblemAlert problem={heatmap.problem} onRetry={heatmap.reload} />;
  if (heatmap.status === 'loading' || option === null) return <Spin description={t('heatmap.loading')} />;
  const label = t('heatmap.label', { year, units: heatmap.data.rows.length });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('heatmap.measure')}</Typography.Text>
        <Select
          aria-label={t('heatmap.measure')}
          value={measure}
          style={{ minWidth: 140 }}
          onChange={(next: string) => setMeasure(next)}
          options={[
            { value: 'total', label: t('results.col.total') },
            ...dimensions.map((dimension) => ({ value: dimension, label: dimension })),
          ]}
        />
        <Typography.Text type="secondary">{t('heatmap.note')}</Typography.Text>
      </Space>
      <Chart label={label} option={option} height={Math.max(320, heatmap.data.rows.length * 22 + 100)} />
    </Space>
  );
}
