import { useState } from 'react';
import { Button, Card, Col, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Caregiver, StaffIndicatorRow, StaffShift } from '@yiyang/contracts';
import { useSession } from '../../app/session.tsx';
import { tableScroll } from '../../app/table.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { StatusTag } from '../layout/StatusTag.tsx';
import { CaregiverDrawer } from './CaregiverDrawer.tsx';
import { useCaregivers, useStaffIndicators } from './staffApi.ts';

type T = TFunction;

/** "周一、周二 08:00–17:00; 周六 08:00–12:00": weekdays grouped by their hours. */
function shiftSummary(shifts: StaffShift[], t: T): string {
  const byHours = new Map<string, number[]>();
  for (const s of shifts)
    byHours.set(`${s.start}–${s.end}`, [...(byHours.get(`${s.start}–${s.end}`) ?? []), s.weekday]);
  return [...byHours]
    .map(([hours, days]) => `${days.map((d) => t(`staff.weekdays.${d as 1}`)).join('、')} ${hours}`)
    .join('；');
}

function rateText(t: T, rate: number | null, n: number, of: number): string {
  return rate === null ? t('staff.noRate') : t('staff.rateValue', { rate: (rate * 100).toFixed(1), n, of });
}

function IndicatorCards({ row, asOf }: { row: StaffIndicatorRow; asOf: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} data-testid="staff-indicators">
      <Col xs={24} md={8}>
        <Card>
          <Statistic title={t('staff.activeCaregivers')} value={row.activeCaregivers} />
          <Typography.Text type="secondary">{t('staff.asOf', { date: asOf })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card>
          <Tooltip title={t('staff.certifiedRateHint')}>
            <Statistic
              title={t('staff.certifiedRate')}
              value={rateText(t, row.certifiedRate, row.certified, row.activeCaregivers)}
              data-testid="staff-certified-rate"
            />
          </Tooltip>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card>
          <Tooltip title={t('staff.preJobTrainingRateHint')}>
            <Statistic
              title={t('staff.preJobTrainingRate')}
              value={rateText(t, row.preJobTrainingRate, row.preJobTrained, row.activeCaregivers)}
              data-testid="staff-training-rate"
            />
          </Tooltip>
        </Card>
      </Col>
    </Row>
  );
}

function Indicators({ regionCode }: { regionCode: string | null }) {
  const { t } = useTranslation();
  const q = useStaffIndicators(regionCode);
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return null;
  const { providers, total, asOf } = q.data;
  return (
    <section aria-labelledby="staff-indicators-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id="staff-indicators-title" style={{ fontSize: 18 }}>
        {t('staff.indicators')}
      </Typography.Title>
      <IndicatorCards row={total} asOf={asOf} />
      {providers.length > 1 && (
        <Table
          rowKey="organisationId"
          size="small"
          style={{ marginTop: 16 }}
          pagination={false}
          caption={t('staff.byProvider')}
          dataSource={providers}
          columns={[
            { key: 'name', title: t('staff.provider'), dataIndex: 'name' },
            { key: 'n', title: t('staff.activeCaregivers'), dataIndex: 'activeCaregivers', width: 120 },
            {
              key: 'c',
              title: t('staff.certifiedRate'),
              render: (_: unknown, r: StaffIndicatorRow) =>
                rateText(t, r.certifiedRate, r.certified, r.activeCaregivers),
            },
            {
              key: 'p',
              title: t('staff.preJobTrainingRate'),
              render: (_: unknown, r: StaffIndicatorRow) =>
                rateText(t, r.preJobTrainingRate, r.preJobTrained, r.activeCaregivers),
            },
          ]}
        />
      )}
    </section>
  );
}

/** Red with ≥ 4.5:1 text contrast (antd's preset red is lighter). */
const EXPIRED = { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' };

function Credentials({ row }: { row: Caregiver }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {row.validKinds.map((k) => (
        <StatusTag key={k} active>
          {t(`staff.kinds.${k}`)}
        </StatusTag>
      ))}
      {row.expiredKinds.map((k) => (
        <Tag key={k} style={EXPIRED}>
          {t('staff.credentialExpired', { kind: t(`staff.kinds.${k}`) })}
        </Tag>
      ))}
    </Space>
  );
}

/** The provider admin's caregivers: credentials, training, shifts and leave, and the workforce indicators. */
export default function CaregiversPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const list = useCaregivers(regionCode);
  const [open, setOpen] = useState<Caregiver | null>(null);
  const items = list.data ?? [];
  return (
    <section aria-labelledby="staff-title">
      <Typography.Title level={1} className="yy-page-title" id="staff-title">
        {t('staff.title')}
      </Typography.Title>
      <Indicators regionCode={regionCode} />
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Caregiver>
        rowKey="userId"
        data-testid="caregiver-table"
        loading={list.isPending && !list.error}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('staff.empty') }}
        scroll={tableScroll(1300, items)}
        columns={[
          { key: 'name', title: t('staff.name'), dataIndex: 'displayName', fixed: 'left', width: 130 },
          { key: 'org', title: t('staff.provider'), dataIndex: 'organisationName', width: 180 },
          {
            key: 'level',
            title: t('staff.level'),
            dataIndex: 'caregiverLevel',
            width: 130,
            render: (v: number | null) => (v ? t(`staff.levels.${v as 1}`) : ''),
          },
          {
            key: 'cred',
            title: t('staff.credentials'),
            width: 260,
            render: (_: unknown, r: Caregiver) => <Credentials row={r} />,
          },
          {
            key: 'preJob',
            title: t('staff.preJobTrained'),
            dataIndex: 'preJobTrained',
            width: 100,
            render: (v: boolean) => <StatusTag active={v}>{v ? t('common.yes') : t('common.no')}</StatusTag>,
          },
          {
            key: 'hours',
            title: t('staff.trainingHours'),
            dataIndex: 'trainingHours',
            width: 100,
            render: (v: number) => t('staff.hoursValue', { hours: v }),
          },
          {
            key: 'shifts',
            title: t('staff.shifts'),
            width: 320,
            render: (_: unknown, r: Caregiver) => shiftSummary(r.shifts, t),
          },
          {
            key: 'leaves',
            title: t('staff.leaves'),
            width: 200,
            render: (_: unknown, r: Caregiver) =>
              r.leaves.map((l) => <div key={l.id}>{t('staff.onLeave', { from: l.from, to: l.to })}</div>),
          },
          {
            key: 'status',
            title: t('staff.status'),
            dataIndex: 'status',
            width: 80,
            render: (v: string) => (
              <StatusTag active={v === 'active'}>
                {t(`staff.statusValues.${v === 'active' ? 'active' : 'disabled'}`)}
              </StatusTag>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            width: 100,
            render: (_: unknown, r: Caregiver) => (
              <Button
                type="link"
                icon={<SettingOutlined />}
                aria-label={`${t('staff.manage')} ${r.displayName}`}
                data-testid={`caregiver-manage-${r.username}`}
                onClick={() => setOpen(r)}
              >
                {can('staff:write') ? t('staff.manage') : t('common.more')}
              </Button>
            ),
          },
        ]}
      />
      <CaregiverDrawer caregiver={open} onClose={() => setOpen(null)} writable={can('staff:write')} />
    </section>
  );
}
