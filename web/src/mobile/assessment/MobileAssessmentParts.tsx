import type { FormEvent } from 'react';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.tsx';
import { formatDateTime } from '../../app/format.ts';
import { currentLocale } from '../../i18n/index.ts';
import type { AssessmentDetail } from '../../modules/assessment/assessmentTypes.ts';
import type { MissingEntry } from '../../modules/assessment/formModel.ts';
import { conflictDiff, type LocalAssessment } from '../../modules/assessment/offlineSync.ts';
import { firedRuleText } from '../../modules/assessment/ruleText.ts';
import { stdText } from '../../modules/assessment/standardTypes.ts';
import { basicValueText } from '../../modules/assessment/basicInfo.ts';

/**
 * The parts of the tablet's assessment form (MobileAssessmentForm.tsx) that
 * only show what they are given: the server's result, the sync conflict and
 * the signatures.
 */

/** The server's result once scored: total, dimension scores, levels and why. */
export function ResultSummary({ detail }: { detail: AssessmentDetail }) {
  const { t, i18n } = useTranslation();
  const r = detail.result;
  if (!r) return null;
  return (
    <section className="yy-m-result" data-testid="m-assessment-result" aria-labelledby="m-result-title">
      <h2 className="yy-m-section-title" id="m-result-title">
        {t('assessment.result')}
      </h2>
      <ul className="yy-m-result-list">
        {r.dimensions.map((d) => (
          <li key={d.code}>
            {d.code} {stdText(d, i18n.language)}: <strong>{d.score ?? '—'}</strong>
            {d.max !== null ? ` / ${d.max}` : ''}
          </li>
        ))}
        <li>
          {t('assessment.total')}: <strong data-testid="m-result-total">{r.total ?? '—'}</strong>
          {r.totalMax !== null ? ` / ${r.totalMax}` : ''}
        </li>
        {r.initialLevel && (
          <li>
            {t('assessment.initialLevel')}: {stdText(r.initialLevel, i18n.language)}
          </li>
        )}
        <li>
          {t('assessment.finalLevel')}:{' '}
          <strong data-testid="m-result-level">{stdText(r.finalLevel, i18n.language)}</strong>
        </li>
        {r.firedRules.map((f, i) => (
          <li key={i}>{firedRuleText(f, currentLocale())}</li>
        ))}
      </ul>
    </section>
  );
}

/** Both versions of each entry changed here and on the server: the assessor keeps one side. */
export function ConflictPanel({
  rec,
  onKeep,
}: {
  rec: LocalAssessment;
  onKeep: (keep: 'mine' | 'theirs') => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section className="yy-m-conflict" aria-labelledby="m-conflict-title" data-testid="m-conflict">
      <h2 className="yy-m-section-title" id="m-conflict-title">
        {t('assessment.tablet.conflictTitle')}
      </h2>
      <p>{t('assessment.tablet.conflictHint')}</p>
      <table className="yy-m-table">
        <thead>
          <tr>
            <th scope="col">{t('assessment.tablet.conflictItem')}</th>
            <th scope="col">{t('assessment.tablet.mine')}</th>
            <th scope="col">{t('assessment.tablet.theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {conflictDiff(rec).map((d) => (
            <tr key={d.code}>
              <th scope="row">{d.code}</th>
              <td>{entryText(rec, d.code, d.kind, d.mine, lang)}</td>
              <td>{entryText(rec, d.code, d.kind, d.theirs, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="yy-m-stack">
        {(['mine', 'theirs'] as const).map((keep) => (
          <Button
            key={keep}
            size="large"
            block
            color={keep === 'mine' ? 'primary' : 'default'}
            className={keep === 'mine' ? 'yy-m-primary' : 'yy-m-secondary'}
            onClick={() => void onKeep(keep)}
            data-testid={`m-conflict-${keep}`}
          >
            {keep === 'mine' ? t('assessment.tablet.keepMine') : t('assessment.tablet.keepTheirs')}
          </Button>
        ))}
      </div>
    </section>
  );
}

/** The result, this assessor's signature and the partner's co-signature on this tablet. */
export function SignPanel({
  detail,
  rec,
  busy,
  online,
  cosigner,
  onCosignerChange,
  onSignSelf,
  onCoSign,
}: {
  detail: AssessmentDetail;
  rec: LocalAssessment;
  busy: boolean;
  online: boolean;
  cosigner: { username: string; password: string };
  onCosignerChange: (
    next: (c: { username: string; password: string }) => { username: string; password: string },
  ) => void;
  onSignSelf: () => Promise<void>;
  onCoSign: (e: FormEvent) => Promise<void>;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const mine = detail.assessors.find((a) => a.userId === me.id);
  const partner = detail.assessors.find((a) => a.userId !== me.id);
  return (
    <>
      <ResultSummary detail={detail} />
      <section className="yy-m-sign" aria-labelledby="m-sign-title" data-testid="m-sign">
        <h2 className="yy-m-section-title" id="m-sign-title">
          {t('assessment.assessors')}
        </h2>
        {mine?.signedAt ? (
          <p className="yy-m-status" data-testid="m-signed-self">
            {t('assessment.tablet.signed')} · {formatDateTime(mine.signedAt)}
          </p>
        ) : rec.pendingSign ? (
          <p className="yy-m-status" role="status" data-testid="m-sign-queued">
            {t('assessment.tablet.signQueued', { at: formatDateTime(rec.pendingSign.signedAt) })}
          </p>
        ) : (
          <>
            <p>{t('assessment.tablet.signHint', { name: me.displayName })}</p>
            <Button
              size="large"
              block
              color="primary"
              className="yy-m-primary"
              loading={busy}
              onClick={() => void onSignSelf()}
              data-testid="m-sign-self"
            >
              {t('assessment.tablet.sign')}
            </Button>
          </>
        )}
        {partner && !partner.signedAt && (
          <form
            onSubmit={(e) => void onCoSign(e)}
            className="yy-m-cosign"
            data-testid="m-cosign-form"
            autoComplete="off"
          >
            <h3 className="yy-m-question-title">
              {t('assessment.tablet.cosign')} · {partner.displayName}
            </h3>
            <p className="yy-m-hint">{t('assessment.tablet.cosignHint')}</p>
            <div className="yy-m-field">
              <label htmlFor="m-cosign-user">{t('auth.username')}</label>
              <input
                id="m-cosign-user"
                autoComplete="off"
                value={cosigner.username}
                onChange={(e) => onCosignerChange((c) => ({ ...c, username: e.target.value }))}
                data-testid="m-cosign-username"
              />
            </div>
            <div className="yy-m-field">
              <label htmlFor="m-cosign-password">{t('auth.password')}</label>
              <input
                id="m-cosign-password"
                type="password"
                autoComplete="off"
                value={cosigner.password}
                onChange={(e) => onCosignerChange((c) => ({ ...c, password: e.target.value }))}
                data-testid="m-cosign-password"
              />
            </div>
            <Button
              type="submit"
              size="large"
              block
              color="primary"
              className="yy-m-primary"
              disabled={!online || !cosigner.username || !cosigner.password || busy}
              loading={busy}
              data-testid="m-cosign-submit"
            >
              {online ? t('assessment.tablet.cosignSubmit') : t('assessment.tablet.cosignNeedsNetwork')}
            </Button>
          </form>
        )}
      </section>
    </>
  );
}
/** A conflicting entry as the assessor reads it: the option text, not its code. */
export function entryText(
  rec: LocalAssessment,
  code: string,
  kind: 'item' | 'field',
  v: unknown,
  lang: string,
): string {
  if (v === undefined || v === null || v === '') return '—';
  if (kind === 'item') {
    const o = rec.standard.items.find((i) => i.code === code)?.options.find((x) => x.value === String(v));
    return o ? `${o.score} ${stdText(o, lang)}` : String(v);
  }
  const field = rec.standard.basicInfoForm
    .flatMap((s) => s.fields)
    .find((f) => f.code === code.split(':')[0]);
  return field && !code.includes(':') ? basicValueText(field, v, lang) : String(v);
}

export function missingLabel(rec: LocalAssessment, m: MissingEntry, lang: string): string {
  if (m.kind === 'item') {
    const item = rec.standard.items.find((i) => i.code === m.code);
    return item ? stdText(item, lang) : '';
  }
  const [code, row] = m.code.split('/');
  const field = rec.standard.basicInfoForm.flatMap((s) => s.fields).find((f) => f.code === code);
  if (!field) return '';
  const r = row ? field.rows?.find((x) => x.value === row) : undefined;
  return r ? `${stdText(field, lang)} · ${stdText(r, lang)}` : stdText(field, lang);
}

/** Whom and which assessment the form is for, as the device already knows it (issue 13 §5). */
export function FormHeader({ detail }: { detail: AssessmentDetail }) {
  const { t } = useTranslation();
  const info = detail.basicInfo;
  const number =
    typeof info['A.1.1'] === 'string' && info['A.1.1'] ? info['A.1.1'] : detail.id.slice(0, 8).toUpperCase();
  const born = typeof info['A.2.3'] === 'string' && info['A.2.3'] ? info['A.2.3'] : null;
  return (
    <dl className="yy-m-form-header" data-testid="m-form-header">
      <div>
        <dt>{t('assessment.tablet.number')}</dt>
        <dd>{number}</dd>
      </div>
      <div>
        <dt>{t('elder.name')}</dt>
        <dd>{detail.elder.nameMasked}</dd>
      </div>
      <div>
        <dt>{t('elder.sex')}</dt>
        <dd>{t(`elder.sexValues.${detail.elder.sex}`)}</dd>
      </div>
      <div>
        <dt>{t('assessment.tablet.born')}</dt>
        <dd>{born ?? t('assessment.tablet.ageYears', { age: detail.elder.age })}</dd>
      </div>
    </dl>
  );
}
