/**
 * Pure ECharts option builders for the assessment pages (no echarts import,
 * so they are cheap to test and the chart library stays in its lazy chunk).
 */

const PRIMARY = '#0a6b5a';

export interface DimensionBar {
  name: string;
  score: number | null;
  max: number | null;
}

/** The four dimension scores (C.1) as bars against their maxima. */
export function dimensionBarOption(dims: readonly DimensionBar[], labels: { score: string; max: string }) {
  return {
    grid: { left: 56, right: 24, top: 32, bottom: 64 },
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.score, labels.max], top: 0 },
    xAxis: {
      type: 'category',
      data: dims.map((d) => d.name),
      axisLabel: { interval: 0, width: 90, overflow: 'break' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: labels.score,
        type: 'bar',
        data: dims.map((d) => d.score ?? 0),
        itemStyle: { color: PRIMARY },
        label: { show: true, position: 'top', color: '#1a1a1a' },
      },
      {
        name: labels.max,
        type: 'bar',
        data: dims.map((d) => d.max ?? 0),
        itemStyle: { color: '#c9d6d2' },
        barGap: '-100%',
        z: 0,
      },
    ],
  };
}

export interface LevelPoint {
  date: string;
  level: number;
  name: string;
}

/**
 * Level over time (published results, oldest first). The axis runs from 0 能力完好
 * at the top to 4 完全失能 at the bottom, so "down" means worse.
 */
export function levelTimelineOption(points: readonly LevelPoint[], axisName: string) {
  return {
    grid: { left: 56, right: 24, top: 24, bottom: 40 },
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const first = (Array.isArray(p) ? p[0] : p) as { dataIndex?: number } | undefined;
        const pt = first?.dataIndex !== undefined ? points[first.dataIndex] : undefined;
        return pt ? `${pt.date}<br/>${pt.name}` : '';
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.date) },
    yAxis: { type: 'value', min: 0, max: 4, interval: 1, inverse: true, name: axisName },
    series: [
      {
        type: 'line',
        step: 'end',
        data: points.map((p) => p.level),
        itemStyle: { color: PRIMARY },
        symbolSize: 10,
      },
    ],
  };
}

/** Published results with a level, oldest first (the history API lists newest first). */
export function levelPoints(
  items: readonly {
    publishedAt: string | null;
    level: number | null;
    levelName: string | null;
    status: string;
  }[],
): LevelPoint[] {
  return items
    .filter((i) => i.publishedAt && i.level !== null && i.status !== 'cancelled')
    .map((i) => ({
      date: i.publishedAt!.slice(0, 10),
      level: i.level!,
      name: i.levelName ?? String(i.level),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** Counts per level as bars. */
export function levelCountOption(rows: readonly { name: string; count: number }[], countLabel: string) {
  return {
    grid: { left: 56, right: 24, top: 24, bottom: 48 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, name: countLabel },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.count),
        itemStyle: { color: PRIMARY },
        label: { show: true, position: 'top', color: '#1a1a1a' },
      },
    ],
  };
}

/** 0.1234 → "12.3%". */
export const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
