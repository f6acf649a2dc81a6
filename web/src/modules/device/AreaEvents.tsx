import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  AREA_EVENT_CAUSES,
  WELFARE_OUTCOMES,
  type AreaEventCause,
  type WelfareOutcome,
} from '@yiyang/contracts';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { useRealtime } from '../../app/realtime.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import {
  fetchAreaEvent,
  fetchAreaEvents,
  HEALTH_KEY,
  markWelfareCall,
  updateAreaEvent,
  type WelfareRow,
} from './deviceHealthApi.ts';

const OUTCOME_COLOR: Record<WelfareOutcome, string> = {
  ok: 'success',
  no_answer: 'warning',
  needs_help: 'error',
};

/**
 * The seat console's area events (区域事件, decision 029): a card per open event (a power or network cut in a
 * community), live from the event feed; its page (`?areaEvent=<id>`) holds the welfare-call list.
 */
export function AreaEventBanner() {
  const { t } = useTranslation();
  const realtime = useRealtime();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const openId = params.get('areaEvent');
  const q = useQuery({ queryKey: [HEALTH_KEY, 'areas'], queryFn: ({ signal }) => fetchAreaEvents(signal) });
  useEffect(() => {
    if (!realtime) return;
    return realtime.on('device.area_event', () => void qc.invalidateQueries({ queryKey: [HEALTH_KEY] }));
  }, [realtime, qc]);
  const open = (id: string | null) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('areaEvent', id);
      else next.delete('areaEvent');
      return next;
    });
  const items = q.data?.items ?? [];
  return (
    <>
      {items.map((e) => (
        <Alert
          key={e.id}
          type="warning"
          showIcon
          data-testid="area-event-banner"
          message={t('device.area.banner', {
            count: e.deviceCount,
            cause: t(`device.area.causes.${e.cause}`),
            region: e.regionCode,
          })}
          description={t('device.area.since', { at: formatDateTime(e.firstSignalAt) })}
          action={
            <Button size="small" onClick={() => open(e.id)} data-testid="area-event-open">
              {t('device.area.welfareList')}
            </Button>
          }
        />
      ))}
      <Drawer
        open={openId !== null}
        onClose={() => open(null)}
        size="large"
        title={t('device.area.title')}
        data-testid="area-event-drawer"
      >
        {openId && <AreaEventPage id={openId} />}
      </Drawer>
    </>
  );
}

/** One area event: what happened, and the welfare calls to make, most vulnerable first. */
function AreaEventPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [endNote, setEndNote] = useState('');
  const q = useQuery({
    queryKey: [HEALTH_KEY, 'area', id],
    queryFn: ({ signal }) => fetchAreaEvent(id, signal),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const e = q.data;
  if (!e) return null;
  const update = async (body: { cause?: AreaEventCause; close?: boolean; note?: string }) => {
    setError(null);
    try {
      qc.setQueryData([HEALTH_KEY, 'area', id], await updateAreaEvent(id, body));
      await qc.invalidateQueries({ queryKey: [HEALTH_KEY, 'areas'] });
    } catch (err) {
      setError(errorText(err));
    }
  };
  const mark = async (elderId: string, outcome: WelfareOutcome) => {
    setError(null);
    try {
      const note = notes[elderId]?.trim();
      qc.setQueryData(
        [HEALTH_KEY, 'area', id],
        await markWelfareCall(id, { elderId, outcome, ...(note ? { note } : {}) }),
      );
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="area-event-page">
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t('device.area.cause')}>
          {t(`device.area.causes.${e.cause}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('device.area.devices')}>{e.deviceCount}</Descriptions.Item>
        <Descriptions.Item label={t('device.area.region')}>{e.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('device.area.opened')}>{formatDateTime(e.openedAt)}</Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon message={error} data-testid="welfare-error" />}
      {!e.closedAt && (
        <Space wrap>
          <Select
            aria-label={t('device.area.cause')}
            value={e.cause}
            style={{ width: 160 }}
            options={AREA_EVENT_CAUSES.map((c) => ({ value: c, label: t(`device.area.causes.${c}`) }))}
            onChange={(cause: AreaEventCause) => void update({ cause })}
            data-testid="area-event-cause"
          />
          <Input
            aria-label={t('device.area.endNote')}
            placeholder={t('device.area.endNote')}
            value={endNote}
            onChange={(x) => setEndNote(x.target.value)}
            style={{ width: 260 }}
            data-testid="area-event-end-note"
          />
          <Button
            onClick={() => void update({ close: true, note: endNote.trim() })}
            disabled={!endNote.trim()}
            data-testid="area-event-end"
          >
            {t('device.area.end')}
          </Button>
        </Space>
      )}
      {e.closedAt && (
        <Alert
          type="info"
          showIcon
          message={t('device.area.ended', { at: formatDateTime(e.closedAt) })}
          description={e.note ?? undefined}
          data-testid="area-event-ended"
        />
      )}
      <Card title={t('device.area.welfareList')} size="small">
        <Table<WelfareRow>
          rowKey="elderId"
          size="small"
          pagination={false}
          data-testid="welfare-table"
          dataSource={e.welfare}
          locale={{ emptyText: <Empty description={t('device.area.noElders')} /> }}
          columns={[
            { key: 'name', title: t('device.area.elder'), dataIndex: 'nameMasked' },
            { key: 'phone', title: t('device.area.phone'), dataIndex: 'phoneMasked' },
            {
              key: 'why',
              title: t('device.area.vulnerability'),
              render: (_: unknown, r) => (
                <>
                  {r.livingSituation === 'alone' && <Tag color="error">{t('device.area.alone')}</Tag>}
                  {r.ability && <Tag>{en ? r.ability.en : r.ability.zh}</Tag>}
                </>
              ),
            },
            {
              key: 'outcome',
              title: t('device.area.outcome'),
              render: (_: unknown, r) =>
                r.outcome ? (
                  <Tag color={OUTCOME_COLOR[r.outcome]} data-testid="welfare-outcome">
                    {t(`device.area.outcomes.${r.outcome}`)}
                    {r.attempts > 1 ? ` ×${r.attempts}` : ''}
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              key: 'mark',
              title: t('device.area.markCalled'),
              render: (_: unknown, r) => (
                <Space wrap>
                  <Input
                    size="small"
                    aria-label={t('device.area.note')}
                    placeholder={t('device.area.note')}
                    value={notes[r.elderId] ?? ''}
                    maxLength={500}
                    onChange={(ev) => setNotes((n) => ({ ...n, [r.elderId]: ev.target.value }))}
                    style={{ width: 140 }}
                  />
                  {WELFARE_OUTCOMES.map((o) => (
                    <Button
                      key={o}
                      size="small"
                      danger={o === 'needs_help'}
                      onClick={() => void mark(r.elderId, o)}
                      data-testid={`welfare-${o}`}
                    >
                      {t(`device.area.outcomes.${o}`)}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
