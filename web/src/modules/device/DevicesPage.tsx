import { useMemo, useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  DEVICE_STATUSES,
  DEVICE_TYPE_LABELS,
  DEVICE_TYPES,
  type DeviceStatus,
  type DeviceType,
} from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../app/format.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { tableScroll } from '../../app/table.ts';
import { usePaged } from '../../app/usePaged.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { DeviceTasksQueue, HealthTag, TaskTags } from './DeviceHealth.tsx';
import type { DeviceDetail, DeviceView } from './deviceTypes.ts';

const KEY = 'devices';
const PATH = '/devices';

/**
 * 设备管理 (issue 16 §1, §6): the call buttons, watches, radars and sensors of the region — type, vendor,
 * serial, binding, last seen, battery, and the messages received, malformed ones counted — and one device's
 * bindings and recent messages.
 */
export default function DevicesPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { regionCode } = useCurrentRegion();
  const [type, setType] = useState<DeviceType | null>(null);
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [serial, setSerial] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const query = useMemo(
    () => ({
      regionCode: regionCode ?? undefined,
      type: type ?? undefined,
      status: status ?? undefined,
      serial: serial || undefined,
    }),
    [regionCode, type, status, serial],
  );
  const list = usePaged<DeviceView>(KEY, PATH, query);
  const typeLabel = (x: DeviceType) => (en ? DEVICE_TYPE_LABELS[x].en : DEVICE_TYPE_LABELS[x].zh);

  const columns: ColumnsType<DeviceView> = [
    {
      key: 'serial',
      title: t('device.serial'),
      dataIndex: 'serial',
      fixed: 'left',
      width: 170,
      render: (s: string, row) => (
        // A button, not a link without href: reachable by keyboard inside the table's scroll region.
        <Button type="link" size="small" onClick={() => setOpenId(row.id)} data-testid="device-open">
          {s}
        </Button>
      ),
    },
    { key: 'type', title: t('device.type'), dataIndex: 'type', width: 150, render: typeLabel },
    { key: 'vendor', title: t('device.vendor'), dataIndex: 'vendor', width: 110 },
    {
      key: 'bound',
      title: t('device.boundTo'),
      width: 160,
      render: (_: unknown, d) =>
        d.bindings.length ? d.bindings.map((b) => b.elderNameMasked ?? '—').join('、') : t('device.unbound'),
    },
    {
      key: 'status',
      title: t('device.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: DeviceStatus) => <Tag>{t(`device.statuses.${s}`)}</Tag>,
    },
    {
      key: 'health',
      title: t('device.healthTitle'),
      dataIndex: 'health',
      width: 90,
      render: (h: DeviceView['health']) => <HealthTag health={h} />,
    },
    {
      key: 'battery',
      title: t('device.battery'),
      dataIndex: 'battery',
      width: 80,
      render: (b: number | null) => (b === null ? '—' : `${b}%`),
    },
    {
      key: 'lastSeen',
      title: t('device.lastHeartbeat'),
      dataIndex: 'lastSeenAt',
      width: 160,
      render: (v: string | null) => (v ? formatDateTime(v) : t('device.never')),
    },
    {
      key: 'tasks',
      title: t('device.openTasks'),
      width: 170,
      render: (_: unknown, d) => <TaskTags tasks={d.openTasks} />,
    },
    {
      key: 'messages',
      title: t('device.messages'),
      width: 130,
      render: (_: unknown, d) => (
        <span data-testid="device-counts">
          {d.messageCount}
          {d.malformedCount > 0 && <Tag color="red">{t('device.malformed', { n: d.malformedCount })}</Tag>}
        </span>
      ),
    },
  ];

  const registry = (
    <>
      <div className="yy-toolbar" role="search" aria-label={t('common.search')}>
        <Input.Search
          allowClear
          aria-label={t('device.searchSerial')}
          placeholder={t('device.searchSerial')}
          onSearch={(v) => setSerial(v.trim())}
          enterButton={t('common.search')}
          style={{ width: 260 }}
          data-testid="device-search"
        />
        <Select
          allowClear
          aria-label={t('device.type')}
          placeholder={t('device.type')}
          value={type}
          onChange={(v: DeviceType | undefined) => setType(v ?? null)}
          options={DEVICE_TYPES.map((x) => ({ value: x, label: typeLabel(x) }))}
          style={{ width: 180 }}
          popupMatchSelectWidth={false}
          data-testid="device-type-filter"
        />
        <Select
          allowClear
          aria-label={t('device.status')}
          placeholder={t('device.status')}
          value={status}
          onChange={(v: DeviceStatus | undefined) => setStatus(v ?? null)}
          options={DEVICE_STATUSES.map((s) => ({ value: s, label: t(`device.statuses.${s}`) }))}
          style={{ width: 140 }}
          data-testid="device-status-filter"
        />
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<DeviceView>
        rowKey="id"
        data-testid="device-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(1310, list.items)}
        columns={columns}
        locale={{ emptyText: <Empty description={t('device.empty')} /> }}
      />
      <LoadMore list={list} testId="device-load-more" />
      <DeviceDrawer id={openId} onClose={() => setOpenId(null)} typeLabel={typeLabel} />
    </>
  );
  return (
    <section aria-labelledby="devices-title">
      <Typography.Title level={1} className="yy-page-title" id="devices-title">
        {t('device.title')}
      </Typography.Title>
      <Tabs
        data-testid="device-tabs"
        items={[
          { key: 'registry', label: t('device.tabRegistry'), children: registry },
          {
            key: 'tasks',
            label: <span data-testid="device-tab-tasks">{t('device.tasksTitle')}</span>,
            children: <DeviceTasksQueue />,
          },
        ]}
      />
    </section>
  );
}

function DeviceDrawer({
  id,
  onClose,
  typeLabel,
}: {
  id: string | null;
  onClose: () => void;
  typeLabel: (x: DeviceType) => string;
}) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [KEY, 'detail', id],
    queryFn: ({ signal }) =>
      api.get<DeviceDetail>(`${PATH}/${encodeURIComponent(id!)}`, undefined, { signal }),
    enabled: id !== null,
  });
  const d = q.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={d?.serial ?? t('device.title')}
      data-testid="device-drawer"
    >
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {d && (
        <>
          <Descriptions column={2} size="small" bordered data-testid="device-detail">
            <Descriptions.Item label={t('device.type')}>{typeLabel(d.type)}</Descriptions.Item>
            <Descriptions.Item label={t('device.vendor')}>{d.vendor}</Descriptions.Item>
            <Descriptions.Item label={t('device.model')}>{d.model ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('device.status')}>
              {t(`device.statuses.${d.status}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('device.address')} span={2}>
              {d.addressMasked ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('device.installed')}>
              {[d.installedOn, d.installer].filter(Boolean).join(' · ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('device.heartbeat')}>
              {t('device.seconds', { n: d.heartbeatSeconds })}
            </Descriptions.Item>
            <Descriptions.Item label={t('device.boundTo')} span={2}>
              <span data-testid="device-bindings">
                {d.bindings.length
                  ? d.bindings.map((b) => b.elderNameMasked ?? '—').join('、')
                  : t('device.unbound')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('device.credentials')} span={2}>
              {d.hasCredentials ? t('device.credentialsSet') : t('device.credentialsNone')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('device.recent')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            data-testid="device-recent"
            dataSource={d.recentMessages}
            locale={{ emptyText: <Empty description={t('device.noMessages')} /> }}
            columns={[
              {
                key: 'at',
                title: t('device.receivedAt'),
                dataIndex: 'receivedAt',
                render: (v: string) => formatDateTime(v),
              },
              { key: 'channel', title: t('device.channel'), dataIndex: 'channel' },
              {
                key: 'outcome',
                title: t('device.outcome'),
                render: (_: unknown, m: DeviceDetail['recentMessages'][number]) =>
                  m.outcome === 'malformed' ? (
                    <Tag color="red">{t('device.outcomes.malformed')}</Tag>
                  ) : m.outcome === 'alarm' ? (
                    <Tag color="volcano">{t('device.outcomes.alarm')}</Tag>
                  ) : (
                    t('device.outcomes.stored')
                  ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
