import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import {
  ApartmentOutlined,
  BankOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../app/session.tsx';
import type { ReactNode } from 'react';
import { api } from '../../api/client.ts';
import type { StatsOverview } from '@yiyang/contracts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { CareIndicators } from './CareIndicators.tsx';

type CountKey = keyof StatsOverview['counts'];
const CARDS: { key: CountKey; icon: ReactNode }[] = [
  { key: 'streets', icon: <ApartmentOutlined /> },
  { key: 'towns', icon: <ApartmentOutlined /> },
  { key: 'communities', icon: <EnvironmentOutlined /> },
  { key: 'villages', icon: <HomeOutlined /> },
  { key: 'organisations', icon: <BankOutlined /> },
  { key: 'users', icon: <TeamOutlined /> },
  { key: 'elders', icon: <UserOutlined /> },
];

const DIVISIONS: readonly CountKey[] = ['streets', 'towns', 'communities', 'villages'];

export default function HomePage() {
  const { t } = useTranslation();
  const { regionCode, regionName } = useCurrentRegion();
  const { can } = useSession();
  const { search } = useLocation();
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['stats-overview', regionCode],
    queryFn: ({ signal }) =>
      api.get<StatsOverview>('/stats/overview', { regionCode: regionCode ?? undefined }, { signal }),
  });

  return (
    <section aria-labelledby="home-title">
      <Typography.Title level={1} className="yy-page-title" id="home-title">
        {t('home.overviewOf', { region: data?.regionName ?? regionName ?? '' })}
      </Typography.Title>
      {error && <LoadError error={error} onRetry={() => void refetch()} />}
      {!error && (
        <Row gutter={[16, 16]}>
          {CARDS.filter(({ key }) => key !== 'streets' || !data || data.counts.streets !== undefined)
            // Divisions below the region: a community has none, so no "街道 0 · 镇/乡 0" cards.
            .filter(({ key }) => !data || !DIVISIONS.includes(key) || (data.counts[key] ?? 0) > 0)
            .map(({ key, icon }) => (
              <Col key={key} xs={24} sm={12} lg={8} xxl={4}>
                <Card data-testid={`stat-${key}`}>
                  {key === 'elders' && can('elder:read') && !isPending ? (
                    // The count opens the registry in the same region.
                    <Link to={`/elders${search}`} className="yy-stat-link" data-testid="stat-elders-link">
                      <Statistic
                        title={t('home.counts.elders')}
                        value={data?.counts.elders ?? 0}
                        prefix={<span aria-hidden>{icon}</span>}
                      />
                    </Link>
                  ) : isPending ? (
                    <Skeleton active paragraph={false} />
                  ) : (
                    <Statistic
                      // Without a separate street count, "towns" covers every town-level unit.
                      title={t(
                        key === 'towns' && data?.counts.streets === undefined
                          ? 'home.counts.townsAll'
                          : `home.counts.${key}`,
                      )}
                      value={data?.counts[key] ?? 0}
                      prefix={<span aria-hidden>{icon}</span>}
                    />
                  )}
                </Card>
              </Col>
            ))}
        </Row>
      )}
      <CareIndicators regionCode={regionCode} search={search} />
    </section>
  );
}
