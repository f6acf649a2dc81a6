import { useState } from 'react';
import { Form, Input, Modal, Select, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { showSubmitError } from '../../api/formErrors.ts';
import { ASSESSMENTS_KEY, applyAssessment, fetchStandards, settleAssessments } from './assessmentApi.ts';
import {
  ASSESSMENT_REASONS,
  ASSESSMENT_SOURCES,
  type AssessmentCreateBody as ApplyInput,
  type AssessmentDetail,
} from './assessmentTypes.ts';
import { ElderPicker } from './ElderPicker.tsx';
import { FormError } from '../layout/PageErrors.tsx';
import { useRequired } from '../../app/rules.ts';

const FIELDS = ['elderId', 'reason', 'source', 'standardCode', 'note'];

/** 申请评估: an elder, a reason and who asked (decision 006 "Application"). */
export function ApplyModal({
  open,
  regionCode,
  elderId,
  elderLabel,
  onClose,
  onApplied,
}: {
  open: boolean;
  regionCode: string | null;
  /** Preselected elder (from the due list or the elder drawer). */
  elderId?: string | null;
  elderLabel?: string | null;
  onClose: () => void;
  onApplied?: (a: AssessmentDetail) => void;
}) {
  const { t, i18n } = useTranslation();
  const { choose } = useRequired();
  const [form] = Form.useForm<ApplyInput>();
  const qc = useQueryClient();
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const standards = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'standards'],
    queryFn: ({ signal }) => fetchStandards(signal),
    enabled: open,
    staleTime: 3600_000,
  });
  const defaultStandard = standards.data?.defaultCode;

  const m = useMutation({
    mutationFn: applyAssessment,
    onSuccess: async (a) => {
      await settleAssessments(qc, a);
      void message.success(t('assessment.applied'));
      form.resetFields();
      onApplied?.(a);
      onClose();
    },
    onError: (e) => {
      const failure = showSubmitError(form, e, t('common.loadFailed'), FIELDS);
      const id = failure.meta.openId ?? failure.meta.assessmentId ?? failure.meta.existingId;
      setOpenId(typeof id === 'string' ? id : null);
      setError(failure.summary);
    },
  });

  return (
    <Modal
      open={open}
      title={t('assessment.applyTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('assessment.apply')}
      okButtonProps={{ loading: m.isPending, ...{ 'data-testid': 'assessment-apply-submit' } }}
      destroyOnHidden
    >
      <FormError
        error={error}
        testId="assessment-apply-error"
        action={
          openId ? (
            <Link to={`/assessments/${encodeURIComponent(openId)}`}>{t('assessment.goToOpen')}</Link>
          ) : undefined
        }
      />
      <Form<ApplyInput>
        form={form}
        layout="vertical"
        initialValues={{ elderId: elderId ?? undefined, source: 'cadre', reason: 'initial' }}
        onFinish={(v) => {
          setError(null);
          setOpenId(null);
          m.mutate({
            ...v,
            standardCode: v.standardCode || defaultStandard,
            note: v.note?.trim() || undefined,
          });
        }}
        data-testid="assessment-apply-form"
      >
        <Form.Item name="elderId" label={t('assessment.elder')} rules={[choose(t('assessment.elder'))]}>
          <ElderPicker
            valueLabel={elderLabel}
            regionCode={regionCode}
            placeholder={t('assessment.elderSearch')}
            testId="assessment-apply-elder"
          />
        </Form.Item>
        <Form.Item name="reason" label={t('assessment.reason')} rules={[choose(t('assessment.reason'))]}>
          <Select
            data-testid="assessment-apply-reason"
            options={ASSESSMENT_REASONS.filter((r) => r !== 'dispute').map((r) => ({
              value: r,
              label: t(`assessment.reasons.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('assessment.source')} rules={[choose(t('assessment.source'))]}>
          <Select
            data-testid="assessment-apply-source"
            options={ASSESSMENT_SOURCES.filter((s) => s !== 'automatic').map((s) => ({
              value: s,
              label: t(`assessment.sources.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="standardCode" label={t('assessment.standard')}>
          <Select
            allowClear
            placeholder={defaultStandard}
            data-testid="assessment-apply-standard"
            options={(standards.data?.items ?? []).map((s) => ({
              value: s.code,
              label: `${s.code} ${i18n.language.startsWith('en') ? s.en : s.zh}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('assessment.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="assessment-apply-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
