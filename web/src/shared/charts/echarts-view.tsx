import { BarChart, HeatmapChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the console draws (radar, heat map, distributions), so the lazy chunk stays small.
use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  RadarChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

const fontFamily = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

export interface EChartsViewProps {
  readonly option: EChartsCoreOption;
  readonly height: number;
  readonly label: string;
}

/** One ECharts instance bound to a div: created once, options replaced, resized with its box, disposed on unmount. */
export default function EChartsView({ option, height, label }: EChartsViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (host.current === null) return;
    const instance = init(host.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      { textStyle: { fontFamily }, aria: { enabled: true }, ...option },
      { notMerge: true },
    );
  }, [option]);

  // The label is ours: ECharts' generated descriptions read category indexes as data.
  return (
    <div role="img" aria-label={label}>
      <div ref={host} style={{ width: '100%', height }} />
    </div>
  );
}
