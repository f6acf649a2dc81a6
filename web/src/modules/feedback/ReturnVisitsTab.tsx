import { useState } from 'react';
import {
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_CATEGORIES, RETURN_VISIT_RESULTS, RETURN_VISIT_STATUSES } from '@yiyang/contracts';
import { DateField } from '../../app/DateField.tsx';
import { errorText } from '../../app/errorText.ts';
import { formatDateTime } from '../../app/format.ts';
import { useSession } from '../../app/session.tsx';
import { tableScroll } from '../../app/table.ts';
import { useRequired } from '../../app/rules.ts';
import {} from '../assessment/ElderPicker.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import {
  FEEDBACK_KEY,
  fetchReturnVisits,
  recordReturnVisit,
  sampleReturnVisits,
  type ReturnVisit,
} from './feedbackApi.ts';
import { chinaDayFromNow } from '../../app/chinaDate.ts';

/** 服务回访: sample a share of the period's verified visits, then call and record each. */
export function ReturnVisitsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [status, setStatus] = useState<string | undefined>('pending');
  const [from, setFrom] = useState<string | undefined>(chinaDayFromNow(-30));
  const [to, setTo] = useState<string | undefined>(chinaDayFromNow());
  const [share, setShare] = useState<number | null>(10);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState<ReturnVisit | null>(null);
  const q = useQuery({
    queryKey: [FEEDBACK_KEY, 'returns', regionCode, status],
    queryFn: ({ signal }) => fetchReturnVisits({ regionCode: regionCode ?? undefined, status }, signal),
  });
  const sample = async () => {
    setError(null);
    try {
      const r = await sampleReturnVisits({
        ...(regionCode ? { regionCode } : {}),
        from,
        to,
        share: (share ?? 0) / 100,
      });
      setResult(t('feedback.sampled', r));
      await qc.invalidateQueries({ queryKey: [FEEDBACK_KEY] });
    } catch (e) {
      setError(errorText(e));
    }
  };
  if (q.error) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data?.items ?? [];
  return (
    <>
      {can('complaint:write') && (
        <Space wrap style={{ marginBottom: 12 }}>
          <DateField value={from} onChange={setFrom} ariaLabel={t('feedback.sampleFrom')} />
          <DateField value={to} onChange={setTo} ariaLabel={t('feedback.sampleTo')} />
          <InputNumber
            aria-label={t('feedback.sampleShare')}
            min={1}
            max={100}
            value={share}
            onChange={setShare}
            addonAfter="%"
            data-testid="rv-share"
          />
          <Button type="primary" onClick={() => void sample()} data-testid="rv-sample">
            {t('feedback.sample')}
          </Button>
          {result && <span role="status">{result}</span>}
          {error && (
            <Typography.Text type="danger" role="alert">
              {error}
            </Typography.Text>
          )}
        </Space>
      )}
      <div style={{ marginBottom: 12 }}>
        <Select
          allowClear
          aria-label={t('feedback.status')}
          placeholder={t('feedback.status')}
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={RETURN_VISIT_STATUSES.map((s) => ({ value: s, label: t(`feedback.returnStatuses.${s}`) }))}
        />
      </div>
      <Table<ReturnVisit>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        scroll={tableScroll(900, items)}
        data-testid="rv-table"
        columns={[
          { title: t('feedback.elder'), dataIndex: 'elderNameMasked' },
          { title: t('feedback.service'), dataIndex: 'itemName' },
          {
            title: t('feedback.visitEndedAt'),
            dataIndex: 'visitEndedAt',
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('feedback.status'),
            dataIndex: 'status',
            render: (v: string) => t(`feedback.returnStatuses.${v}` as never),
          },
          {
            title: t('feedback.result'),
            dataIndex: 'result',
            render: (v: string | null, r) =>
              v
                ? `${t(`feedback.results.${v}` as never)}${r.serviceHappened === false ? ` · ${t('feedback.serviceHappened')}: ${t('feedback.no')}` : ''}`
                : '—',
          },
          {
            title: t('common.actions'),
            render: (_: unknown, r) =>
              r.status === 'pending' && can('complaint:write') ? (
                <Button size="small" onClick={() => setRecording(r)} data-testid="rv-record">
                  {t('feedback.record')}
                </Button>
              ) : null,
          },
        ]}
      />
      {recording && <RecordModal rv={recording} onClose={() => setRecording(null)} />}
    </>
  );
}

function RecordModal({ rv, onClose }: { rv: ReturnVisit; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const { enter, choose } = useRequired();
  const reached = Form.useWatch('reached', form) as boolean | undefined;
  const complain = Form.useWatch('complain', form) as boolean | undefined;
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setError(null);
    try {
      await recordReturnVisit(rv.id, {
        reached: !!v.reached,
        ...(v.reached ? { serviceHappened: v.serviceHappened !== false, result: v.result } : {}),
        ...(v.note ? { note: v.note } : {}),
        ...(v.correctiveAction ? { correctiveAction: v.correctiveAction } : {}),
        ...(v.reached && v.complain
          ? { complaint: { category: v.category, description: v.complaintText } }
          : {}),
      });
      await qc.invalidateQueries({ queryKey: [FEEDBACK_KEY] });
      onClose();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal
      open
      title={`${t('feedback.record')} · ${rv.elderNameMasked ?? ''} · ${rv.itemName}`}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ ...{ 'data-testid': 'rv-record-ok' } }}
    >
      <Form form={form} layout="vertical" initialValues={{ reached: true, serviceHappened: true }}>
        <Form.Item name="reached" label={t('feedback.reached')} valuePropName="checked">
          <Switch data-testid="rv-reached" />
        </Form.Item>
        {reached && (
          <>
            <Form.Item name="serviceHappened" label={t('feedback.serviceHappened')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="result" label={t('feedback.result')} rules={[choose(t('feedback.result'))]}>
              <Radio.Group
                options={RETURN_VISIT_RESULTS.map((r) => ({ value: r, label: t(`feedback.results.${r}`) }))}
                data-testid="rv-result"
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('feedback.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="correctiveAction" label={t('feedback.correctiveAction')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {reached && (
          <Form.Item name="complain" valuePropName="checked">
            <Checkbox>{t('feedback.raiseComplaint')}</Checkbox>
          </Form.Item>
        )}
        {reached && complain && (
          <>
            <Form.Item
              name="category"
              label={t('feedback.category')}
              rules={[choose(t('feedback.category'))]}
            >
              <Select
                options={COMPLAINT_CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`feedback.categories.${c}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="complaintText"
              label={t('feedback.description')}
              rules={[enter(t('feedback.description'))]}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Modal>
  );
}
