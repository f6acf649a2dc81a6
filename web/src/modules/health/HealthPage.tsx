import { useState } from 'react';
import {
  App,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  HEALTH_VERIFY_METHODS,
  VISIT_RISKS,
  VITAL_KINDS,
  type HealthAlertStatus,
  type HealthVerifyMethod,
  type VisitRisk,
  type VitalKind,
} from '@yiyang/contracts';
import { showSubmitError } from '../../api/formErrors.ts';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { FormError, LoadError } from '../layout/PageErrors.tsx';
import {
  alertCommand,
  fetchAlerts,
  fetchRules,
  HEALTH_KEY,
  patchRule,
  type AlertView,
  type RuleView,
} from './healthApi.ts';

/** The theme's status colours, which meet the contrast rule (as the alarm queue's). */
const STATUS_COLOR: Record<HealthAlertStatus, string> = {
  open: 'error',
  verifying: 'warning',
  confirmed: 'processing',
  false_alarm: 'default',
  escalated: 'error',
};

/**
 * 健康监测 (issue 17 §3, §5): the alert queue — a person takes an alert, calls the elder or the family, and
 * marks it confirmed or false, or escalates it into an alarm — and the rules with their parameters and
 * false-alert rates, so they can be tuned.
 */
export default function HealthPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="health-title">
      <Typography.Title level={1} className="yy-page-title" id="health-title">
        {t('health.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'alerts',
            label: <span data-testid="health-tab-alerts">{t('health.tabs.alerts')}</span>,
            children: <AlertQueue />,
          },
          {
            key: 'rules',
            label: <span data-testid="health-tab-rules">{t('health.tabs.rules')}</span>,
            children: <RuleList />,
          },
        ]}
      />
    </section>
  );
}

function evidenceText(t: TFunction, e: Record<string, unknown>): string {
  const at = (k: string) => (typeof e[k] === 'string' ? formatDateTime(e[k]) : '');
  const parts: string[] = [];
  for (const k of ['lastWaterAt', 'lastMotionAt', 'bedExitAt', 'from', 'measuredAt'] as const)
    if (e[k]) parts.push(t(`health.evidenceText.${k}`, { at: at(k) }));
  if (typeof e.kind === 'string') parts.push(t(`health.kinds.${e.kind as VitalKind}`));
  if (typeof e.flag === 'string') parts.push(t(`health.flags.${e.flag as 'high' | 'low'}`));
  if (Array.isArray(e.risks))
    parts.push((e.risks as VisitRisk[]).map((r) => t(`visit.risks.${r}`)).join('、'));
  return parts.join(' · ');
}

function AlertQueue() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [status, setStatus] = useState('pending');
  const [acting, setActing] = useState<{ alert: AlertView; mode: 'resolve' | 'escalate' } | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: [HEALTH_KEY, 'alerts', status],
    queryFn: ({ signal }) => fetchAlerts(status, signal),
  });
  const claim = useMutation({
    mutationFn: (id: string) => alertCommand(id, 'claim'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [HEALTH_KEY] }),
    onError: (e) => void message.error(errorText(e)),
  });
  const writable = can('health:write');
  const columns: ColumnsType<AlertView> = [
    {
      key: 'opened',
      title: t('health.openedAt'),
      dataIndex: 'openedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { key: 'elder', title: t('health.elder'), dataIndex: 'elderNameMasked', width: 90 },
    { key: 'rule', title: t('health.rule'), dataIndex: 'ruleName', width: 170 },
    { key: 'evidence', title: t('health.evidence'), render: (_: unknown, a) => evidenceText(t, a.evidence) },
    {
      key: 'status',
      title: t('health.status'),
      dataIndex: 'status',
      width: 130,
      render: (s: HealthAlertStatus) => <Tag color={STATUS_COLOR[s]}>{t(`health.statuses.${s}`)}</Tag>,
    },
    {
      key: 'verified',
      title: t('health.verifiedBy'),
      width: 160,
      render: (_: unknown, a) =>
        a.verifiedBy
          ? [a.verifiedBy.name, a.method && t(`health.methods.${a.method}`)].filter(Boolean).join(' · ')
          : '—',
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 260,
      render: (_: unknown, a) =>
        writable && (
          <Space wrap>
            {a.status === 'open' && (
              <Button size="small" onClick={() => claim.mutate(a.id)} data-testid="alert-claim">
                {t('health.claim')}
              </Button>
            )}
            {(a.status === 'open' || a.status === 'verifying') && (
              <Button
                size="small"
                onClick={() => setActing({ alert: a, mode: 'resolve' })}
                data-testid="alert-resolve"
              >
                {t('health.verifyTitle')}
              </Button>
            )}
            {(a.status === 'verifying' || a.status === 'confirmed') && (
              <Button
                size="small"
                danger
                onClick={() => setActing({ alert: a, mode: 'escalate' })}
                data-testid="alert-escalate"
              >
                {t('health.escalate')}
              </Button>
            )}
          </Space>
        ),
    },
  ];
  return (
    <>
      <div className="yy-toolbar">
        <Radio.Group
          aria-label={t('health.statusFilter')}
          value={status}
          onChange={(e) => setStatus(String(e.target.value))}
          optionType="button"
          options={[
            { value: 'pending', label: t('health.pending') },
            { value: 'escalated', label: t('health.statuses.escalated') },
            { value: 'false_alarm', label: t('health.statuses.false_alarm') },
            { value: 'all', label: t('health.all') },
          ]}
        />
      </div>
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      <Table<AlertView>
        rowKey="id"
        data-testid="health-alerts"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('health.noAlerts')} /> }}
      />
      <VerifyModal acting={acting} onClose={() => setActing(null)} />
    </>
  );
}

function VerifyModal({
  acting,
  onClose,
}: {
  acting: { alert: AlertView; mode: 'resolve' | 'escalate' } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { outcome?: string; method: HealthVerifyMethod; note?: string }) =>
      acting!.mode === 'escalate'
        ? alertCommand(acting!.alert.id, 'escalate', { method: v.method, note: v.note || undefined })
        : alertCommand(acting!.alert.id, 'resolve', {
            outcome: v.outcome,
            method: v.method,
            note: v.note || undefined,
          }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [HEALTH_KEY] });
      onClose();
    },
    onError: (e) =>
      setError(showSubmitError(form, e, t('common.loadFailed'), ['outcome', 'method', 'note']).summary),
  });
  const escalate = acting?.mode === 'escalate';
  return (
    <Modal
      open={!!acting}
      title={escalate ? t('health.escalateTitle') : t('health.verifyTitle')}
      okText={escalate ? t('health.escalate') : t('common.save')}
      okButtonProps={{ danger: escalate, ...({ 'data-testid': 'verify-ok' } as object) }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o) {
          form.resetFields();
          setError(null);
        }
      }}
    >
      {escalate && <Typography.Paragraph>{t('health.escalateHint')}</Typography.Paragraph>}
      <FormError error={error} />
      <Form
        form={form}
        name="health-verify"
        layout="vertical"
        initialValues={{ outcome: 'false_alarm', method: 'called_elder' }}
        onFinish={(v) => save.mutate(v)}
      >
        {!escalate && (
          <Form.Item name="outcome" label={t('health.verifyTitle')}>
            <Radio.Group
              options={[
                { value: 'false_alarm', label: t('health.markFalse') },
                { value: 'confirmed', label: t('health.markConfirmed') },
              ]}
              data-testid="verify-outcome"
            />
          </Form.Item>
        )}
        <Form.Item name="method" label={t('health.method')}>
          <Radio.Group
            options={HEALTH_VERIFY_METHODS.map((m) => ({ value: m, label: t(`health.methods.${m}`) }))}
            data-testid="verify-method"
          />
        </Form.Item>
        <Form.Item name="note" label={t('health.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="verify-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

function RuleList() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [editing, setEditing] = useState<RuleView | null>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: [HEALTH_KEY, 'rules'], queryFn: ({ signal }) => fetchRules(signal) });
  const toggle = useMutation({
    mutationFn: (r: RuleView) => patchRule(r.id, { enabled: !r.enabled }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [HEALTH_KEY, 'rules'] }),
    onError: (e) => void message.error(errorText(e)),
  });
  const manage = can('health:manage');
  const columns: ColumnsType<RuleView> = [
    { key: 'name', title: t('health.ruleName'), dataIndex: 'name', width: 180 },
    {
      key: 'kind',
      title: t('health.rule'),
      dataIndex: 'kind',
      width: 170,
      render: (k: RuleView['kind']) => t(`health.ruleKinds.${k}`),
    },
    {
      key: 'params',
      title: t('health.parameters'),
      render: (_: unknown, r) =>
        Object.entries(r.params)
          .map(
            ([k, v]) => `${t(`health.params.${k as 'hours'}`)}: ${Array.isArray(v) ? v.length : String(v)}`,
          )
          .join('，'),
    },
    {
      key: 'enabled',
      title: t('health.enabled'),
      width: 80,
      render: (_: unknown, r) => (
        <Switch
          checked={r.enabled}
          disabled={!manage || !r.editable}
          onChange={() => toggle.mutate(r)}
          aria-label={`${t('health.enabled')} ${r.name}`}
          data-testid="rule-enabled"
        />
      ),
    },
    { key: 'alerts', title: t('health.counts'), width: 80, render: (_: unknown, r) => r.counts.alerts },
    {
      key: 'confirmed',
      title: t('health.confirmed'),
      width: 70,
      render: (_: unknown, r) => r.counts.confirmed,
    },
    {
      key: 'false',
      title: t('health.falseAlarms'),
      width: 70,
      render: (_: unknown, r) => r.counts.falseAlarms,
    },
    {
      key: 'escalated',
      title: t('health.escalated'),
      width: 80,
      render: (_: unknown, r) => r.counts.escalated,
    },
    {
      key: 'rate',
      title: t('health.falseRate'),
      width: 90,
      render: (_: unknown, r) => <span data-testid="rule-false-rate">{pct(r.counts.falseRate)}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, r) =>
        manage &&
        r.editable && (
          <Button size="small" onClick={() => setEditing(r)} data-testid="rule-edit">
            {t('common.edit')}
          </Button>
        ),
    },
  ];
  return (
    <>
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      <Table<RuleView>
        rowKey="id"
        data-testid="health-rules"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('health.noRules')} /> }}
      />
      <RuleModal rule={editing} onClose={() => setEditing(null)} />
    </>
  );
}

function RuleModal({ rule, onClose }: { rule: RuleView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (v: { name: string; params: Record<string, unknown> }) => patchRule(rule!.id, v),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [HEALTH_KEY, 'rules'] });
      onClose();
    },
    onError: (e) => setError(showSubmitError(form, e, t('common.loadFailed'), ['name', 'params']).summary),
  });
  const field = (k: string, v: unknown) => {
    const label = t(`health.params.${k as 'hours'}`);
    if (Array.isArray(v))
      return (
        <Form.Item key={k} name={['params', k]} label={label}>
          <Select
            mode="multiple"
            aria-label={label}
            options={(k === 'kinds' ? VITAL_KINDS : VISIT_RISKS).map((x) => ({
              value: x,
              label: k === 'kinds' ? t(`health.kinds.${x as 'bp'}`) : t(`visit.risks.${x as 'unwell'}`),
            }))}
          />
        </Form.Item>
      );
    return (
      <Form.Item key={k} name={['params', k]} label={label}>
        <InputNumber aria-label={label} data-testid={`rule-param-${k}`} />
      </Form.Item>
    );
  };
  return (
    <Modal
      open={!!rule}
      title={t('health.editRule')}
      okText={t('common.save')}
      okButtonProps={{ ...({ 'data-testid': 'rule-save' } as object) }}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o && rule) {
          form.setFieldsValue({ name: rule.name, params: rule.params });
          setError(null);
        }
      }}
    >
      <FormError error={error} />
      <Form form={form} name="health-rule" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('health.ruleName')}>
          <Input maxLength={100} />
        </Form.Item>
        {rule && Object.entries(rule.params).map(([k, v]) => field(k, v))}
      </Form>
    </Modal>
  );
}
