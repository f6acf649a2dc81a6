/**
 * Pure ECharts option builders for the answering statistics (no echarts import: the library stays in the
 * lazy chart chunk, and the builders are cheap to test).
 */
const PRIMARY = '#0a6b5a';
const ACCENT = '#b35c00';

export interface DailyPoint {
  date: string;
  total: number;
  ack60Share: number | null;
}

/** Alarms per day as bars and the share acknowledged within 60 s as a line against its target. */
export function dailyOption(
  points: readonly DailyPoint[],
  target: number,
  labels: { total: string; ack60: string; target: string },
) {
  return {
    grid: { left: 48, right: 56, top: 40, bottom: 40 },
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.total, labels.ack60], top: 0 },
    xAxis: { type: 'category', data: points.map((p) => p.date.slice(5)) },
    yAxis: [
      { type: 'value', minInterval: 1, name: labels.total },
      { type: 'value', min: 0, max: 100, name: '%', axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { name: labels.total, type: 'bar', data: points.map((p) => p.total), itemStyle: { color: PRIMARY } },
      {
        name: labels.ack60,
        type: 'line',
        yAxisIndex: 1,
        data: points.map((p) => (p.ack60Share === null ? null : Math.round(p.ack60Share * 1000) / 10)),
        itemStyle: { color: ACCENT },
        markLine: {
          symbol: 'none',
          data: [{ yAxis: target * 100, name: labels.target }],
          lineStyle: { type: 'dashed', color: ACCENT },
          label: { formatter: labels.target },
        },
      },
    ],
  };
}

/** Outcomes as a ring. */
export function outcomeOption(slices: readonly { name: string; value: number }[]) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        data: slices,
        label: { formatter: '{b}\n{c}' },
        color: [PRIMARY, ACCENT, '#5b7db1', '#8c8c8c', '#c9d6d2'],
      },
    ],
  };
}
