import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Card, Col, Empty, List, Radio, Row, Space, Tag, Typography } from 'antd';
import { SoundOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALARM_DUTY_ROLES } from '@yiyang/contracts';
import { formatDateTime } from '../../app/format.ts';
import { useRealtime } from '../../app/realtime.tsx';
import { AreaEventBanner } from '../device/AreaEvents.tsx';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { AlarmPop } from './AlarmPop.tsx';
import { ALARMS_KEY, fetchAlarms, fetchDuty, signOff, signOn } from './alarmApi.ts';
import { alarmColor, beep } from './alarmFormat.ts';

const TOPICS = [
  'alarm.opened',
  'alarm.repeated',
  'alarm.acknowledged',
  'alarm.dispatched',
  'alarm.accepted',
  'alarm.arrived',
  'alarm.closed',
  'alarm.escalated',
] as const;

/**
 * The seat console (坐席工作台): the duty bar, the alarm queue — live from the console's event feed, with a
 * beep and a highlight for each new alarm — and the screen pop of the chosen alarm.
 */
export default function AlarmConsolePage() {
  const { t } = useTranslation();
  const realtime = useRealtime();
  const qc = useQueryClient();
  const [state, setState] = useState<'open' | 'all'>('open');
  const [selected, setSelected] = useState<string | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const audio = useRef<AudioContext | null>(null);
  const [soundOn, setSoundOn] = useState(false);
  const list = useQuery({
    queryKey: [ALARMS_KEY, 'list', state],
    queryFn: ({ signal }) => fetchAlarms({ state }, signal),
  });
  const { refetch } = list;
  useEffect(() => {
    if (!realtime) return;
    const offs = TOPICS.map((topic) =>
      realtime.on(topic, (e) => {
        void refetch();
        void qc.invalidateQueries({ queryKey: [ALARMS_KEY, 'detail', e.payload.id] });
        if (topic === 'alarm.opened') {
          setFresh((s) => new Set([...s, e.payload.id]));
          beep(audio.current);
        }
      }),
    );
    return () => offs.forEach((off) => off());
  }, [realtime, refetch, qc]);
  const choose = (id: string) => {
    setSelected(id);
    setFresh((s) => new Set([...s].filter((x) => x !== id)));
  };
  const enableSound = () => {
    audio.current ??= new AudioContext();
    void audio.current.resume();
    setSoundOn(true);
    beep(audio.current);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('alarm.console')}
      </Typography.Title>
      <DutyBar />
      <AreaEventBanner />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card
            title={
              <Space>
                {t('alarm.queue')} <Badge status="processing" text={t('alarm.live')} />
              </Space>
            }
            extra={
              <Button
                size="small"
                icon={<SoundOutlined />}
                type={soundOn ? 'default' : 'primary'}
                onClick={enableSound}
                data-testid="alarm-sound"
              >
                {soundOn ? t('alarm.soundOn') : t('alarm.soundOff')}
              </Button>
            }
          >
            <Radio.Group
              value={state}
              onChange={(e) => setState(e.target.value as 'open' | 'all')}
              optionType="button"
              options={[
                { value: 'open', label: t('alarm.statuses.open') + ' / ' + t('alarm.claimed') },
                { value: 'all', label: t('common.all') },
              ]}
              style={{ marginBottom: 12 }}
            />
            {list.error && <LoadError error={list.error} onRetry={() => void refetch()} />}
            <List
              loading={list.isLoading}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: <Empty description={t('alarm.empty')} /> }}
              data-testid="alarm-queue"
              renderItem={(a) => (
                <List.Item
                  className={fresh.has(a.id) ? 'yy-alarm-new' : undefined}
                  style={{
                    cursor: 'pointer',
                    background: selected === a.id ? '#e6f4ff' : fresh.has(a.id) ? '#fff1f0' : undefined,
                    paddingInline: 8,
                  }}
                  data-testid="alarm-row"
                  data-alarm-id={a.id}
                >
                  <button
                    type="button"
                    onClick={() => choose(a.id)}
                    style={{ all: 'unset', display: 'block', width: '100%', cursor: 'pointer' }}
                  >
                    <Space wrap>
                      {fresh.has(a.id) && <Tag color="error">{t('alarm.newAlarm')}</Tag>}
                      <Tag color={alarmColor(a.status)}>{t(`alarm.statuses.${a.status}`)}</Tag>
                      <strong>{t(`alarm.kinds.${a.kind}`)}</strong>
                      <span>{a.elderNameMasked ?? t('alarm.noElder')}</span>
                    </Space>
                    <div style={{ color: '#595959' }}>
                      {formatDateTime(a.receivedAt)} · {t(`alarm.sources.${a.source}`)}
                      {a.repeatCount > 1 && ` · ${t('alarm.repeats', { count: a.repeatCount })}`}
                      {a.seat && ` · ${a.seat.name}`}
                    </div>
                  </button>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card>
            {selected ? <AlarmPop alarmId={selected} /> : <Empty description={t('alarm.selectHint')} />}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

/** Who is on duty now; the seat signs on and off. */
function DutyBar() {
  const { t } = useTranslation();
  const { can } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [ALARMS_KEY, 'duty'], queryFn: ({ signal }) => fetchDuty(signal) });
  const d = q.data;
  if (!d) return null;
  const set = (p: Promise<unknown>) =>
    void p.then(() => qc.invalidateQueries({ queryKey: [ALARMS_KEY, 'duty'] }));
  return (
    <Card size="small" data-testid="alarm-duty">
      <Space wrap>
        <strong>{t('alarm.duty')}:</strong>
        {d.mine ? (
          <Tag color="success" data-testid="alarm-duty-mine">
            {t('alarm.onDuty', { role: t(`alarm.roles.${d.mine.role}`) })}
          </Tag>
        ) : (
          <Tag>{t('alarm.offDuty')}</Tag>
        )}
        {can('alarm:handle') &&
          (d.mine ? (
            <Button size="small" onClick={() => set(signOff())} data-testid="alarm-sign-off">
              {t('alarm.signOff')}
            </Button>
          ) : (
            ALARM_DUTY_ROLES.filter((r) => d.roles.includes(r)).map((r) => (
              <Button
                key={r}
                size="small"
                type="primary"
                onClick={() => set(signOn(r))}
                data-testid="alarm-sign-on"
              >
                {t('alarm.signOn')}（{t(`alarm.roles.${r}`)}）
              </Button>
            ))
          ))}
        <span>
          {t('alarm.onDutyNow')}:{' '}
          {d.onDuty.length === 0
            ? t('alarm.nobodyOnDuty')
            : d.onDuty.map((s) => `${s.name}（${t(`alarm.roles.${s.role}`)}）`).join('、')}
        </span>
      </Space>
    </Card>
  );
}
