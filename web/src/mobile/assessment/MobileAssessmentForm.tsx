import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.tsx';
import { Loading } from '../../app/Loading.tsx';
import { formatDateTime } from '../../app/format.ts';
import { isApiError } from '../../api/client.ts';
import { pointerToPath } from '../../api/formErrors.ts';
import { fetchAssessment, signAssessment, submitAssessment } from '../../modules/assessment/assessmentApi.ts';
import type { AssessmentDetail } from '../../modules/assessment/assessmentTypes.ts';
import { EDITABLE_STATUSES } from '../../modules/assessment/assessmentTypes.ts';
import {
  buildPages,
  clampPage,
  missingEntries,
  missingOnPage,
  progress,
  setAnswer,
  type FormDraft,
  type MissingEntry,
} from '../../modules/assessment/formModel.ts';
import { offlineStore } from '../../modules/assessment/offlineStore.ts';
import {
  queueSignature,
  resolveConflict,
  saveDraft,
  syncOne,
  syncState,
  updateLocal,
  type LocalAssessment,
} from '../../modules/assessment/offlineSync.ts';
import { syncApi } from '../../modules/assessment/assessmentApi.ts';
import { stdText } from '../../modules/assessment/standardTypes.ts';
import { MobilePage } from '../MobilePage.tsx';
import { keepLoadedAssets } from '../pwa.ts';
import { SyncBadge } from './SyncBadge.tsx';
import { TabletField, TabletItem } from './TabletFields.tsx';
import { TabletWarnings, unconfirmedWarnings } from './TabletWarnings.tsx';
import {
  ConflictPanel,
  FormHeader,
  missingLabel,
  ResultSummary,
  SignPanel,
} from './MobileAssessmentParts.tsx';
import { downloadAssessment, useOnline } from './useOfflineAssessments.ts';

const nowIso = () => new Date().toISOString();
const SAVE_DELAY = 800;

/**
 * The on-site form on the tablet (decision 006 "Offline tablet"): generated
 * from the standard's data, Appendix A first then one dimension per page;
 * every change is stored on the device at once and synced when online.
 */
export default function MobileAssessmentForm() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useMe();
  const online = useOnline();
  const store = offlineStore();
  const [rec, setRec] = useState<LocalAssessment | null | undefined>(undefined);
  const [page, setPage] = useState(0);
  const [focus, setFocus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [serverMissing, setServerMissing] = useState<string[]>([]);
  const [published, setPublished] = useState<AssessmentDetail | null>(null);
  const [cosigner, setCosigner] = useState({ username: '', password: '' });
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const recRef = useRef(rec);
  recRef.current = rec;

  /** Adopts the stored copy, keeping a newer draft the UI holds (a tap during a sync). */
  const adopt = useCallback((stored: LocalAssessment | undefined) => {
    setRec((prev) => {
      if (!stored) return null;
      if (prev?.localSavedAt && stored.localSavedAt && prev.localSavedAt > stored.localSavedAt)
        return { ...stored, draft: prev.draft, localSavedAt: prev.localSavedAt, dirty: true };
      return stored;
    });
  }, []);

  // This page must open again without network: keep its chunks in the worker's cache.
  useEffect(() => keepLoadedAssets(), []);

  useEffect(() => {
    let alive = true;
    void (async () => {
      let r = await store.get(id);
      if ((!r || r.userId !== me.id) && navigator.onLine)
        r = await downloadAssessment(id, me.id).catch(() => undefined);
      if (alive) setRec(r && r.userId === me.id ? r : null);
    })();
    return () => {
      alive = false;
    };
  }, [id, me.id, store]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      const out = await syncOne(store, syncApi, id, nowIso);
      if (out === 'published') {
        // The last signature was the queued one: the copy is gone; show the result.
        const last = recRef.current?.detail;
        setPublished(last ? await fetchAssessment(id).catch(() => last) : null);
        setNotice(t('assessment.tablet.published'));
      }
      adopt(await store.get(id));
      return out;
    } finally {
      setSyncing(false);
    }
  }, [store, id, adopt, t]);

  // Back online (and signed in again, with a CSRF token): send what waited.
  const canWrite = online && !!me.csrfToken;
  const loaded = !!rec;
  useEffect(() => {
    if (canWrite && loaded) void sync();
  }, [canWrite, loaded, sync]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const standard = rec?.standard;
  const pages = useMemo(() => (standard ? buildPages(standard) : []), [standard]);
  const review = pages.length; // the last step: review and submit
  const missing = useMemo(() => (rec ? missingEntries(rec.standard, rec.draft) : []), [rec]);
  const prog = rec ? progress(rec.standard, rec.draft) : { done: 0, total: 0 };

  useEffect(() => {
    if (!focus) return;
    document.getElementById(`q-${focus.split('/')[0]}`)?.scrollIntoView({ block: 'center' });
    setFocus(null);
  }, [focus, page]);

  if (rec === undefined) return <Loading />;
  if (rec === null && !published)
    return (
      <MobilePage title={t('assessment.tablet.title')} backTo="/m/assessments">
        <p className="yy-m-error" role="alert">
          {t('assessment.tablet.downloadFailed')}
        </p>
      </MobilePage>
    );

  if (published || !rec) {
    return (
      <MobilePage title={t('assessment.tablet.title')} backTo="/m/assessments">
        <p className="yy-m-status" role="status" data-testid="m-assessment-published">
          {t('assessment.tablet.published')}
        </p>
        {published && <ResultSummary detail={published} />}
        <Link to="/m/assessments" className="yy-m-action">
          {t('assessment.tablet.back')}
        </Link>
      </MobilePage>
    );
  }

  const detail = rec.detail;
  const editable = EDITABLE_STATUSES.includes(detail.status);
  const state = syncState(rec, online);

  const change = (draft: FormDraft) => {
    if (!editable) return;
    const at = nowIso();
    setRec((r) => (r ? { ...r, draft, localSavedAt: at, dirty: true, error: null } : r));
    void saveDraft(store, id, draft, at).then(() => {
      if (timer.current) clearTimeout(timer.current);
      if (navigator.onLine && me.csrfToken) timer.current = setTimeout(() => void sync(), SAVE_DELAY);
    });
  };

  const go = (p: number, code?: string) => {
    setPage(clampPage(pages.length + 1, p));
    if (code) setFocus(code);
    else window.scrollTo({ top: 0 });
  };

  const jump = (m: MissingEntry) => go(m.page, m.code);

  const submit = async () => {
    if (!online) return setError(t('assessment.tablet.submitNeedsNetwork'));
    setBusy(true);
    setError(null);
    setServerMissing([]);
    try {
      const out = await sync();
      if (out === 'conflict' || out === 'rejected' || out === 'offline') return;
      // The synced form may carry a new contradiction: it is confirmed first, like the others.
      if (unconfirmedWarnings((await store.get(id))?.detail.warnings, confirmed).length)
        return setError(t('assessment.tablet.confirmWarnings'));
      const d = await submitAssessment(id, { confirmedWarnings: confirmed });
      adopt(await updateLocal(store, id, (r) => ({ ...r, detail: d })));
      setNotice(t('assessment.tablet.submitted'));
    } catch (e) {
      if (isApiError(e)) {
        setError(e.status === 0 ? t('assessment.tablet.submitNeedsNetwork') : e.detail);
        setServerMissing(
          e.errors
            .map((x) => pointerToPath(x.pointer)?.slice(-1)[0])
            .filter((c): c is string => typeof c === 'string'),
        );
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  const signSelf = async () => {
    setError(null);
    const signedAt = nowIso();
    if (!online) {
      adopt(await updateLocal(store, id, (r) => queueSignature(r, signedAt)));
      return;
    }
    setBusy(true);
    try {
      const d = await signAssessment(id, { signedAt });
      await afterSign(d);
    } catch (e) {
      if (isApiError(e) && e.status === 0)
        adopt(await updateLocal(store, id, (r) => queueSignature(r, signedAt)));
      else setError(isApiError(e) ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };

  const afterSign = async (d: AssessmentDetail) => {
    if (d.status === 'published') {
      await store.delete(id);
      setPublished(d);
      setNotice(t('assessment.tablet.published'));
    } else adopt(await updateLocal(store, id, (r) => ({ ...r, detail: d, pendingSign: null })));
  };

  const coSign = async (e: FormEvent) => {
    e.preventDefault();
    if (!online) return setError(t('assessment.tablet.cosignNeedsNetwork'));
    setBusy(true);
    setError(null);
    try {
      const out = await sync(); // my own queued signature first
      if (out === 'published') return;
      const d = await signAssessment(id, { coSigner: { ...cosigner } });
      setCosigner({ username: '', password: '' });
      await afterSign(d);
    } catch (err) {
      // A wrong partner password is a field error: show its message ("用户名或密码错误").
      setError(isApiError(err) ? (err.errors[0]?.message ?? err.detail) : String(err));
    } finally {
      setBusy(false);
      // The partner's password never stays in memory longer than the request.
      setCosigner((c) => ({ ...c, password: '' }));
    }
  };

  const signing = detail.status === 'submitted' || detail.status === 'signing';
  const current = pages[page];

  return (
    <MobilePage title={`${detail.elderNameMasked} · ${t('assessment.tablet.title')}`} backTo="/m/assessments">
      <FormHeader detail={detail} />
      <div className="yy-m-sync-bar yy-m-assessment" data-testid="m-form-sync-bar">
        <SyncBadge state={state} syncing={syncing} />
        {rec.localSavedAt && (
          <span className="yy-m-hint" data-testid="m-saved-locally">
            {t('assessment.tablet.savedLocally', { at: formatDateTime(rec.localSavedAt) })}
          </span>
        )}
      </div>
      {rec.error && (
        <p className="yy-m-error" role="alert" data-testid="m-sync-error">
          {t('assessment.tablet.syncError', { detail: rec.error.detail })}
        </p>
      )}
      {notice && (
        <p className="yy-m-status" role="status" data-testid="m-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="yy-m-error" role="alert" data-testid="m-form-error">
          {error}
        </p>
      )}

      {rec.conflict && (
        <ConflictPanel
          rec={rec}
          onKeep={async (keep) => {
            adopt(await updateLocal(store, id, (r) => resolveConflict(r, keep)));
            if (online) void sync();
          }}
        />
      )}

      {!editable && !signing && (
        <p className="yy-m-status" role="status">
          {t('assessment.tablet.notEditable')}
        </p>
      )}

      {editable && (
        <>
          <div className="yy-m-progress" data-testid="m-progress">
            <div
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={prog.total}
              aria-valuenow={prog.done}
              aria-label={t('assessment.tablet.progress', prog)}
              className="yy-m-progress-bar"
            >
              <span style={{ width: `${prog.total ? (100 * prog.done) / prog.total : 0}%` }} />
            </div>
            <span>{t('assessment.tablet.progress', prog)}</span>
          </div>
          <nav aria-label={t('assessment.tablet.title')} className="yy-m-pages">
            {[...pages, null].map((p, i) => {
              const left = p ? missingOnPage(rec.standard, rec.draft, p).length : missing.length;
              return (
                <button
                  key={p?.code ?? 'review'}
                  type="button"
                  className="yy-m-page-chip"
                  aria-current={i === page ? 'step' : undefined}
                  onClick={() => go(i)}
                  data-testid={`m-page-${p?.code ?? 'review'}`}
                >
                  {p ? p.code : t('assessment.tablet.review')}
                  {p && left === 0 ? ' ✓' : ''}
                </button>
              );
            })}
          </nav>

          {current ? (
            <div data-testid={`m-form-page-${current.code}`}>
              <h2 className="yy-m-section-title">
                {t('assessment.tablet.page', { n: page + 1, total: pages.length })} ·{' '}
                {current.kind === 'basic'
                  ? `${current.section.code} ${stdText(current.section, lang)}`
                  : `${current.dimension.code} ${stdText(current.dimension, lang)}`}
              </h2>
              {current.kind === 'basic'
                ? current.section.fields.map((f) => (
                    <TabletField
                      key={f.code}
                      field={f}
                      draft={rec.draft}
                      missing={missingOnPage(rec.standard, rec.draft, current)}
                      onChange={change}
                    />
                  ))
                : current.items.map((item) => (
                    <TabletItem
                      key={item.code}
                      item={item}
                      value={rec.draft.answers[item.code]}
                      missing={serverMissing.includes(item.code)}
                      onPick={(v) => change(setAnswer(rec.draft, item.code, v))}
                    />
                  ))}
            </div>
          ) : (
            <section data-testid="m-form-review" aria-labelledby="m-review-title">
              <h2 className="yy-m-section-title" id="m-review-title">
                {missing.length > 0
                  ? t('assessment.tablet.missingTitle', { count: missing.length })
                  : t('assessment.tablet.review')}
              </h2>
              {missing.length > 0 && (
                <>
                  <p>{t('assessment.tablet.missingHint')}</p>
                  <ul className="yy-m-missing" data-testid="m-missing-list">
                    {missing.map((m) => (
                      <li key={m.code}>
                        <button
                          type="button"
                          className="yy-m-opt"
                          onClick={() => jump(m)}
                          data-testid={`m-missing-${m.code}`}
                        >
                          {m.code} {missingLabel(rec, m, lang)}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <TabletWarnings
                warnings={detail.warnings ?? []}
                confirmed={confirmed}
                onToggle={(key) =>
                  setConfirmed((c) => (c.includes(key) ? c.filter((k) => k !== key) : [...c, key]))
                }
              />
              <Button
                size="large"
                block
                color="primary"
                className="yy-m-primary"
                disabled={
                  missing.length > 0 ||
                  busy ||
                  !!rec.conflict ||
                  unconfirmedWarnings(detail.warnings, confirmed).length > 0
                }
                loading={busy}
                onClick={() => void submit()}
                data-testid="m-submit"
              >
                {online ? t('assessment.tablet.submit') : t('assessment.tablet.submitNeedsNetwork')}
              </Button>
            </section>
          )}

          <div className="yy-m-pager">
            <Button
              size="large"
              className="yy-m-secondary"
              disabled={page === 0}
              onClick={() => go(page - 1)}
              data-testid="m-prev"
            >
              {t('assessment.tablet.prev')}
            </Button>
            {page < review && missing.length > 0 && (
              <Button
                size="large"
                className="yy-m-secondary"
                onClick={() => {
                  const m = missing.find((x) => x.page >= page) ?? missing[0];
                  if (m) jump(m);
                }}
                data-testid="m-jump-missing"
              >
                {t('assessment.tablet.jumpToMissing')}
              </Button>
            )}
            {page < review && (
              <Button
                size="large"
                color="primary"
                className="yy-m-primary"
                onClick={() => go(page + 1)}
                data-testid="m-next"
              >
                {page === review - 1 ? t('assessment.tablet.review') : t('assessment.tablet.next')}
              </Button>
            )}
          </div>
        </>
      )}

      {signing && (
        <SignPanel
          detail={detail}
          rec={rec}
          busy={busy}
          online={online}
          cosigner={cosigner}
          onCosignerChange={setCosigner}
          onSignSelf={signSelf}
          onCoSign={coSign}
        />
      )}
    </MobilePage>
  );
}
