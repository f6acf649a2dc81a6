import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CustomChart, ScatterChart, type CustomSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { formatNumber } from '../format.ts';
import { equalAspect, projectionAt } from './projection.ts';

use([ScatterChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<
  | ScatterSeriesOption
  | CustomSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  /** Shown in the tooltip and the table. */
  label: string;
  /** A count: drives the symbol size when the layer sizes by value. */
  value?: number;
}

/** Points (facilities, elders per rounded position, sites): one colour and symbol per layer. */
export interface PointLayer {
  kind: 'points';
  key: string;
  name: string;
  color: string;
  symbol?: 'circle' | 'diamond' | 'triangle' | 'rect' | 'pin';
  /** Fixed size in pixels, or sized by `value` (√-scaled between 6 and 28 px). */
  size?: number | 'value';
  /** Write each point's label beside it. */
  labels?: boolean;
  points: MapPoint[];
}

/** Circles of a radius in metres round each centre (a service circle), drawn to scale. */
export interface CircleLayer {
  kind: 'circles';
  key: string;
  name: string;
  color: string;
  radiusM: number;
  centres: MapPoint[];
}

export type MapLayer = PointLayer | CircleLayer;

const GRID = { left: 56, right: 16, top: 40, bottom: 40 };

/**
 * The product's one map (issue 18 "What users see"): an ECharts longitude/latitude plot with no tiles (the
 * platform runs offline), projected so that a kilometre is as long across as up — distances and circles
 * look right. Layers of points and of circles of a radius in metres, a legend, and the same data as a
 * table for screen readers (and for anyone who prefers one).
 */
export function GeoMap({
  layers,
  title,
  testId = 'geo-map',
  tableTitle,
  height = 480,
  table = 'closed',
}: {
  layers: MapLayer[];
  title: string;
  testId?: string;
  tableTitle?: string;
  height?: number;
  /** The accessible table of the points: folded (default), open, or none (the page has its own). */
  table?: 'closed' | 'open' | 'none';
}) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [width, setWidth] = useState(0);
  const all = useMemo(() => layers.flatMap((l) => (l.kind === 'points' ? l.points : l.centres)), [layers]);
  const projection = useMemo(
    () => projectionAt(all.length ? all.reduce((a, p) => a + p.lat, 0) / all.length : 0),
    [all],
  );

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    setWidth(node.clientWidth);
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, [all.length]);

  useEffect(() => {
    if (!el.current || all.length === 0 || width === 0) return;
    const c = chart.current ?? init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const radiusKm = Math.max(0, ...layers.map((l) => (l.kind === 'circles' ? l.radiusM / 1000 : 0)));
    const box = equalAspect(
      all.map((p) => ({ x: projection.x(p.lng), y: projection.y(p.lat) })),
      width - GRID.left - GRID.right,
      height - GRID.top - GRID.bottom,
      Math.max(0.3, radiusKm * 1.1),
    );
    const maxValue = Math.max(
      1,
      ...layers.flatMap((l) => (l.kind === 'points' ? l.points.map((p) => p.value ?? 0) : [])),
    );
    const series = layers.map((l) => (l.kind === 'points' ? pointSeries(l, maxValue) : circleSeries(l)));
    const option: Option = {
      aria: { enabled: true },
      animation: false,
      grid: GRID,
      legend: { top: 4, data: layers.map((l) => l.name) },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (Array.isArray(p) ? p[0] : p) as
            { data?: { label?: string; count?: number }; seriesName?: string } | undefined;
          if (!d?.data?.label) return '';
          const n = d.data.count === undefined ? '' : ` · ${formatNumber(d.data.count)}`;
          return `${d.seriesName ?? ''}<br/>${d.data.label}${n}`;
        },
      },
      xAxis: {
        type: 'value',
        min: box.xMin,
        max: box.xMax,
        name: t('map.lng'),
        nameLocation: 'middle',
        nameGap: 26,
        axisLabel: { formatter: (x: number) => projection.lng(x).toFixed(2) },
        splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } },
      },
      yAxis: {
        type: 'value',
        min: box.yMin,
        max: box.yMax,
        name: t('map.lat'),
        nameLocation: 'middle',
        nameGap: 44,
        axisLabel: { formatter: (y: number) => projection.lat(y).toFixed(2) },
        splitLine: { lineStyle: { type: 'dashed', opacity: 0.5 } },
      },
      series,
    };
    c.setOption(option, true);
    c.resize();

    function pointSeries(l: PointLayer, max: number): ScatterSeriesOption {
      return {
        type: 'scatter',
        name: l.name,
        symbol: l.symbol ?? 'circle',
        itemStyle: { color: l.color, opacity: 0.85, borderColor: '#fff', borderWidth: 0.5 },
        label: { show: !!l.labels, position: 'right', formatter: '{b}', color: '#1a1a1a' },
        symbolSize:
          l.size === 'value' ? (v: number[]) => 6 + 22 * Math.sqrt((v[2] ?? 0) / max) : (l.size ?? 10),
        data: l.points.map((p) => ({
          value: [projection.x(p.lng), projection.y(p.lat), p.value ?? 0],
          name: p.label,
          count: p.value,
        })),
      };
    }
    function circleSeries(l: CircleLayer): CustomSeriesOption {
      const km = l.radiusM / 1000;
      return {
        type: 'custom',
        name: l.name,
        silent: true,
        itemStyle: { color: l.color },
        renderItem: (_params, api) => {
          const centre = api.coord([api.value(0), api.value(1)]);
          const size = api.size?.([km, km]) as number[];
          return {
            type: 'circle',
            shape: { cx: centre[0]!, cy: centre[1]!, r: size[0]! },
            style: { fill: l.color, opacity: 0.18, stroke: l.color, lineWidth: 1 },
          };
        },
        data: l.centres.map((p) => [projection.x(p.lng), projection.y(p.lat)]),
      };
    }
  }, [all, layers, projection, t, width, height]);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  const rows = layers.flatMap((l) =>
    (l.kind === 'points' ? l.points : l.centres).map((p) => ({
      ...p,
      key: `${l.key}:${p.id}`,
      layer: l.name,
    })),
  );

  if (all.length === 0) return <Empty description={t('map.empty')} data-testid={`${testId}-empty`} />;
  return (
    <div>
      <div
        ref={el}
        role="img"
        aria-label={`${title} · ${layers.map((l) => `${l.name} ${(l.kind === 'points' ? l.points : l.centres).length}`).join('，')}`}
        data-testid={testId}
        style={{ width: '100%', height }}
      />
      {table !== 'none' && (
        <details data-testid={`${testId}-table`} open={table === 'open'}>
          <summary>{tableTitle ?? t('map.asTable')}</summary>
          <Table
            size="small"
            rowKey="key"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={rows}
            columns={[
              { key: 'layer', title: t('map.layer'), dataIndex: 'layer' },
              { key: 'label', title: t('map.name'), dataIndex: 'label' },
              {
                key: 'value',
                title: t('map.count'),
                dataIndex: 'value',
                align: 'right',
                render: (v: number | undefined) => (v === undefined ? '—' : formatNumber(v)),
              },
              { key: 'lat', title: t('map.lat'), dataIndex: 'lat', render: (v: number) => v.toFixed(4) },
              { key: 'lng', title: t('map.lng'), dataIndex: 'lng', render: (v: number) => v.toFixed(4) },
            ]}
          />
        </details>
      )}
    </div>
  );
}
