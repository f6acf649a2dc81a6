import { useState } from 'react';
import { Checkbox, Empty, Form, Input, Modal, Space, Spin, Tag, Typography, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { useMe } from '../../app/session.tsx';
import { OrganisationSelect } from '../organisation/OrganisationSelect.tsx';
import { FormError } from '../layout/PageErrors.tsx';
import { ASSESSMENTS_KEY, assignAssessment, fetchEligible, settleAssessments } from './assessmentApi.ts';
import type { AssessmentDetail, EligibleAssessor } from './assessmentTypes.ts';
import { assignFieldErrors } from './assessmentHelpers.ts';
import { useRequired } from '../../app/rules.ts';

interface AssignValues {
  agencyId: string;
  assessorIds: string[];
  scheduledOn?: string;
}

function CertificateText({ a }: { a: EligibleAssessor }) {
  const { t } = useTranslation();
  const c = a.certificate;
  if (!c) return <Tag>{t('assessment.certificateNone')}</Tag>;
  return (
    <span>
      <span className="yy-mono">{c.number}</span>{' '}
      {a.certificateValid ? (
        <Tag style={{ color: '#1b5e20', background: '#edf7ed', borderColor: '#a5d6a7' }}>
          {t('assessment.certificateValid', { date: c.expiresOn ?? '—' })}
        </Tag>
      ) : (
        <Tag style={{ color: '#a51d1d', background: '#fdecec', borderColor: '#f5b5b5' }}>
          {t('assessment.certificateExpired', { date: c.expiresOn ?? '—' })}
        </Tag>
      )}
    </span>
  );
}

/** 分派: an assessment agency and exactly two assessors with valid certificates (decision 006). */
export function AssignModal({
  assessment,
  open,
  onClose,
}: {
  assessment: AssessmentDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { choose } = useRequired();
  const [form] = Form.useForm<AssignValues>();
  const me = useMe();
  // An agency lead assigns within their own agency: preselect it.
  const agency = assessment.organisationId
    ? { id: assessment.organisationId, name: assessment.agencyName }
    : me.roles.includes('assessment_lead') && me.organisationId
      ? { id: me.organisationId, name: me.organisationName }
      : null;
  const qc = useQueryClient();
  const agencyId = Form.useWatch('agencyId', form);
  const [error, setError] = useState<string | null>(null);
  const eligible = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'eligible', assessment.id, agencyId],
    queryFn: ({ signal }) => fetchEligible(assessment.id, agencyId!, signal),
    enabled: open && !!agencyId,
  });

  const m = useMutation({
    mutationFn: (v: AssignValues) =>
      assignAssessment(assessment.id, {
        agencyId: v.agencyId,
        assessorIds: [v.assessorIds[0]!, v.assessorIds[1]!],
        ...(v.scheduledOn ? { scheduledAt: new Date(`${v.scheduledOn}T09:00:00+08:00`).toISOString() } : {}),
      }),
    // The dialog closes once the page shows the assignment (settleAssessments), not before.
    onSuccess: async (detail) => {
      await settleAssessments(qc, detail);
      void message.success(t('assessment.assigned'));
      onClose();
    },
    onError: (e) => {
      if (!isApiError(e)) return setError(t('common.loadFailed'));
      const { fields, rest } = assignFieldErrors(e.errors);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setError(fields.length === 0 || rest.length ? [e.detail, ...rest].join(' ') : null);
    },
  });

  const items = eligible.data?.items ?? [];

  return (
    <Modal
      open={open}
      title={t('assessment.assignTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('assessment.assign')}
      okButtonProps={{ loading: m.isPending, ...{ 'data-testid': 'assign-submit' } }}
      destroyOnHidden
      width={640}
    >
      <FormError error={error} testId="assign-error" />
      <Form<AssignValues>
        form={form}
        layout="vertical"
        initialValues={{ agencyId: agency?.id, assessorIds: [] }}
        onFinish={(v) => {
          setError(null);
          m.mutate(v);
        }}
        data-testid="assign-form"
      >
        <Form.Item name="agencyId" label={t('assessment.agency')} rules={[choose(t('assessment.agency'))]}>
          <OrganisationSelect
            type="assessment_agency"
            valueLabel={agency?.name}
            ariaLabel={t('assessment.agency')}
            testId="assign-agency"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="assessorIds"
          label={t('assessment.assessorsPick')}
          extra={t('assessment.assessorsHint')}
          rules={[
            {
              validator: (_, v: string[] | undefined) =>
                v && v.length === 2
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('assessment.twoRequired'))),
            },
          ]}
        >
          {!agencyId ? (
            <Typography.Text type="secondary">{t('assessment.pickAgencyFirst')}</Typography.Text>
          ) : eligible.isPending ? (
            <Spin />
          ) : items.length === 0 ? (
            <Empty description={t('assessment.noEligible')} />
          ) : (
            <Checkbox.Group style={{ width: '100%' }} data-testid="assign-assessors">
              <Space direction="vertical" style={{ width: '100%' }}>
                {items.map((a) => (
                  <Checkbox key={a.userId} value={a.userId} disabled={a.excluded}>
                    <span data-testid={`assign-assessor-${a.username}`}>
                      <strong>{a.displayName}</strong> ({a.username}) · <CertificateText a={a} />
                      {a.excluded && <Tag>{t('assessment.ineligible')}</Tag>}
                    </span>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          )}
        </Form.Item>
        <Form.Item name="scheduledOn" label={t('assessment.scheduledAt')}>
          <Input type="date" data-testid="assign-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
