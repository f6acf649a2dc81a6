import { useEffect, useRef } from 'react';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  LineChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * One ECharts line chart of an elder's readings (its own lazily loaded chunk), thresholds as mark lines.
 * The same numbers are always in the table beside it, for screen readers and keyboards.
 */
export default function VitalsChart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = chart.current ?? init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.setOption({ aria: { enabled: true }, ...option }, true);
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [option]);
  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      style={{ width: '100%', height: 260 }}
      data-testid="vitals-chart"
    />
  );
}
