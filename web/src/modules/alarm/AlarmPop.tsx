import { useState } from 'react';
import { Alert, Button, Descriptions, Empty, List, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { AlarmActions } from './AlarmActions.tsx';
import { AlarmMap, type MapPoint } from './AlarmMap.tsx';
import { ALARMS_KEY, fetchAlarm, revealMedical } from './alarmApi.ts';
import { alarmColor } from './alarmFormat.ts';
import type { AlarmDetail, RevealedMedical } from './alarmTypes.ts';

/**
 * The screen pop of one alarm: the elder (profile, contacts, address, map), the device, the history; the
 * seat's actions; call notes, the ladder and the timeline. The medical summary only on an explicit reveal.
 */
export function AlarmPop({ alarmId }: { alarmId: string }) {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const q = useQuery({
    queryKey: [ALARMS_KEY, 'detail', alarmId],
    queryFn: ({ signal }) => fetchAlarm(alarmId, signal),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  if (!a) return <Skeleton active />;
  const mine = a.seat?.id === me?.id || can('alarm:manage');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="alarm-pop">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t(`alarm.kinds.${a.kind}`)} · {a.elderNameMasked ?? t('alarm.noElder')}{' '}
        <Tag color={alarmColor(a.status)} data-testid="alarm-status">
          {t(`alarm.statuses.${a.status}`)}
        </Tag>
      </Typography.Title>
      <Facts a={a} />
      {can('alarm:handle') && <AlarmActions a={a} mineToWork={mine} />}
      <Elders a={a} />
      <AlarmMap points={pointsOf(a, { alarmAt: t('alarm.alarmAt'), home: t('alarm.home') })} />
      <Notes a={a} />
      <Ladder a={a} />
      <History a={a} />
    </Space>
  );
}

function pointsOf(a: AlarmDetail, labels: { alarmAt: string; home: string }): MapPoint[] {
  const out: MapPoint[] = [];
  if (a.position) out.push({ label: labels.alarmAt, ...a.position });
  const home = a.elders[0]?.home;
  if (home) out.push({ label: labels.home, ...home });
  return out;
}

function Facts({ a }: { a: AlarmDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={2} bordered>
      <Descriptions.Item label={t('alarm.received')}>{formatDateTime(a.receivedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('alarm.source')}>
        {t(`alarm.sources.${a.source}`)}
        {a.repeatCount > 1 && <Tag color="red">{t('alarm.repeats', { count: a.repeatCount })}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('alarm.device')}>
        {a.deviceId
          ? (a.deviceSerial ?? a.deviceId)
          : a.deviceSerial
            ? t('alarm.unknownDevice', { serial: a.deviceSerial })
            : t('alarm.noDevice')}
      </Descriptions.Item>
      <Descriptions.Item label={t('alarm.responder')}>
        {a.responder?.name ??
          (a.externalService ? t('alarm.externalDone', { service: a.externalService }) : '—')}
        {a.arriveDistanceM !== null && ` · ${t('alarm.arriveDistance', { m: a.arriveDistanceM })}`}
      </Descriptions.Item>
      {a.outcome && (
        <Descriptions.Item label={t('alarm.outcome')}>
          {t(`alarm.outcomes.${a.outcome}`)} {a.closeNote}
        </Descriptions.Item>
      )}
      {a.followUpOrderId && (
        <Descriptions.Item label={t('alarm.followUp')}>{a.followUpOrderId.slice(0, 8)}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

function Elders({ a }: { a: AlarmDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [medical, setMedical] = useState<RevealedMedical | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (a.elders.length === 0) return <Alert type="warning" showIcon message={t('alarm.noElder')} />;
  const e = a.elders[0]!;
  const yesNo = (v: boolean) => t(v ? 'common.yes' : 'common.no');
  return (
    <section aria-label={t('alarm.elder')}>
      <Descriptions size="small" column={2} title={t('alarm.elder')} data-testid="alarm-elder">
        <Descriptions.Item label={t('alarm.elder')}>
          {e.nameMasked} {e.age !== null && t('alarm.age', { age: e.age })}
        </Descriptions.Item>
        <Descriptions.Item label={t('alarm.phone')}>{e.phone ?? e.phoneMasked ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('alarm.address')} span={2}>
          {e.address ?? [e.regionName, e.addressMasked].filter(Boolean).join(' ')}
        </Descriptions.Item>
        {e.health && (
          <Descriptions.Item label={t('alarm.health')} span={2}>
            {t('alarm.healthCounts', {
              count: e.health.chronicDiseaseCount,
              allergies: yesNo(e.health.hasAllergies),
              doctor: yesNo(e.health.familyDoctorSigned),
            })}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('alarm.contacts')} span={2}>
          {e.contacts.map((c) => `${c.name}（${c.relationship}）${c.phoneMasked ?? ''}`).join('；') || '—'}
        </Descriptions.Item>
      </Descriptions>
      {can('alarm:handle') && can('elder:read_sensitive') && !medical && (
        <Button
          onClick={() => {
            setError(null);
            revealMedical(a.id).then(setMedical, (err: unknown) => setError(errorText(err)));
          }}
          data-testid="alarm-reveal"
        >
          {t('alarm.reveal')}
        </Button>
      )}
      {error && <Alert type="error" showIcon message={error} />}
      {medical && (
        <Alert
          type="warning"
          message={t('alarm.revealed')}
          data-testid="alarm-medical"
          description={
            <>
              <div>
                {t('alarm.chronic')}: {medical.health?.chronicDiseases.join('、') || '—'}
              </div>
              <div>
                {t('alarm.allergies')}: {medical.health?.allergies.join('、') || '—'}
              </div>
              <div>
                {t('alarm.medications')}: {medical.health?.medications.join('、') || '—'}
              </div>
              <div>
                {t('alarm.phone')}: {medical.phone ?? '—'} · {t('alarm.address')}: {medical.address ?? '—'}
              </div>
              <div>
                {t('alarm.contacts')}:{' '}
                {medical.family.map((f) => `${f.name} ${f.phone ?? ''}`).join('；') || '—'}
              </div>
            </>
          }
        />
      )}
    </section>
  );
}

function Notes({ a }: { a: AlarmDetail }) {
  const { t } = useTranslation();
  if (a.notes.length === 0 && a.timeline.length === 0) return null;
  return (
    <section aria-label={t('alarm.timeline')}>
      <Typography.Title level={5}>{t('alarm.timeline')}</Typography.Title>
      <Timeline
        data-testid="alarm-timeline"
        items={[
          ...a.timeline.map((e) => ({ at: e.at, text: `${e.action} · ${e.byName ?? ''}` })),
          ...a.notes.map((n) => ({
            at: n.at,
            text: `${t(`alarm.noteKinds.${n.kind}`)}${n.numberMasked ? ` ${n.numberMasked}` : ''}：${n.body} · ${n.byName}`,
          })),
        ]
          .sort((x, y) => x.at.localeCompare(y.at))
          .map((i) => ({ children: `${formatDateTime(i.at)} ${i.text}` }))}
      />
    </section>
  );
}

function Ladder({ a }: { a: AlarmDetail }) {
  const { t } = useTranslation();
  if (a.ladder.length === 0) return null;
  return (
    <section aria-label={t('alarm.ladder')}>
      <Typography.Title level={5}>{t('alarm.ladder')}</Typography.Title>
      <List
        size="small"
        data-testid="alarm-ladder"
        dataSource={a.ladder}
        renderItem={(l) => (
          <List.Item>
            {t(`alarm.steps.${l.step}`, { defaultValue: l.step })} ·{' '}
            {l.firedAt
              ? `${t('alarm.ladderFired', { at: formatDateTime(l.firedAt) })} — ${l.result ?? ''}`
              : t('alarm.ladderDue', { at: formatDateTime(l.dueAt) })}
          </List.Item>
        )}
      />
      {a.notifications.length > 0 && (
        <div>
          {t('alarm.notifications')}:{' '}
          {a.notifications.map((n) => `${n.channel} ${n.template} ${n.to ?? ''}`).join('；')}
        </div>
      )}
    </section>
  );
}

function History({ a }: { a: AlarmDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('alarm.history')}>
      <Typography.Title level={5}>{t('alarm.history')}</Typography.Title>
      {a.history.length === 0 ? (
        <Empty description={t('alarm.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={a.history}
          renderItem={(h) => (
            <List.Item>
              {formatDateTime(h.receivedAt)} {t(`alarm.kinds.${h.kind}`)} · {t(`alarm.statuses.${h.status}`)}
              {h.outcome && ` · ${t(`alarm.outcomes.${h.outcome}`)}`}
            </List.Item>
          )}
        />
      )}
    </section>
  );
}
