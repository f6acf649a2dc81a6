import { App, Button, Card, Col, Row, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client.ts';
import { formatDateTime, formatNumber } from '../../app/format.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { GeoMap, type MapLayer } from '../../app/map/GeoMap.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { decimal, percent } from './coverageFormat.ts';
import type { CircleView, MapView, OutsideElder, Suggestion, SuggestionsView } from './coverageTypes.ts';

const KEY = 'coverage';

/** The 15-minute service circle of the region: shares per child region, the elders outside, sites, the map. */
export function CircleSection({
  region,
  circle,
}: {
  region: string | undefined;
  circle: UseQueryResult<CircleView>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const client = useQueryClient();
  const outside = usePaged<OutsideElder>(`${KEY}-outside`, '/coverage/circle/outside', { region });
  const sites = useQuery({
    queryKey: [KEY, 'suggestions', region],
    queryFn: ({ signal }) => api.get<SuggestionsView>('/coverage/suggestions', { region, k: 5 }, { signal }),
  });
  const map = useQuery({
    queryKey: [KEY, 'map', region],
    queryFn: ({ signal }) => api.get<MapView>('/coverage/map', { region }, { signal }),
  });
  const recompute = useMutation({
    mutationFn: () => api.post<{ computed: number }>('/coverage/circle/recompute', region ? { region } : {}),
    onSuccess: (r) => {
      void message.success(t('coverage.recomputed', { n: r.computed }));
      void client.invalidateQueries({ queryKey: [KEY] });
      void client.invalidateQueries({ queryKey: [`${KEY}-outside`] });
    },
    onError: (e) => void message.error(isApiError(e) ? e.detail : t('common.loadFailed')),
  });
  const siteName = (s: Suggestion) =>
    s.kind === 'planned_facility'
      ? (s.facilityName ?? t('coverage.kinds.planned_facility'))
      : t('coverage.centreOf', { name: s.regionName ?? s.regionCode });
  const m = circle.data?.model;
  const layers: MapLayer[] = map.data
    ? [
        {
          kind: 'circles',
          key: 'circles',
          name: t('coverage.mapCircles'),
          color: '#52c41a',
          radiusM: map.data.radiusM,
          centres: map.data.facilities.map((f) => ({ id: f.id, lat: f.lat, lng: f.lng, label: f.name })),
        },
        {
          kind: 'points',
          key: 'facilities',
          name: t('coverage.mapFacilities'),
          color: '#0a6b5a',
          symbol: 'diamond',
          size: 12,
          points: map.data.facilities.map((f) => ({ id: f.id, lat: f.lat, lng: f.lng, label: f.name })),
        },
        {
          kind: 'points',
          key: 'outside',
          name: t('coverage.mapOutside'),
          color: '#cf1322',
          size: 'value',
          points: map.data.outside.map((c) => ({
            id: `${c.lat},${c.lng}`,
            lat: c.lat,
            lng: c.lng,
            label: `${c.lat.toFixed(2)}, ${c.lng.toFixed(2)}`,
            value: c.count,
          })),
        },
        {
          kind: 'points',
          key: 'sites',
          name: t('coverage.mapSuggestions'),
          color: '#1677ff',
          symbol: 'triangle',
          size: 16,
          points: (sites.data?.items ?? []).map((s) => ({
            id: s.key,
            lat: s.lat,
            lng: s.lng,
            label: siteName(s),
            value: s.gain,
          })),
        },
      ]
    : [];

  return (
    <>
      <Card
        title={<h2 className="yy-card-title">{t('coverage.circle')}</h2>}
        style={{ marginTop: 16 }}
        data-testid="coverage-circle"
        extra={
          can('facility:write') && (
            <Button
              onClick={() => recompute.mutate()}
              loading={recompute.isPending}
              data-testid="coverage-recompute"
            >
              {t('coverage.recompute')}
            </Button>
          )
        }
      >
        {circle.error && <LoadError error={circle.error} onRetry={() => void circle.refetch()} />}
        {m && (
          <Typography.Paragraph type="secondary">
            {t('coverage.circleHint', {
              detour: m.detour,
              speed: m.speedKmh,
              minutes: m.minutes,
              radius: m.radiusM,
            })}{' '}
            {circle.data?.computedAt
              ? t('coverage.computedAt', { at: formatDateTime(circle.data.computedAt) })
              : t('coverage.notComputed')}
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          rowKey="regionCode"
          pagination={false}
          data-testid="coverage-circle-table"
          loading={circle.isPending}
          dataSource={circle.data?.rows}
          columns={[
            { key: 'name', title: t('coverage.region'), dataIndex: 'regionName' },
            {
              key: 'within',
              title: t('coverage.within'),
              dataIndex: 'within',
              align: 'right',
              render: (n: number) => formatNumber(n),
            },
            {
              key: 'outside',
              title: t('coverage.outside'),
              dataIndex: 'outside',
              align: 'right',
              render: (n: number) => formatNumber(n),
            },
            {
              key: 'unknown',
              title: t('coverage.unknown'),
              dataIndex: 'unknown',
              align: 'right',
              render: (n: number) => formatNumber(n),
            },
            {
              key: 'share',
              title: t('coverage.share'),
              dataIndex: 'share',
              align: 'right',
              render: (r: number | null) => percent(r),
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="yy-card-title">{t('coverage.outsideList')}</h2>}>
            {outside.error && <LoadError error={outside.error} onRetry={() => void outside.refetch()} />}
            <Table<OutsideElder>
              size="small"
              rowKey="elderId"
              pagination={false}
              data-testid="coverage-outside"
              loading={outside.isPending}
              dataSource={outside.rows}
              columns={[
                { key: 'name', title: t('coverage.name'), dataIndex: 'nameMasked' },
                { key: 'region', title: t('coverage.region'), dataIndex: 'regionName' },
                {
                  key: 'minutes',
                  title: t('coverage.minutes'),
                  dataIndex: 'minutes',
                  align: 'right',
                  render: (x: number | null) => decimal(x),
                },
                {
                  key: 'nearest',
                  title: t('coverage.nearest'),
                  dataIndex: 'facilityName',
                  render: (x: string | null) => x ?? t('coverage.none'),
                },
              ]}
            />
            <LoadMore list={outside} testId="coverage-outside-more" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="yy-card-title">{t('coverage.suggestions')}</h2>}>
            <Typography.Paragraph type="secondary">{t('coverage.suggestionsHint')}</Typography.Paragraph>
            {sites.error && <LoadError error={sites.error} onRetry={() => void sites.refetch()} />}
            <Table<Suggestion>
              size="small"
              rowKey="key"
              pagination={false}
              data-testid="coverage-suggestions"
              loading={sites.isPending}
              dataSource={sites.data?.items}
              columns={[
                { key: 'site', title: t('coverage.site'), render: (_: unknown, s) => siteName(s) },
                {
                  key: 'kind',
                  title: t('coverage.region'),
                  render: (_: unknown, s) => t(`coverage.kinds.${s.kind}`),
                },
                {
                  key: 'gain',
                  title: t('coverage.gain'),
                  dataIndex: 'gain',
                  align: 'right',
                  render: (n: number) => formatNumber(n),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card title={<h2 className="yy-card-title">{t('coverage.map')}</h2>} style={{ marginTop: 16 }}>
        {map.error && <LoadError error={map.error} onRetry={() => void map.refetch()} />}
        {map.data && <GeoMap layers={layers} title={t('coverage.map')} testId="coverage-map" />}
      </Card>
    </>
  );
}
