import { useState } from 'react';
import {
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_SATISFACTION, COMPLAINT_STATUSES } from '@yiyang/contracts';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { tableScroll } from '../../app/table.ts';
import { useRequired } from '../../app/rules.ts';
import { ComplaintFileModal } from './ComplaintFileModal.tsx';
import { ReturnVisitsTab } from './ReturnVisitsTab.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import {
  complaintCommand,
  FEEDBACK_KEY,
  fetchComplaint,
  fetchComplaints,
  type Complaint,
} from './feedbackApi.ts';

/** 投诉与回访 (issue 15 §7, decision 027): complaints with their deadlines, and return visits by phone. */
export default function FeedbackPage() {
  const { t } = useTranslation();
  return (
    <Tabs
      data-testid="feedback-tabs"
      items={[
        { key: 'complaints', label: t('feedback.complaints'), children: <Complaints /> },
        { key: 'returns', label: t('feedback.returnVisits'), children: <ReturnVisitsTab /> },
      ]}
    />
  );
}

function Complaints() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const q = useQuery({
    queryKey: [FEEDBACK_KEY, 'complaints', regionCode, status, overdue],
    queryFn: ({ signal }) =>
      fetchComplaints({ regionCode: regionCode ?? undefined, status, overdue: overdue || undefined }, signal),
  });
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data?.items ?? [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('feedback.status')}
          placeholder={t('feedback.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`feedback.statuses.${s}`) }))}
          data-testid="complaint-status"
        />
        <Checkbox
          checked={overdue}
          onChange={(e) => setOverdue(e.target.checked)}
          data-testid="complaint-overdue"
        >
          {t('feedback.overdueOnly')}
        </Checkbox>
        {can('complaint:write') && (
          <Button type="primary" onClick={() => setFiling(true)} data-testid="complaint-new">
            {t('feedback.newComplaint')}
          </Button>
        )}
      </Space>
      <Table<Complaint>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        scroll={tableScroll(960, items)}
        data-testid="complaint-table"
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('feedback.category'),
            dataIndex: 'category',
            render: (v: string, r) => (
              <Button type="link" onClick={() => setOpen(r.id)} data-testid="complaint-open">
                {t(`feedback.categories.${v}` as never)}
              </Button>
            ),
          },
          { title: t('feedback.elder'), dataIndex: 'elderNameMasked' },
          {
            title: t('feedback.channel'),
            dataIndex: 'channel',
            render: (v: string) => t(`feedback.channels.${v}` as never),
          },
          {
            title: t('feedback.description'),
            dataIndex: 'description',
            ellipsis: true,
            width: 280,
          },
          {
            title: t('feedback.status'),
            dataIndex: 'status',
            render: (v: string, r) => (
              <Space size={4} wrap>
                <span>{t(`feedback.statuses.${v}` as never)}</span>
                {r.overdue && <Tag color="red">{t('feedback.overdue')}</Tag>}
                {r.escalationLevel > 0 && (
                  <Tag>{t(`feedback.escalationLevels.${r.escalationLevel}` as never)}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('feedback.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {open && <ComplaintDrawer id={open} onClose={() => setOpen(null)} />}
      {filing && <ComplaintFileModal onClose={() => setFiling(false)} />}
    </>
  );
}

function ComplaintDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: [FEEDBACK_KEY, 'complaint', id],
    queryFn: ({ signal }) => fetchComplaint(id, signal),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const { enter, choose } = useRequired();
  const c = q.data;
  const run = async (command: string, body: object) => {
    setBusy(true);
    setError(null);
    try {
      await complaintCommand(id, command, body);
      await qc.invalidateQueries({ queryKey: [FEEDBACK_KEY] });
      form.resetFields();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open width={560} title={t('feedback.detail')} onClose={onClose} data-testid="complaint-drawer">
      {q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />}
      {c && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('feedback.category')}>
              {t(`feedback.categories.${c.category}` as never)}
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.elder')}>{c.elderNameMasked ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.complainant')}>
              {[c.complainantName, c.complainantPhoneMasked].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.description')}>{c.description}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.status')}>
              <span data-testid="complaint-status-text">{t(`feedback.statuses.${c.status}` as never)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.dueAt')}>
              {formatDateTime(c.dueAt)} {c.overdue && <Tag color="red">{t('feedback.overdue')}</Tag>}
            </Descriptions.Item>
            {c.response && <Descriptions.Item label={t('feedback.response')}>{c.response}</Descriptions.Item>}
            {c.correctiveAction && (
              <Descriptions.Item label={t('feedback.correctiveAction')}>
                {c.correctiveAction}
              </Descriptions.Item>
            )}
            {c.satisfaction && (
              <Descriptions.Item label={t('feedback.satisfaction')}>
                {t(`feedback.satisfactions.${c.satisfaction}` as never)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('feedback.timeline')}
          </Typography.Title>
          <Timeline
            items={c.timeline.map((e) => ({
              children: `${formatDateTime(e.at)} ${t(`feedback.actions.${e.action}` as never)} · ${e.byName ?? ''}${e.note ? ` · ${e.note}` : ''}`,
            }))}
          />
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
          <Form form={form} layout="vertical" disabled={busy}>
            {c.commands.includes('assign') && c.providerId && c.organisationId !== c.providerId && (
              <Button
                onClick={() => void run('assign', { organisationId: c.providerId })}
                data-testid="complaint-assign"
                style={{ marginBottom: 12 }}
              >
                {t('feedback.assign')}
              </Button>
            )}
            {c.commands.includes('respond') && (
              <>
                <Form.Item
                  name="response"
                  label={t('feedback.response')}
                  rules={[enter(t('feedback.response'))]}
                >
                  <Input.TextArea rows={3} data-testid="complaint-response" />
                </Form.Item>
                <Form.Item name="correctiveAction" label={t('feedback.correctiveAction')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Button
                  type="primary"
                  data-testid="complaint-respond"
                  onClick={() =>
                    void form.validateFields().then((v: { response: string; correctiveAction?: string }) =>
                      run('respond', {
                        response: v.response,
                        ...(v.correctiveAction ? { correctiveAction: v.correctiveAction } : {}),
                      }),
                    )
                  }
                >
                  {t('feedback.respond')}
                </Button>
              </>
            )}
            {c.commands.includes('close') && (
              <>
                <Form.Item
                  name="satisfaction"
                  label={t('feedback.satisfaction')}
                  rules={[choose(t('feedback.satisfaction'))]}
                >
                  <Radio.Group
                    options={COMPLAINT_SATISFACTION.map((s) => ({
                      value: s,
                      label: t(`feedback.satisfactions.${s}`),
                    }))}
                    data-testid="complaint-satisfaction"
                  />
                </Form.Item>
                <Form.Item name="note" label={t('feedback.closeNote')}>
                  <Input />
                </Form.Item>
                <Button
                  type="primary"
                  data-testid="complaint-close"
                  onClick={() =>
                    void form
                      .validateFields()
                      .then((v: { satisfaction: string; note?: string }) =>
                        run('close', { satisfaction: v.satisfaction, ...(v.note ? { note: v.note } : {}) }),
                      )
                  }
                >
                  {t('feedback.close')}
                </Button>
              </>
            )}
          </Form>
        </>
      )}
    </Drawer>
  );
}
