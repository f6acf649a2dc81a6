import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from 'antd-mobile';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.tsx';
import { isApiError } from '../../api/client.ts';
import { formatDateTime } from '../../app/format.ts';
import { api } from '../../api/client.ts';
import type { AssessmentList, AssessmentListItem } from '@yiyang/contracts';
import { ASSESSMENTS_PATH } from '../../modules/assessment/assessmentApi.ts';
import { syncState } from '../../modules/assessment/offlineSync.ts';
import { MobilePage } from '../MobilePage.tsx';
import { SyncBadge } from './SyncBadge.tsx';
import { chinaDay } from '../../app/chinaDate.ts';
import { filterRows, FILTERS, sortByDue, type Filter } from './assessmentList.ts';
import {
  ASSESSMENTS_KEY,
  downloadAssessment,
  useAutoSync,
  useLocalAssessments,
  useOnline,
} from './useOfflineAssessments.ts';

const OPEN = new Set(['assigned', 'in_progress', 'submitted', 'signing']);
/** 评估任务: the assessments assigned to me, to download and fill in on the tablet (offline too). */
export default function MobileAssessments() {
  const { t } = useTranslation();
  const me = useMe();
  const online = useOnline();
  const local = useLocalAssessments(me.id);
  const sync = useAutoSync(me.id, online && !!me.csrfToken, () => void local.reload());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const navigate = useNavigate();
  const remote = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'mine'],
    queryFn: ({ signal }) =>
      api.get<AssessmentList>(ASSESSMENTS_PATH, { mine: true, limit: 100 }, { signal }),
    enabled: online,
  });

  const localById = new Map((local.items ?? []).map((r) => [r.id, r]));
  const fromServer: AssessmentListItem[] = (remote.data?.items ?? []).filter((a) => OPEN.has(a.status));
  // Offline, the copies on the device are the list.
  const all: AssessmentListItem[] = sortByDue([
    ...fromServer,
    ...(local.items ?? []).filter((r) => !fromServer.some((a) => a.id === r.id)).map((r) => r.detail),
  ]);
  const rows = filterRows(all, filter, Date.now());
  const today = chinaDay(Date.now());

  /** One tap: the copy on the device (downloaded first when there is none), then the form. */
  const start = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      if (!localById.has(id)) await downloadAssessment(id, me.id);
      await navigate(`/m/assessments/${encodeURIComponent(id)}`);
    } catch (e) {
      setError(isApiError(e) && e.status !== 0 ? e.detail : t('assessment.tablet.downloadFailed'));
      setBusy(null);
    }
  };
  const download = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await downloadAssessment(id, me.id);
      await local.reload();
    } catch (e) {
      setError(isApiError(e) && e.status !== 0 ? e.detail : t('assessment.tablet.downloadFailed'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <MobilePage title={t('assessment.tablet.title')}>
      <div className="yy-m-sync-bar" data-testid="m-assessment-sync-bar">
        <SyncBadge
          state={online ? (sync.syncing ? 'pending' : 'synced') : 'offline'}
          syncing={sync.syncing}
        />
        {online && (
          <Button
            size="large"
            className="yy-m-secondary"
            onClick={() => void sync.run()}
            loading={sync.syncing}
          >
            {t('assessment.tablet.syncNow')}
          </Button>
        )}
      </div>
      {error && (
        <p className="yy-m-error" role="alert" data-testid="m-assessment-error">
          {error}
        </p>
      )}
      {remote.error && online && (
        <p className="yy-m-error" role="alert">
          {t('common.loadFailed')}
        </p>
      )}
      <div className="yy-m-choices" role="group" aria-label={t('assessment.tablet.filter')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className="yy-m-choice"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
            data-testid={`m-assessment-filter-${f}`}
          >
            {t(`assessment.tablet.filters.${f}`)} ({filterRows(all, f, Date.now()).length})
          </button>
        ))}
      </div>
      <ul className="yy-m-cards" data-testid="m-assessment-list" aria-busy={online && remote.isPending}>
        {rows.map((a) => {
          const rec = localById.get(a.id);
          return (
            <li key={a.id} className="yy-m-card yy-m-assessment-card" data-testid="m-assessment-item">
              <span className="yy-m-card-title">
                {a.elderNameMasked} · {t(`assessment.reasons.${a.reason}`)}
              </span>
              <span className="yy-m-card-line">
                {t(`assessment.statuses.${a.status}`)}
                {a.dueBy && (
                  <span
                    className={a.dueBy < today ? 'yy-m-overdue' : undefined}
                    data-testid="m-assessment-due"
                  >
                    {' · '}
                    {t('assessment.tablet.dueBy', { date: a.dueBy })}
                  </span>
                )}
              </span>
              <span className="yy-m-card-line" data-testid="m-assessment-appointment">
                {t('assessment.tablet.appointment')}：
                {a.scheduledAt ? formatDateTime(a.scheduledAt) : t('assessment.tablet.noAppointment')}
              </span>
              <span className="yy-m-card-line">
                {[a.regionName, a.elderAddressMasked].filter(Boolean).join(' · ')}
              </span>
              {a.elderPhoneMasked && (
                <span className="yy-m-card-line" data-testid="m-assessment-phone">
                  {t('assessment.tablet.phone')}：{a.elderPhoneMasked}
                </span>
              )}
              <span className="yy-m-card-line" data-testid="m-assessment-local">
                {rec ? <SyncBadge state={syncState(rec, online)} /> : t('assessment.tablet.notDownloaded')}
              </span>
              <div className="yy-m-stack">
                {(rec || online) && (
                  <Button
                    size="large"
                    block
                    color="primary"
                    className="yy-m-primary"
                    loading={busy === a.id}
                    onClick={() => void start(a.id)}
                    data-testid="m-assessment-start"
                  >
                    {t('assessment.tablet.start')}
                  </Button>
                )}
                {online && (
                  <Button
                    size="large"
                    block
                    className="yy-m-secondary"
                    loading={busy === a.id}
                    onClick={() => void download(a.id)}
                    data-testid="m-assessment-download"
                  >
                    {t('assessment.tablet.download')}
                  </Button>
                )}
                {rec && (
                  <Link
                    to={`/m/assessments/${encodeURIComponent(a.id)}`}
                    className="yy-m-action"
                    data-testid="m-assessment-open"
                  >
                    {t('assessment.tablet.openForm')}
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {rows.length === 0 && !(online && remote.isPending) && (
        <p className="yy-m-status" role="status">
          {t('assessment.tablet.empty')}
        </p>
      )}
    </MobilePage>
  );
}
