import { Spin } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

// ECharts is loaded the first time a chart is shown, never with the first page.
const EChartsView = lazy(() => import('./echarts-view.tsx'));

interface ChartProps {
  readonly option: EChartsCoreOption;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  readonly label: string;
  readonly height?: number;
}

/**
 * A lazily loaded ECharts chart.
 *
 * @example
 * <Chart label="维度权重" option={{ xAxis: { type: 'category', data: ['政治建设'] }, yAxis: {}, series: [{ type: 'bar', data: [30] }] }} />
 */
export function Chart({ option, label, height = 280 }: ChartProps) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<Spin description={t('chart.loading')} />}>
      <EChartsView option={option} label={label} height={height} />
    </Suspense>
  );
}
