import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import type { AssessmentWarning } from '../../modules/assessment/assessmentTypes.ts';
import { warningText } from '../../modules/assessment/ruleText.ts';

/** Warnings a submission needs confirmed (`confirm`), among the server's warnings on the saved form. */
export const unconfirmedWarnings = (
  warnings: readonly AssessmentWarning[] | undefined,
  confirmed: readonly string[],
) => (warnings ?? []).filter((w) => w.confirm && !confirmed.includes(w.key));

/**
 * The server's warnings on the last synced form, on the review page: a contradiction between an
 * item and Appendix A is checked off by the assessor before submitting; the others inform.
 */
export function TabletWarnings({
  warnings,
  confirmed,
  onToggle,
}: {
  warnings: readonly AssessmentWarning[];
  confirmed: readonly string[];
  onToggle: (key: string) => void;
}) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  const locale = currentLocale();
  return (
    <section className="yy-m-warnings" aria-labelledby="m-warnings-title" data-testid="m-warnings">
      <h3 className="yy-m-question-title" id="m-warnings-title">
        {t('assessment.warningsTitle')}
      </h3>
      <ul className="yy-m-missing">
        {warnings.map((w) =>
          w.confirm ? (
            <li key={w.key}>
              <button
                type="button"
                className="yy-m-opt"
                aria-pressed={confirmed.includes(w.key)}
                onClick={() => onToggle(w.key)}
                data-testid={`m-warning-${w.key}`}
              >
                <span className="yy-m-opt-mark" aria-hidden>
                  {confirmed.includes(w.key) ? '☑' : '☐'}
                </span>
                <span className="yy-m-opt-text">
                  {warningText(w, locale)} · {t('assessment.tablet.confirmWarning')}
                </span>
              </button>
            </li>
          ) : (
            <li key={w.key} className="yy-m-hint">
              {warningText(w, locale)}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
