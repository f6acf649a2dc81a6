import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../layout/PageErrors.tsx';
import { errorText } from '../../app/errorText.ts';
import { ORDERS_KEY, fetchSuggestions, orderCommand } from './orderApi.ts';
import type { OrderDetail, OrderView, Suggestion } from './orderTypes.ts';

/** Ranked caregivers with their reasons; one click assigns (or reassigns) the order. */
export function SuggestionList({
  order,
  onAssigned,
}: {
  order: OrderView;
  onAssigned?: (o: OrderDetail) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [ORDERS_KEY, 'suggestions', order.id, order.status],
    queryFn: ({ signal }) => fetchSuggestions(order.id, signal),
  });
  const command = order.commands.includes('assign') ? 'assign' : 'reassign';
  const pick = async (s: Suggestion) => {
    setBusy(s.caregiverId);
    setError(null);
    try {
      const next = await orderCommand(order.id, command, { caregiverId: s.caregiverId });
      onAssigned?.(next);
      void qc.invalidateQueries({ queryKey: [ORDERS_KEY] });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <section aria-label={t('order.suggestions')}>
      <h3>{t('order.suggestions')}</h3>
      {error && <Alert type="error" showIcon message={error} data-testid="order-assign-error" />}
      <List<Suggestion>
        loading={q.isPending}
        data-testid="order-suggestions"
        dataSource={(q.data?.items ?? []).filter((s) => s.caregiverId !== order.caregiverId)}
        locale={{ emptyText: <Empty description={t('order.noSuggestions')} /> }}
        renderItem={(s, i) => (
          <List.Item
            actions={[
              s.eligible ? (
                <Button
                  key="pick"
                  type={i === 0 ? 'primary' : 'default'}
                  loading={busy === s.caregiverId}
                  onClick={() => void pick(s)}
                  data-testid="order-suggestion-assign"
                >
                  {t('order.assignThis')}
                </Button>
              ) : (
                <Tag key="no" color="red">
                  {t('order.notEligible')}
                </Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={`${s.displayName} · ${t('order.score')} ${s.score}`}
              description={
                <Space size={[4, 4]} wrap>
                  {s.reasons.map((r) => (
                    <Tag
                      key={r.code}
                      color={['credentials_missing', 'unavailable'].includes(r.code) ? 'red' : undefined}
                    >
                      {t(`order.dispatchReasons.${r.code}`, {
                        ...r.params,
                        kinds: Array.isArray(r.params?.kinds)
                          ? (r.params.kinds as string[])
                              .map((k) => t(`order.certificateKinds.${k}` as never, { defaultValue: k }))
                              .join('、')
                          : '',
                      })}
                    </Tag>
                  ))}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </section>
  );
}
