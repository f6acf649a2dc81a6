import type { AlarmStatsCounts, DeviceType } from '@yiyang/contracts';
import { DEVICE_TYPE_LABELS } from '@yiyang/contracts';
import { lazy, Suspense, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Col, DatePicker, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { buildUrl } from '../../api/client.ts';
import { chinaDayFromNow } from '../../app/chinaDate.ts';
import { formatNumber, formatPercent } from '../../app/format.ts';
import { tableScroll } from '../../app/table.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { ALARMS_KEY, fetchAlarmStats } from './alarmApi.ts';
import { dailyOption, outcomeOption } from './alarmStatsCharts.ts';

const Chart = lazy(() => import('../../app/Chart.tsx'));

/** This month in China time, `YYYY-MM`. */
const thisMonth = () => chinaDayFromNow().slice(0, 7);

/**
 * 接警统计 (issue 17 §4): a month's answering figures in the current region against the targets of PRODUCT.md
 * §4.6, per day, device type, seat and region, with the monthly Excel report.
 */
export default function AlarmStatsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { regionCode } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month');
  const month = asked && /^20\d{2}-(0[1-9]|1[0-2])$/.test(asked) ? asked : thisMonth();
  const setMonth = (m: string) =>
    setParams(
      (p) => {
        p.set('month', m);
        return p;
      },
      { replace: true },
    );
  const q = useQuery({
    queryKey: [ALARMS_KEY, 'stats', regionCode, month],
    queryFn: ({ signal }) => fetchAlarmStats({ regionCode: regionCode ?? undefined, month }, signal),
  });
  const s = q.data;
  const daily = useMemo(
    () =>
      s
        ? dailyOption(s.daily, s.targets.ack60, {
            total: t('alarmStats.total'),
            ack60: t('alarmStats.ack60'),
            target: t('alarmStats.target', { value: formatPercent(s.targets.ack60) }),
          })
        : null,
    [s, t],
  );
  const outcomeName = (o: string | null) =>
    o ? t(`alarm.outcomes.${o}` as never) : t('alarmStats.notClosed');
  const outcomes = useMemo(
    () =>
      s
        ? outcomeOption(
            s.byOutcome.map((o) => ({
              name: o.outcome ? t(`alarm.outcomes.${o.outcome}` as never) : t('alarmStats.notClosed'),
              value: o.count,
            })),
          )
        : null,
    [s, t],
  );
  const typeName = (type: string) =>
    type in DEVICE_TYPE_LABELS
      ? DEVICE_TYPE_LABELS[type as DeviceType][en ? 'en' : 'zh']
      : t(`alarmStats.sourceLabels.${type}` as never, { defaultValue: type });

  const header = (
    <Space wrap style={{ marginBottom: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('alarmStats.title')}
      </Typography.Title>
      <DatePicker
        picker="month"
        aria-label={t('alarmStats.month')}
        allowClear={false}
        value={dayjs(`${month}-01`)}
        onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        data-testid="alarm-stats-month"
      />
      <Button
        icon={<DownloadOutlined aria-hidden />}
        href={buildUrl('/stats/alarms/report.xlsx', { regionCode, month, lang: i18n.language })}
        download
        data-testid="alarm-stats-download"
      >
        {t('alarmStats.download')}
      </Button>
    </Space>
  );
  if (q.error)
    return (
      <>
        {header}
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      </>
    );
  if (!s || !daily || !outcomes)
    return (
      <>
        {header}
        <Skeleton active />
      </>
    );

  return (
    <div data-testid="alarm-stats">
      {header}
      <Row gutter={[16, 16]}>
        <Target
          title={t('alarmStats.ack60')}
          share={s.ack60Share}
          target={s.targets.ack60}
          testId="stats-ack60"
        />
        <Target
          title={t('alarmStats.ack180')}
          share={s.ack180Share}
          target={s.targets.ack180}
          testId="stats-ack180"
        />
        <Target
          title={t('alarmStats.door45')}
          share={s.door45Share}
          target={s.targets.door45}
          testId="stats-door45"
        />
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('alarmStats.devicesOnline')}
              value={`${formatNumber(s.devices.online)} / ${formatNumber(s.devices.total)}`}
              data-testid="stats-devices"
            />
          </Card>
        </Col>
        <Figure title={t('alarmStats.total')} value={formatNumber(s.total)} testId="stats-total" />
        <Figure title={t('alarmStats.open')} value={formatNumber(s.open)} />
        <Figure
          title={t('alarmStats.ackP50')}
          value={s.ackP50Seconds === null ? '—' : t('alarmStats.seconds', { value: s.ackP50Seconds })}
        />
        <Figure
          title={t('alarmStats.doorP50')}
          value={s.doorP50Minutes === null ? '—' : t('alarmStats.minutes', { value: s.doorP50Minutes })}
        />
        <Figure title={t('alarmStats.falseShare')} value={formatPercent(s.falseShare)} testId="stats-false" />
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('alarmStats.definitions')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('alarmStats.daily')}>
            <Suspense fallback={<Skeleton active />}>
              <Chart option={daily} height={260} label={t('alarmStats.daily')} testId="alarm-stats-daily" />
            </Suspense>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('alarmStats.outcomes')}>
            <Suspense fallback={<Skeleton active />}>
              <Chart option={outcomes} height={260} label={t('alarmStats.outcomes')} />
            </Suspense>
            <ul className="yy-visually-hidden">
              {s.byOutcome.map((o) => (
                <li key={o.outcome ?? 'open'}>{`${outcomeName(o.outcome)}: ${o.count}`}</li>
              ))}
            </ul>
          </Card>
        </Col>
      </Row>
      <CountsTable
        title={t('alarmStats.byDeviceType')}
        first={t('alarmStats.deviceType')}
        rows={s.byDeviceType.map((r) => ({ ...r, key: r.type, name: typeName(r.type) }))}
        testId="stats-by-type"
      />
      <CountsTable
        title={t('alarmStats.bySeat')}
        first={t('alarmStats.seat')}
        rows={s.bySeat.map((r) => ({ ...r, key: r.userId, name: r.seatName ?? '—' }))}
        testId="stats-by-seat"
      />
      <CountsTable
        title={t('alarmStats.byRegion')}
        first={t('alarmStats.region')}
        rows={s.byRegion.map((r) => ({ ...r, key: r.regionCode, name: r.regionName }))}
        testId="stats-by-region"
      />
    </div>
  );
}

function Target(props: { title: string; share: number | null; target: number; testId: string }) {
  const { t } = useTranslation();
  const met = props.share !== null && props.share >= props.target;
  return (
    <Col xs={12} md={6}>
      <Card size="small">
        <Statistic title={props.title} value={formatPercent(props.share)} data-testid={props.testId} />
        <Space size={4}>
          <Typography.Text type="secondary">
            {t('alarmStats.target', { value: formatPercent(props.target) })}
          </Typography.Text>
          {props.share === null ? (
            <Tag>{t('alarmStats.noData')}</Tag>
          ) : (
            <StatusTag active={met}>{met ? t('alarmStats.met') : t('alarmStats.missed')}</StatusTag>
          )}
        </Space>
      </Card>
    </Col>
  );
}

function Figure(props: { title: string; value: string; testId?: string }) {
  return (
    <Col xs={12} md={6} lg={4}>
      <Card size="small">
        <Statistic title={props.title} value={props.value} data-testid={props.testId} />
      </Card>
    </Col>
  );
}

type Row = AlarmStatsCounts & { key: string; name: string };

function CountsTable(props: { title: string; first: string; rows: Row[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={props.title} style={{ marginTop: 16 }}>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={tableScroll(880, props.rows)}
        dataSource={props.rows}
        data-testid={props.testId}
        columns={[
          { title: props.first, dataIndex: 'name' },
          {
            title: t('alarmStats.total'),
            dataIndex: 'total',
            align: 'right',
            render: (v: number) => formatNumber(v),
          },
          { title: t('alarmStats.ack60'), dataIndex: 'ack60Share', align: 'right', render: formatPercent },
          { title: t('alarmStats.ack180'), dataIndex: 'ack180Share', align: 'right', render: formatPercent },
          { title: t('alarmStats.dispatches'), dataIndex: 'doorDue', align: 'right' },
          { title: t('alarmStats.door45'), dataIndex: 'door45Share', align: 'right', render: formatPercent },
          { title: t('alarmStats.falseAlarms'), dataIndex: 'falseAlarms', align: 'right' },
          {
            title: t('alarmStats.falseShare'),
            dataIndex: 'falseShare',
            align: 'right',
            render: formatPercent,
          },
        ]}
      />
    </Card>
  );
}
