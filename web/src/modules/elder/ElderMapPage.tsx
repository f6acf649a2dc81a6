import { useMemo } from 'react';
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { regionLevel } from '@yiyang/contracts';
import { formatNumber } from '../../app/format.ts';
import { GeoMap } from '../../app/map/GeoMap.tsx';
import { REGION_PARAM, useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ELDERS_KEY, fetchStatsByRegion } from './elderApi.ts';
import { statsRows, statsToScatter } from './elderHelpers.ts';
import type { RegionCount } from './elderHelpers.ts';

/**
 * Elders per village/community as bubbles on their coordinates, on the product's one map
 * (`app/map/GeoMap.tsx`: no tiles, the platform runs offline), with the same numbers in a table
 * for screen readers and regions without coordinates.
 */
export default function ElderMapPage() {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const q = useQuery({
    queryKey: [ELDERS_KEY, 'stats-by-region', regionCode],
    queryFn: ({ signal }) => fetchStatsByRegion(regionCode, signal),
  });
  const rows = useMemo(() => statsRows(q.data), [q.data]);
  const scatter = useMemo(() => statsToScatter(rows), [rows]);

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
                <GeoMap
                  title={`${t('elder.mapTitle')} · ${t('elder.mapTotal', { count: scatter.total })}`}
                  testId="elder-map"
                  height={520}
                  table="none"
                  layers={[
                    {
                      kind: 'points',
                      key: 'elders',
                      name: t('elder.mapCount'),
                      color: 'rgba(10,107,90,0.55)',
                      size: 'value',
                      labels: true,
                      points: scatter.points.map((p) => ({
                        id: p.code,
                        lng: p.value[0],
                        lat: p.value[1],
                        label: p.name,
                        value: p.value[2],
                      })),
                    },
                  ]}
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
