import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Percentages per region as grouped bars (the rates table beside it holds the same numbers). */
export function CoverageBars({
  names,
  series,
  label,
}: {
  names: string[];
  series: { name: string; values: (number | null)[]; color: string }[];
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = chart.current ?? init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const option: Option = {
      aria: { enabled: true },
      animation: false,
      grid: { left: 48, right: 16, top: 36, bottom: names.length > 8 ? 96 : 48 },
      legend: { top: 4 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—') },
      xAxis: { type: 'category', data: names, axisLabel: { rotate: names.length > 8 ? 45 : 0, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        itemStyle: { color: s.color },
        data: s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
      })),
    };
    c.setOption(option, true);
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [names, series]);
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
      data-testid="coverage-bars"
      style={{ width: '100%', height: 320 }}
    />
  );
}
