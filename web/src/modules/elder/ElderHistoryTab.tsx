import { Empty, Skeleton, Table, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { LoadError } from '../layout/PageErrors.tsx';
import { ELDERS_KEY, fetchHistory } from './elderApi.ts';
import { historyActor, historyChanges } from './elderHelpers.ts';
import type { ElderHistoryEntry } from '@yiyang/contracts';
import { useElderLabels } from './useElderLabels.ts';
import { useHistoryValue } from './useHistoryValue.tsx';

/** Versions, newest first: who, when, why, and each field before → after. */
export function ElderHistoryTab({ elderId }: { elderId: string }) {
  const { t } = useTranslation();
  const labels = useElderLabels();
  const q = useQuery({
    queryKey: [ELDERS_KEY, 'history', elderId],
    queryFn: ({ signal }) => fetchHistory(elderId, signal),
    select: (d) => [...d.items].sort((a, b) => b.version - a.version),
  });
  const value = useHistoryValue();
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  if (!q.data.length) return <Empty description={t('elder.history.none')} />;
  return (
    <Timeline
      data-testid="elder-history"
      items={q.data.map((h: ElderHistoryEntry) => ({
        key: h.version,
        content: (
          <div>
            <div>
              <Typography.Text type="secondary">{formatDateTime(h.changedAt)}</Typography.Text>
            </div>
            <Typography.Text strong>
              {t('elder.history.entry', {
                version: h.version,
                by: h.changedBy.id === null ? t('audit.system') : historyActor(h),
              })}
            </Typography.Text>
            {h.reason && (
              <div>
                <Typography.Text>{t('elder.history.reason', { reason: h.reason })}</Typography.Text>
              </div>
            )}
            {historyChanges(h).length > 0 && (
              <Table
                size="small"
                pagination={false}
                style={{ marginTop: 8 }}
                rowKey="field"
                dataSource={historyChanges(h)}
                columns={[
                  {
                    key: 'f',
                    title: t('elder.history.field'),
                    dataIndex: 'field',
                    render: (f: string) => labels.field(f),
                  },
                  {
                    key: 'b',
                    title: t('elder.history.before'),
                    dataIndex: 'before',
                    render: (v: unknown, r: { field: string }) => value(r.field, v),
                  },
                  {
                    key: 'a',
                    title: t('elder.history.after'),
                    dataIndex: 'after',
                    render: (v: unknown, r: { field: string }) => value(r.field, v),
                  },
                ]}
              />
            )}
          </div>
        ),
      }))}
    />
  );
}
