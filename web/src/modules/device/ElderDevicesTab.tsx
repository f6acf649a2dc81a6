import { Empty, List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEVICE_TYPE_LABELS } from '@yiyang/contracts';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { HealthTag, TaskTags } from './DeviceHealth.tsx';
import type { DeviceView } from './deviceTypes.ts';

/** The devices tab of the elder's record: their devices, online or not, battery, last heard, open tasks. */
export default function ElderDevicesTab({ elderId }: { elderId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const q = useQuery({
    queryKey: ['devices', 'elder', elderId],
    queryFn: ({ signal }) =>
      api.get<{ items: DeviceView[] }>(`/elders/${encodeURIComponent(elderId)}/devices`, undefined, {
        signal,
      }),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <List
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: <Empty description={t('device.empty')} /> }}
      data-testid="elder-devices"
      renderItem={(d) => (
        <List.Item>
          <strong>{en ? DEVICE_TYPE_LABELS[d.type].en : DEVICE_TYPE_LABELS[d.type].zh}</strong>&nbsp;
          {d.serial} <HealthTag health={d.health} /> {d.battery === null ? '' : <Tag>{`${d.battery}%`}</Tag>}{' '}
          {t('device.lastSeen')}: {d.lastSeenAt ? formatDateTime(d.lastSeenAt) : t('device.never')}{' '}
          <TaskTags tasks={d.openTasks} />
        </List.Item>
      )}
    />
  );
}
