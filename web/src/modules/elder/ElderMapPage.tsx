import { useEffect, useMemo, useRef } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
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
import { Link } from 'react-router';
import { regionLevel } from '@yiyang/contracts';
import { formatNumber } from '../../app/format.ts';
import { REGION_PARAM, useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ELDERS_KEY, fetchStatsByRegion } from './elderApi.ts';
import { bubbleSize, statsRows, statsToScatter, type ScatterPoint } from './elderHelpers.ts';
import type { RegionCount } from './elderHelpers.ts';

use([ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<ScatterSeriesOption | GridComponentOption | TooltipComponentOption>;

/**
 * Elders per village/community as bubbles on their coordinates. No map tiles
 * (the platform runs offline): a plain longitude/latitude scatter, with the
 * same numbers in a table for screen readers and regions without coordinates.
 */
export default function ElderMapPage() {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const q = useQuery({
    queryKey: [ELDERS_KEY, 'stats-by-region', regionCode],
    queryFn: ({ signal }) => fetchStatsByRegion(regionCode, signal),
  });
  const rows = useMemo(() => statsRows(q.data), [q.data]);
  const scatter = useMemo(() => statsToScatter(rows), [rows]);

  useEffect(() => {
    if (!el.current || scatter.points.length === 0) return;
    const c = chart.current ?? init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const option: Option = {
      aria: { enabled: true },
      grid: { left: 64, right: 24, top: 24, bottom: 48 },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = (Array.isArray(p) ? p[0] : p)?.data as ScatterPoint | undefined;
          return d ? `${d.name}<br/>${t('elder.mapCount')}: ${formatNumber(d.value[2])}` : '';
        },
      },
      xAxis: { type: 'value', scale: true, name: t('elder.mapLng'), nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', scale: true, name: t('elder.mapLat'), nameLocation: 'middle', nameGap: 48 },
      series: [
        {
          type: 'scatter',
          data: scatter.points,
          symbolSize: (v: number[]) => bubbleSize(v[2] ?? 0, scatter.max),
          itemStyle: { color: 'rgba(10,107,90,0.55)', borderColor: '#0a6b5a' },
          label: {
            show: true,
            position: 'right',
            formatter: (p) => (p.data as ScatterPoint).name,
            color: '#1a1a1a',
          },
          emphasis: { focus: 'self' },
        },
      ],
    };
    c.setOption(option, true);
    const onResize = () => c.resize();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [scatter, t]);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  return (
    <div data-testid="elder-map-page">
      <Typography.Paragraph type="secondary">{t('elder.mapHint')}</Typography.Paragraph>
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('elder.mapEmpty')} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={<h2 className="yy-card-title">{t('elder.mapTitle')}</h2>}>
              <Statistic title={t('elder.mapCount')} value={scatter.total} style={{ marginBottom: 8 }} />
              {scatter.points.length > 0 ? (
                <div
                  ref={el}
                  data-testid="elder-map"
                  role="img"
                  aria-label={`${t('elder.mapTitle')} · ${t('elder.mapTotal', { count: scatter.total })}`}
                  style={{ width: '100%', height: 520 }}
                />
              ) : (
                <Empty description={t('elder.mapNoCoords')} />
              )}
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={<h2 className="yy-card-title">{t('elder.mapCount')}</h2>}>
              {scatter.unplaced.length > 0 && scatter.points.length > 0 && (
                <Typography.Paragraph type="secondary">
                  {t('elder.mapNoCoords')}: {scatter.unplaced.map((u) => u.regionName).join('、')}
                </Typography.Paragraph>
              )}
              <Table<RegionCount>
                size="small"
                rowKey="regionCode"
                pagination={false}
                scroll={{ y: 460 }}
                data-testid="elder-map-table"
                dataSource={[...rows].sort((a, b) => b.count - a.count)}
                columns={[
                  {
                    key: 'name',
                    title: t('elder.region'),
                    dataIndex: 'regionName',
                    // Drill down: a street/town opens its villages on the map, a village opens its list.
                    render: (name: string, r) => (
                      <Link
                        to={`${regionLevel(r.regionCode) === 'village' ? '/elders' : '/elders/map'}?${REGION_PARAM}=${r.regionCode}`}
                        data-testid="elder-map-region"
                      >
                        {name}
                      </Link>
                    ),
                  },
                  {
                    key: 'count',
                    title: t('elder.mapCount'),
                    dataIndex: 'count',
                    align: 'right',
                    render: (n: number) => formatNumber(n),
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
