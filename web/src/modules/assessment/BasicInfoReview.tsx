import { useMemo, useState } from 'react';
import { Alert, Checkbox, Empty, Modal, Skeleton, Table, message } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { ELDERS_KEY } from '../elder/elderApi.ts';
import { ASSESSMENTS_KEY, applyBasicInfo, fetchPrefill, settleAssessments } from './assessmentApi.ts';
import type { AssessmentDetail } from './assessmentTypes.ts';
import { basicValueText, registryChanges } from './basicInfo.ts';
import type { AssessmentStandardData } from './standardTypes.ts';
import { stdText } from './standardTypes.ts';
import { FormError } from '../layout/PageErrors.tsx';

/**
 * Appendix A review: which fields of the assessment differ from the registry;
 * the user ticks those to apply and confirms the list (issue 4 §4: changes
 * flow back only with confirmation).
 */
export function BasicInfoReview({
  assessment,
  standard,
  open,
  onClose,
}: {
  assessment: AssessmentDetail;
  standard: AssessmentStandardData;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const lang = i18n.language;
  const [picked, setPicked] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const prefill = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'prefill', assessment.id],
    queryFn: ({ signal }) => fetchPrefill(assessment.id, signal),
    enabled: open,
    staleTime: 0,
  });
  const changes = useMemo(
    () => (prefill.data ? registryChanges(standard, prefill.data.basicInfo, assessment.basicInfo) : []),
    [prefill.data, standard, assessment.basicInfo],
  );
  const selected = picked ?? changes.map((c) => c.field.code);

  const m = useMutation({
    mutationFn: () =>
      applyBasicInfo(assessment.id, { elderVersion: prefill.data!.elderVersion, fields: selected }),
    // The dialog closes once what it changed is read again, not before (settleAssessments).
    onSuccess: async () => {
      await Promise.all([settleAssessments(qc), qc.invalidateQueries({ queryKey: [ELDERS_KEY] })]);
      void message.success(t('assessment.basicApplied'));
      onClose();
    },
    onError: (e) => setError(isApiError(e) ? e.detail : t('common.loadFailed')),
  });

  const confirm = () =>
    Modal.confirm({
      title: t('assessment.basicConfirm', { count: selected.length }),
      content: (
        <ul data-testid="basic-confirm-list">
          {changes
            .filter((c) => selected.includes(c.field.code))
            .map((c) => (
              <li key={c.field.code}>
                {c.field.code} {stdText(c.field, lang)}: {basicValueText(c.field, c.registry, lang) || '—'} →{' '}
                {basicValueText(c.field, c.assessment, lang, assessment.basicInfo)}
              </li>
            ))}
        </ul>
      ),
      okText: t('assessment.basicApply'),
      okButtonProps: { ...{ 'data-testid': 'basic-confirm-ok' } },
      onOk: () => m.mutateAsync(),
    });

  return (
    <Modal
      open={open}
      title={t('assessment.basicReviewTitle')}
      onCancel={onClose}
      onOk={confirm}
      okText={t('assessment.basicApply')}
      okButtonProps={{
        disabled: selected.length === 0,
        loading: m.isPending,
        ...{ 'data-testid': 'basic-apply' },
      }}
      width={760}
      destroyOnHidden
    >
      <FormError error={error} />
      {prefill.isPending ? (
        <Skeleton active />
      ) : prefill.error ? (
        <Alert
          type="error"
          showIcon
          title={isApiError(prefill.error) ? prefill.error.detail : t('common.loadFailed')}
        />
      ) : changes.length === 0 ? (
        <Empty description={t('assessment.basicNoChanges')} />
      ) : (
        <>
          <Alert type="info" showIcon title={t('assessment.basicReviewHint')} style={{ marginBottom: 16 }} />
          <Table
            rowKey={(c) => c.field.code}
            size="small"
            pagination={false}
            dataSource={changes}
            data-testid="basic-changes"
            columns={[
              {
                key: 'pick',
                width: 48,
                render: (_: unknown, c) => (
                  <Checkbox
                    aria-label={stdText(c.field, lang)}
                    checked={selected.includes(c.field.code)}
                    onChange={(e) =>
                      setPicked(
                        e.target.checked
                          ? [...selected, c.field.code]
                          : selected.filter((x) => x !== c.field.code),
                      )
                    }
                  />
                ),
              },
              {
                key: 'field',
                title: t('assessment.basicField'),
                render: (_: unknown, c) => `${c.field.code} ${stdText(c.field, lang)}`,
              },
              {
                key: 'registry',
                title: t('assessment.basicRegistry'),
                render: (_: unknown, c) => basicValueText(c.field, c.registry, lang) || '—',
              },
              {
                key: 'assessment',
                title: t('assessment.basicAssessment'),
                render: (_: unknown, c) => (
                  <mark>{basicValueText(c.field, c.assessment, lang, assessment.basicInfo)}</mark>
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
