import { useState } from 'react';
import { Alert, Button, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ALARM_EXTERNAL_SERVICES, ALARM_OUTCOMES } from '@yiyang/contracts';
import { errorText } from '../../app/errorText.ts';
import { ALARMS_KEY, alarmCommand, fetchResponders } from './alarmApi.ts';
import type { AlarmDetail } from './alarmTypes.ts';

/** The seat's buttons on one alarm: claim, call notes, dispatch (ranked responders or 120/110), close. */
export function AlarmActions({ a, mineToWork }: { a: AlarmDetail; mineToWork: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (command: string, body: object = {}) => {
    setBusy(command);
    setError(null);
    try {
      const next = await alarmCommand(a.id, command, body);
      qc.setQueryData([ALARMS_KEY, 'detail', a.id], next);
      void qc.invalidateQueries({ queryKey: [ALARMS_KEY, 'list'] });
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(null);
    }
  };
  const can = (c: string) => a.commands.includes(c);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {error && <Alert type="error" showIcon message={error} data-testid="alarm-error" />}
      {can('acknowledge') && (
        <Button
          type="primary"
          danger
          size="large"
          loading={busy === 'acknowledge'}
          onClick={() => void run('acknowledge')}
          data-testid="alarm-claim"
        >
          {t('alarm.claim')}
        </Button>
      )}
      {a.seat && <Tag color="orange">{t('alarm.claimedBy', { name: a.seat.name })}</Tag>}
      {mineToWork && can('dispatch') && <Dispatch a={a} busy={busy} run={run} />}
      {mineToWork && a.status !== 'closed' && a.status !== 'open' && <NoteForm busy={busy} run={run} />}
      {mineToWork && can('close') && <CloseForm busy={busy} run={run} />}
    </Space>
  );
}

type Run = (command: string, body?: object) => Promise<boolean>;

function Dispatch({ a, busy, run }: { a: AlarmDetail; busy: string | null; run: Run }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [ALARMS_KEY, 'responders', a.id, a.status, a.responder?.id],
    queryFn: ({ signal }) => fetchResponders(a.id, signal),
  });
  return (
    <section aria-labelledby="alarm-dispatch-title">
      <Typography.Title level={5} id="alarm-dispatch-title">
        {t('alarm.responders')}
      </Typography.Title>
      <List
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        data-testid="alarm-responders"
        renderItem={(r) => (
          <List.Item
            actions={[
              <Button
                key="send"
                size="small"
                type="primary"
                disabled={r.busy}
                loading={busy === 'dispatch'}
                onClick={() => void run('dispatch', { responderId: r.userId })}
                data-testid="alarm-send"
              >
                {t('alarm.send')}
              </Button>,
            ]}
          >
            {r.name} {r.distanceKm !== null && <Tag>{t('alarm.distance', { km: r.distanceKm })}</Tag>}
            {r.busy && <Tag color="red">{t('alarm.busy')}</Tag>}
            {r.tried && <Tag>{t('alarm.tried')}</Tag>}
          </List.Item>
        )}
      />
      <Space wrap style={{ marginTop: 8 }}>
        <span>{t('alarm.external')}:</span>
        {ALARM_EXTERNAL_SERVICES.map((s) => (
          <Button
            key={s}
            danger
            onClick={() => void run('dispatch', { external: s })}
            data-testid={`alarm-external-${s}`}
          >
            {s}
          </Button>
        ))}
      </Space>
    </section>
  );
}

function NoteForm({ busy, run }: { busy: string | null; run: Run }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ kind: 'note' | 'callback'; body: string; number?: string }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ kind: 'callback' }}
      onFinish={async (v) => {
        if (await run('notes', v)) form.resetFields(['body', 'number']);
      }}
      data-testid="alarm-note-form"
    >
      <Form.Item name="kind" label={t('alarm.notes')}>
        <Radio.Group
          options={(['callback', 'note'] as const).map((k) => ({
            value: k,
            label: t(`alarm.noteKinds.${k}`),
          }))}
        />
      </Form.Item>
      {kind === 'callback' && (
        <Form.Item name="number" label={t('alarm.callbackNumber')}>
          <Input style={{ width: 150 }} inputMode="tel" />
        </Form.Item>
      )}
      <Form.Item
        name="body"
        label={t('alarm.noteBody')}
        rules={[{ required: true, message: t('common.required', { field: t('alarm.noteBody') }) }]}
      >
        <Input style={{ width: 240 }} />
      </Form.Item>
      <Button htmlType="submit" loading={busy === 'notes'} data-testid="alarm-note-add">
        {t('alarm.addNote')}
      </Button>
    </Form>
  );
}

function CloseForm({ busy, run }: { busy: string | null; run: Run }) {
  const { t } = useTranslation();
  return (
    <Form
      layout="vertical"
      onFinish={(v: { outcome: string; note?: string }) => void run('close', v)}
      data-testid="alarm-close-form"
    >
      <Form.Item
        name="outcome"
        label={t('alarm.outcome')}
        rules={[{ required: true, message: t('common.requiredChoice', { field: t('alarm.outcome') }) }]}
      >
        <Select
          options={ALARM_OUTCOMES.map((o) => ({ value: o, label: t(`alarm.outcomes.${o}`) }))}
          data-testid="alarm-outcome"
        />
      </Form.Item>
      <Form.Item name="note" label={t('alarm.closeNote')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Button htmlType="submit" loading={busy === 'close'} data-testid="alarm-close">
        {t('alarm.closeSubmit')}
      </Button>
    </Form>
  );
}
