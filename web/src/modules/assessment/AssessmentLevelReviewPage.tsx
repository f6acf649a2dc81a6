import { useMemo } from 'react';
import { Link } from 'react-router';
import { Alert, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import { tableScroll } from '../../app/table.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ASSESSMENTS_KEY, ASSESSMENTS_PATH } from './assessmentApi.ts';
import type { AssessmentLevelReviewItem } from './assessmentTypes.ts';
import { LevelTag } from './AssessmentTags.tsx';
import { firedRuleText } from './ruleText.ts';

/**
 * 等级复核清单 (decision 006 refinements, `GET /assessments/level-review`): published results whose
 * own Appendix A — 昏迷, diagnoses, care risk events — gives another level under the change rules.
 * They were published while the server trusted the client's context; each is re-reviewed (dispute).
 */
export default function AssessmentLevelReviewPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const query = useMemo(() => ({ regionCode: regionCode ?? undefined }), [regionCode]);
  const list = usePaged<AssessmentLevelReviewItem>(
    ASSESSMENTS_KEY,
    `${ASSESSMENTS_PATH}/level-review`,
    query,
    can('assessment:review'),
  );
  const region = regionCode ? `?region=${regionCode}` : '';
  const locale = currentLocale();
  if (!can('assessment:review')) return <Empty description={t('common.forbidden')} />;

  const columns: ColumnsType<AssessmentLevelReviewItem> = [
    {
      key: 'elder',
      title: t('assessment.elder'),
      dataIndex: 'elderNameMasked',
      render: (name: string, row) => (
        <Link to={`/assessments/${encodeURIComponent(row.id)}${region}`} data-testid="level-review-open">
          {name}
        </Link>
      ),
    },
    { key: 'region', title: t('assessment.region'), render: (_: unknown, r) => r.regionName ?? r.regionCode },
    { key: 'agency', title: t('assessment.agency'), render: (_: unknown, r) => r.agencyName ?? '—' },
    {
      key: 'published',
      title: t('assessment.publishedLevel'),
      render: (_: unknown, r) => (
        <span>
          <LevelTag code={r.publishedLevel} name={r.publishedLevelName} /> {formatDateTime(r.publishedAt)}
        </span>
      ),
    },
    {
      key: 'appendix',
      title: t('assessment.appendixLevel'),
      render: (_: unknown, r) => <LevelTag code={r.appendixLevel} name={r.appendixLevelName} />,
    },
    {
      key: 'rules',
      title: t('assessment.levelReviewRules'),
      render: (_: unknown, r) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {r.firedRules.map((f, i) => (
            <li key={i}>{firedRuleText(f, locale)}</li>
          ))}
        </ul>
      ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon title={t('assessment.levelReviewHint')} style={{ marginBottom: 16 }} />
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<AssessmentLevelReviewItem>
        rowKey="id"
        data-testid="level-review-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(1000, list.items)}
        columns={columns}
        locale={{ emptyText: <Empty description={t('assessment.levelReviewEmpty')} /> }}
      />
      <LoadMore list={list} testId="level-review-load-more" />
    </>
  );
}
