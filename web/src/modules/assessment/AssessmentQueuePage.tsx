import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Checkbox, Empty, Input, Segmented, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { usePaged } from '../../app/usePaged.ts';
import { LoadMore } from '../../app/LoadMore.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useCurrentRegion } from '../region/RegionContext.tsx';
import { LoadError } from '../layout/PageErrors.tsx';
import { ASSESSMENTS_KEY, ASSESSMENTS_PATH } from './assessmentApi.ts';
import {
  ASSESSMENT_REASONS,
  ASSESSMENT_STATUSES,
  type AssessmentListItem,
  type AssessmentReason,
  type AssessmentStatus,
} from './assessmentTypes.ts';
import { AssessmentStatusTag, LevelTag } from './AssessmentTags.tsx';
import { ApplyModal } from './ApplyModal.tsx';
import { tableScroll } from '../../app/table.ts';

type Stage = 'open' | 'all';

/**
 * The queue: the assessments of the current region, filtered by stage, status, reason and the elder's name.
 * It opens on work to do (applied … signing), not on old published records (issue 13 §4).
 */
export default function AssessmentQueuePage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { regionCode } = useCurrentRegion();
  const [stage, setStage] = useState<Stage>('open');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<AssessmentStatus | null>(null);
  const [reason, setReason] = useState<AssessmentReason | null>(null);
  const [mine, setMine] = useState(false);
  const [applying, setApplying] = useState(false);
  // Every filter is the server's, so each page is full and the cursor stays right.
  const query = useMemo(
    () => ({
      regionCode: regionCode ?? undefined,
      // A chosen status says what to show; otherwise the stage does.
      stage: status ? undefined : stage,
      status: status ?? undefined,
      reason: reason ?? undefined,
      mine: mine || undefined,
      q: q || undefined,
    }),
    [regionCode, stage, status, reason, mine, q],
  );
  const list = usePaged<AssessmentListItem>(ASSESSMENTS_KEY, ASSESSMENTS_PATH, query);
  const region = regionCode ? `?region=${regionCode}` : '';

  const columns: ColumnsType<AssessmentListItem> = [
    {
      key: 'elder',
      title: t('assessment.elder'),
      dataIndex: 'elderNameMasked',
      render: (name: string, row) => (
        <Link
          to={`/assessments/${encodeURIComponent(row.id)}${region}`}
          data-testid="assessment-open"
          aria-label={`${t('assessment.open')} ${name}`}
        >
          {name}
        </Link>
      ),
    },
    { key: 'region', title: t('assessment.region'), dataIndex: 'regionName' },
    {
      key: 'reason',
      title: t('assessment.reason'),
      dataIndex: 'reason',
      render: (r: AssessmentReason) => t(`assessment.reasons.${r}`),
    },
    {
      key: 'status',
      title: t('assessment.status'),
      dataIndex: 'status',
      render: (s: AssessmentStatus) => <AssessmentStatusTag status={s} />,
    },
    {
      key: 'agency',
      title: t('assessment.agency'),
      dataIndex: 'agencyName',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'scheduledAt',
      title: t('assessment.scheduledAt'),
      dataIndex: 'scheduledAt',
      render: (v: string | null) => (v ? formatDateTime(v) : '—'),
    },
    {
      key: 'dueBy',
      title: t('assessment.dueBy'),
      dataIndex: 'dueBy',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'level',
      title: t('assessment.level'),
      dataIndex: 'level',
      render: (_: unknown, row) => <LevelTag code={row.level} name={row.levelName} />,
    },
    {
      key: 'createdAt',
      title: t('assessment.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <>
      <div className="yy-toolbar" role="search" aria-label={t('common.search')}>
        <Segmented<Stage>
          aria-label={t('assessment.stage')}
          value={stage}
          onChange={setStage}
          options={[
            { value: 'open', label: t('assessment.stageOpen') },
            { value: 'all', label: t('assessment.stageAll') },
          ]}
          data-testid="assessment-stage"
        />
        <Input.Search
          key={`q-${q}`}
          allowClear
          defaultValue={q}
          aria-label={t('assessment.searchElder')}
          placeholder={t('assessment.searchElder')}
          onSearch={(v) => setQ(v.trim())}
          enterButton={t('common.search')}
          style={{ width: 240 }}
          data-testid="assessment-search"
        />
        <Select
          allowClear
          aria-label={t('assessment.filterStatus')}
          placeholder={t('assessment.filterStatus')}
          value={status}
          onChange={(v: AssessmentStatus | undefined) => setStatus(v ?? null)}
          options={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(`assessment.statuses.${s}`) }))}
          style={{ width: 160 }}
          data-testid="assessment-status-filter"
        />
        <Select
          allowClear
          aria-label={t('assessment.filterReason')}
          placeholder={t('assessment.filterReason')}
          value={reason}
          onChange={(v: AssessmentReason | undefined) => setReason(v ?? null)}
          options={ASSESSMENT_REASONS.map((r) => ({ value: r, label: t(`assessment.reasons.${r}`) }))}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          data-testid="assessment-reason-filter"
        />
        {can('assessment:perform') && (
          <Checkbox
            checked={mine}
            onChange={(e) => setMine(e.target.checked)}
            data-testid="assessment-mine-filter"
          >
            {t('assessment.mine')}
          </Checkbox>
        )}
        <Button
          onClick={() => {
            setStage('open');
            setQ('');
            setStatus(null);
            setReason(null);
            setMine(false);
          }}
          data-testid="assessment-reset"
        >
          {t('common.resetFilters')}
        </Button>
        <span className="yy-grow" />
        {can('assessment:apply') && (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setApplying(true)}
            data-testid="assessment-apply"
          >
            {t('assessment.apply')}
          </Button>
        )}
      </div>
      {list.error && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<AssessmentListItem>
        rowKey="id"
        data-testid="assessment-table"
        loading={list.isPending && !list.error}
        dataSource={list.rows}
        pagination={false}
        scroll={tableScroll(1100, list.items)}
        columns={columns}
        locale={{ emptyText: <Empty description={t('assessment.empty')} /> }}
      />
      <LoadMore list={list} testId="assessment-load-more" />
      <ApplyModal open={applying} regionCode={regionCode} onClose={() => setApplying(false)} />
    </>
  );
}
