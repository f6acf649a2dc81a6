import { useMemo, useState } from 'react';
import { Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { regionLevel } from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { DateField } from '../../app/DateField.tsx';
import { formatNumber } from '../../app/format.ts';
import { tableScroll } from '../../app/table.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { REGION_PARAM, useCurrentRegion } from '../region/RegionContext.tsx';
import { CoverageBars } from './CoverageBars.tsx';
import { CircleSection } from './CircleSection.tsx';
import { decimal, percent } from './coverageFormat.ts';
import type { CircleView, RatesView } from './coverageTypes.ts';

export const COVERAGE_KEY = 'coverage';

/**
 * 覆盖与服务圈 (issue 18 §3, §5–6): the coverage rates of the region's streets/towns or communities as of a
 * date — communities covered (urban and rural), social operation, nursing beds, beds per 1,000 elders —
 * with a drill-down; then the 15-minute service circle: shares, the elders outside, site suggestions and
 * the map.
 */
export default function CoveragePage() {
  const { t } = useTranslation();
  const { regionCode } = useCurrentRegion();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const region = regionCode ?? undefined;
  const rates = useQuery({
    queryKey: [COVERAGE_KEY, 'rates', region, asOf],
    queryFn: ({ signal }) => api.get<RatesView>('/coverage', { region, asOf }, { signal }),
  });
  const circle = useQuery({
    queryKey: [COVERAGE_KEY, 'circle', region],
    queryFn: ({ signal }) => api.get<CircleView>('/coverage/circle', { region }, { signal }),
  });
  const shareOf = useMemo(
    () => new Map((circle.data?.rows ?? []).map((r) => [r.regionCode, r.share])),
    [circle.data],
  );
  const bars = useMemo(() => {
    const rows = rates.data?.rows ?? [];
    return {
      names: rows.map((r) => r.regionName),
      series: [
        { name: t('coverage.coverageRate'), values: rows.map((r) => r.coverageRate), color: '#0a6b5a' },
        {
          name: t('coverage.share'),
          values: rows.map((r) => shareOf.get(r.regionCode) ?? null),
          color: '#d48806',
        },
      ],
    };
  }, [rates.data, shareOf, t]);

  const columns: ColumnsType<RatesView['rows'][number]> = [
    {
      key: 'name',
      title: t('coverage.region'),
      dataIndex: 'regionName',
      fixed: 'left',
      width: 160,
      // Drill down: a street/town opens its communities here; a community or village opens its elders.
      render: (name: string, r) =>
        regionLevel(r.regionCode) === 'village' ? (
          <Link to={`/elders?${REGION_PARAM}=${r.regionCode}`} data-testid="coverage-elders">
            {name}
          </Link>
        ) : (
          <Link to={`/coverage?${REGION_PARAM}=${r.regionCode}`} data-testid="coverage-drill">
            {name}
          </Link>
        ),
    },
    {
      key: 'covered',
      title: t('coverage.covered'),
      width: 110,
      align: 'right',
      render: (_: unknown, r) => `${r.covered} / ${r.communities}`,
    },
    {
      key: 'rate',
      title: t('coverage.coverageRate'),
      width: 100,
      align: 'right',
      render: (_: unknown, r) => percent(r.coverageRate),
    },
    {
      key: 'urban',
      title: t('coverage.urbanRate'),
      width: 120,
      align: 'right',
      render: (_: unknown, r) => percent(r.urbanRate),
    },
    {
      key: 'rural',
      title: t('coverage.ruralRate'),
      width: 100,
      align: 'right',
      render: (_: unknown, r) => percent(r.ruralRate),
    },
    {
      key: 'facilities',
      title: t('coverage.facilities'),
      dataIndex: 'facilities',
      width: 100,
      align: 'right',
    },
    {
      key: 'social',
      title: t('coverage.socialRate'),
      width: 120,
      align: 'right',
      render: (_: unknown, r) => percent(r.socialRate),
    },
    {
      key: 'nursing',
      title: t('coverage.nursingShare'),
      width: 120,
      align: 'right',
      render: (_: unknown, r) => percent(r.nursingShare),
    },
    { key: 'beds', title: t('coverage.beds'), dataIndex: 'beds', width: 80, align: 'right' },
    {
      key: 'elders',
      title: t('coverage.elders'),
      dataIndex: 'elders',
      width: 90,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      key: 'per1000',
      title: t('coverage.bedsPer1000'),
      width: 140,
      align: 'right',
      render: (_: unknown, r) => decimal(r.bedsPer1000),
    },
  ];

  const total = rates.data?.total;
  return (
    <section aria-labelledby="coverage-title" data-testid="coverage-page">
      <Typography.Title level={1} className="yy-page-title" id="coverage-title">
        {t('coverage.title')}
        {rates.data ? ` · ${rates.data.region.name}` : ''}
      </Typography.Title>
      <div className="yy-toolbar">
        <DateField value={asOf} onChange={setAsOf} ariaLabel={t('coverage.asOf')} testId="coverage-asof" />
      </div>
      {rates.error && <LoadError error={rates.error} onRetry={() => void rates.refetch()} />}
      {rates.isPending ? (
        <Skeleton active />
      ) : total ? (
        <>
          <Row gutter={[16, 16]} data-testid="coverage-totals">
            {(
              [
                ['coverageRate', percent(total.coverageRate)],
                ['urbanRate', percent(total.urbanRate)],
                ['ruralRate', percent(total.ruralRate)],
                ['socialRate', percent(total.socialRate)],
                ['nursingShare', percent(total.nursingShare)],
                ['bedsPer1000', decimal(total.bedsPer1000)],
                ['share', percent(circle.data?.total.share)],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} md={8} xl={3}>
                <Card size="small">
                  <Statistic title={t(`coverage.${k}`)} value={v} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card title={<h2 className="yy-card-title">{t('coverage.rates')}</h2>} style={{ marginTop: 16 }}>
            <CoverageBars names={bars.names} series={bars.series} label={t('coverage.ratesChart')} />
            <Table
              size="small"
              rowKey="regionCode"
              data-testid="coverage-rates"
              pagination={false}
              scroll={tableScroll(1240, rates.data?.rows)}
              dataSource={rates.data?.rows}
              columns={columns}
            />
          </Card>
        </>
      ) : null}
      <CircleSection region={region} circle={circle} />
    </section>
  );
}
