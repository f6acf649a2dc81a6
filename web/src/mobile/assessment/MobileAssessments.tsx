import { useState } from 'react';
import { Link } from 'react-router';
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
  const remote = useQuery({
    queryKey: [ASSESSMENTS_KEY, 'mine'],
    queryFn: ({ signal }) =>
      api.get<AssessmentList>(ASSESSMENTS_PATH, { mine: true, limit: 100 }, { signal }),
    enabled: online,
  });

  const localById = new Map((local.items ?? []).map((r) => [r.id, r]));
  const fromServer: AssessmentListItem[] = (remote.data?.items ?? []).filter((a) => OPEN.has(a.status));
  // Offline, the copies on the device are the list.
  const rows: AssessmentListItem[] = [
    ...fromServer,
    ...(local.items ?? []).filter((r) => !fromServer.some((a) => a.id === r.id)).map((r) => r.detail),
  ];

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
                {a.scheduledAt ? ` · ${formatDateTime(a.scheduledAt)}` : ''}
              </span>
              <span className="yy-m-card-line">{a.regionName ?? ''}</span>
              <span className="yy-m-card-line" data-testid="m-assessment-local">
                {rec ? <SyncBadge state={syncState(rec, online)} /> : t('assessment.tablet.notDownloaded')}
              </span>
              <div className="yy-m-stack">
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
