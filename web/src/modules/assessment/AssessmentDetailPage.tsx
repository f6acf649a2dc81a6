import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
  message,
} from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import {
  ASSESSMENTS_KEY,
  assessmentKey,
  cancelAssessment,
  disputeAssessment,
  fetchAssessment,
  fetchStandard,
  reportUrl,
  settleAssessments,
} from './assessmentApi.ts';
import { CANCELLABLE_STATUSES, REPORT_STATUSES, type AssessmentDetail } from './assessmentTypes.ts';
import { AssessmentStatusTag, LevelTag } from './AssessmentTags.tsx';
import { AssessmentResultView } from './AssessmentResultView.tsx';
import { AssessmentWarnings } from './AssessmentWarnings.tsx';
import { AssignModal } from './AssignModal.tsx';
import { disputable } from './assessmentHelpers.ts';
import { BasicInfoReview } from './BasicInfoReview.tsx';
import { ReasonModal } from './ReasonModal.tsx';

function Assessors({ a }: { a: AssessmentDetail }) {
  const { t } = useTranslation();
  if (a.assessors.length === 0) return <Empty description={t('assessment.notSigned')} />;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      data-testid="assessment-assessors"
      items={a.assessors.map((p, i) => ({
        key: p.userId,
        label: `${t('assessment.assessor')} ${i + 1}`,
        children: (
          <Space wrap>
            <strong>{p.displayName}</strong>
            {p.certificate ? (
              <span>
                {t('assessment.certificate')} <span className="yy-mono">{p.certificate.number}</span>
                {p.certificate.expiresOn
                  ? ` · ${t('assessment.certificateValid', { date: p.certificate.expiresOn })}`
                  : ''}
              </span>
            ) : (
              <Tag>{t('assessment.certificateNone')}</Tag>
            )}
            <span data-testid="assessment-signature">
              {p.signedAt
                ? t('assessment.signed', { at: formatDateTime(p.signedAt) })
                : t('assessment.notSigned')}
            </span>
          </Space>
        ),
      }))}
    />
  );
}

/** One assessment: overview, assessors and signatures, result, timeline, and the commands the user may run. */
export default function AssessmentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const qc = useQueryClient();
  const [modal, setModal] = useState<'assign' | 'dispute' | 'cancel' | 'basic' | null>(null);
  const q = useQuery({
    queryKey: assessmentKey(id),
    queryFn: ({ signal }) => fetchAssessment(id, signal),
  });
  const a = q.data;
  const std = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'standard', a?.standardCode],
    queryFn: ({ signal }) => fetchStandard(a!.standardCode, signal),
    enabled: !!a && modal === 'basic',
    staleTime: Infinity,
  });
  const region = regionCode ? `?region=${regionCode}` : '';
  const loadError = q.error && <LoadError error={q.error} onRetry={() => void q.refetch()} />;

  // A failed re-read keeps the page (and an open dialog with what was typed in it) under the error.
  if (!a) return loadError || <Skeleton active />;

  const canAssign = can('assessment:assign') && (a.status === 'applied' || a.status === 'assigned');
  const canCancel =
    (can('assessment:apply') || can('assessment:assign')) && CANCELLABLE_STATUSES.includes(a.status);

  return (
    <div data-testid="assessment-detail">
      {loadError}
      <Space style={{ marginBottom: 16 }} wrap>
        <Link to={`/assessments${region}`}>
          <ArrowLeftOutlined aria-hidden /> {t('assessment.backToQueue')}
        </Link>
      </Space>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {a.elder.nameMasked} · {t('assessment.detailTitle')} <AssessmentStatusTag status={a.status} />{' '}
        <LevelTag code={a.level} name={a.levelName} />
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        {canAssign && (
          <Button type="primary" onClick={() => setModal('assign')} data-testid="assessment-assign">
            {t('assessment.assign')}
          </Button>
        )}
        {REPORT_STATUSES.includes(a.status) && (
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            href={reportUrl(a.id)}
            target="_blank"
            rel="noopener"
            data-testid="assessment-report"
          >
            {t('assessment.report')}
          </Button>
        )}
        {can('elder:write') && REPORT_STATUSES.includes(a.status) && (
          <Button onClick={() => setModal('basic')} data-testid="assessment-basic-review">
            {t('assessment.basicReview')}
          </Button>
        )}
        {can('assessment:apply') && disputable(a) && (
          <Button onClick={() => setModal('dispute')} data-testid="assessment-dispute">
            {t('assessment.dispute')}
          </Button>
        )}
        {canCancel && (
          <Button danger onClick={() => setModal('cancel')} data-testid="assessment-cancel">
            {t('assessment.cancel')}
          </Button>
        )}
      </Space>
      <AssessmentWarnings warnings={a.warnings} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('assessment.overview')} size="small">
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              data-testid="assessment-overview"
              items={[
                {
                  key: 'elder',
                  label: t('assessment.elder'),
                  children: `${a.elder.nameMasked} · ${a.elder.idNumberMasked}`,
                },
                { key: 'region', label: t('assessment.region'), children: a.regionName ?? a.regionCode },
                {
                  key: 'reason',
                  label: t('assessment.reason'),
                  children: t(`assessment.reasons.${a.reason}`),
                },
                {
                  key: 'source',
                  label: t('assessment.source'),
                  children: t(`assessment.sources.${a.source}`),
                },
                { key: 'standard', label: t('assessment.standard'), children: a.standardCode },
                { key: 'agency', label: t('assessment.agency'), children: a.agencyName ?? '—' },
                {
                  key: 'scheduled',
                  label: t('assessment.scheduledAt'),
                  children: a.scheduledAt ? formatDateTime(a.scheduledAt) : '—',
                },
                { key: 'due', label: t('assessment.dueBy'), children: a.dueBy ?? '—' },
                ...(a.note ? [{ key: 'note', label: t('assessment.note'), children: a.note, span: 2 }] : []),
                ...(a.supersedesId
                  ? [
                      {
                        key: 'supersedes',
                        label: t('assessment.supersedes'),
                        children: (
                          <Link to={`/assessments/${encodeURIComponent(a.supersedesId)}${region}`}>
                            {a.supersedesId}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                ...(a.supersededById
                  ? [
                      {
                        key: 'superseded',
                        label: t('assessment.supersededBy'),
                        children: (
                          <Link to={`/assessments/${encodeURIComponent(a.supersededById)}${region}`}>
                            {a.supersededById}
                          </Link>
                        ),
                      },
                    ]
                  : []),
                ...(a.disputeReason
                  ? [{ key: 'dispute', label: t('assessment.dispute'), children: a.disputeReason, span: 2 }]
                  : []),
                ...(a.cancelReason
                  ? [{ key: 'cancel', label: t('assessment.cancel'), children: a.cancelReason, span: 2 }]
                  : []),
              ]}
            />
          </Card>
          <Card title={t('assessment.result')} size="small" style={{ marginTop: 16 }}>
            <AssessmentResultView result={a.result} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('assessment.assessors')} size="small">
            <Assessors a={a} />
          </Card>
          <Card title={t('assessment.timeline')} size="small" style={{ marginTop: 16 }}>
            {a.timeline.length === 0 ? (
              <Empty description={t('assessment.timelineEmpty')} />
            ) : (
              <Timeline
                data-testid="assessment-timeline"
                items={a.timeline.map((e) => ({
                  content: (
                    <span>
                      {formatDateTime(e.at)} ·{' '}
                      {t(`assessment.actions.${e.action}`, { defaultValue: e.action })}
                      {e.byName ? ` · ${e.byName}` : ''}
                    </span>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <AssignModal assessment={a} open={modal === 'assign'} onClose={() => setModal(null)} />
      <ReasonModal
        open={modal === 'dispute'}
        title={t('assessment.disputeTitle')}
        hint={t('assessment.disputeHint')}
        okText={t('assessment.dispute')}
        testId="assessment-dispute-modal"
        onClose={() => setModal(null)}
        onSubmit={async (reason) => {
          const { disputed } = await disputeAssessment(a.id, reason);
          await settleAssessments(qc, disputed);
          void message.success(t('assessment.disputed'));
        }}
      />
      <ReasonModal
        open={modal === 'cancel'}
        title={t('assessment.cancelTitle')}
        okText={t('assessment.cancel')}
        danger
        testId="assessment-cancel-modal"
        onClose={() => setModal(null)}
        onSubmit={async (reason) => {
          await settleAssessments(qc, await cancelAssessment(a.id, reason));
          void message.success(t('assessment.cancelled'));
        }}
      />
      {modal === 'basic' && std.data && (
        <BasicInfoReview assessment={a} standard={std.data} open onClose={() => setModal(null)} />
      )}
    </div>
  );
}
