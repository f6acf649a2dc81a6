import { useEffect, useRef } from 'react';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { ScatterChart, type ScatterSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  type GridComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<ScatterSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface MapPoint {
  label: string;
  lat: number;
  lng: number;
}

/**
 * Where the alarm is: the alarm's position, the elder's home, the responder's arrival — on a plain
 * longitude/latitude plot like the elder map (no map tiles: the platform runs offline), with the same
 * points in a table for screen readers.
 */
export function AlarmMap({ points }: { points: MapPoint[] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!el.current || points.length === 0) return;
    const c = chart.current ?? init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const option: Option = {
      aria: { enabled: true },
      grid: { left: 56, right: 16, top: 16, bottom: 40 },
      tooltip: { trigger: 'item', formatter: (p) => String((p as { name?: string }).name ?? '') },
      xAxis: { type: 'value', scale: true, name: t('alarm.lng'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', scale: true, name: t('alarm.lat'), nameLocation: 'middle', nameGap: 40 },
      series: [
        {
          type: 'scatter',
          symbolSize: 14,
          label: { show: true, position: 'right', formatter: '{b}' },
          data: points.map((p) => ({ name: p.label, value: [p.lng, p.lat] })),
        },
      ],
    };
    c.setOption(option, true);
  }, [points, t]);
  useEffect(() => () => chart.current?.dispose(), []);
  if (points.length === 0) return null;
  return (
    <>
      <div ref={el} style={{ height: 220 }} aria-hidden data-testid="alarm-map" />
      <Table
        size="small"
        pagination={false}
        rowKey="label"
        caption={t('alarm.mapTable')}
        dataSource={points}
        columns={[
          { title: t('alarm.position'), dataIndex: 'label' },
          { title: t('alarm.lat'), dataIndex: 'lat' },
          { title: t('alarm.lng'), dataIndex: 'lng' },
        ]}
      />
    </>
  );
}
