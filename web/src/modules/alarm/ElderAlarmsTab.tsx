import { List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { ALARMS_KEY, fetchAlarms } from './alarmApi.ts';
import { alarmColor } from './alarmFormat.ts';

/** The alarm tab of the elder's record: every alarm of theirs, newest first. */
export default function ElderAlarmsTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [ALARMS_KEY, 'elder', elderId],
    queryFn: ({ signal }) => fetchAlarms({ elderId }, signal),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <List
      loading={q.isLoading}
      dataSource={q.data?.items ?? []}
      locale={{ emptyText: t('alarm.noHistory') }}
      data-testid="elder-alarms"
      renderItem={(a) => (
        <List.Item>
          {formatDateTime(a.receivedAt)} <strong>{t(`alarm.kinds.${a.kind}`)}</strong> ·{' '}
          {t(`alarm.sources.${a.source}`)}{' '}
          <Tag color={alarmColor(a.status)}>{t(`alarm.statuses.${a.status}`)}</Tag>
          {a.outcome && <Tag>{t(`alarm.outcomes.${a.outcome}`)}</Tag>}
          {a.closeNote}
        </List.Item>
      )}
    />
  );
}
