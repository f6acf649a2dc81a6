import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/index.ts';
import type { AssessmentWarning } from './assessmentTypes.ts';
import { warningText } from './ruleText.ts';

/**
 * The server's warnings on the saved form: contradictions the assessor confirms before
 * submitting, and change-rule inputs taken from Appendix A instead of what a device sent.
 */
export function AssessmentWarnings({ warnings }: { warnings: readonly AssessmentWarning[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  const locale = currentLocale();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('assessment.warningsTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {warnings.map((w) => (
            <li key={w.key}>{warningText(w, locale)}</li>
          ))}
        </ul>
      }
      data-testid="assessment-warnings"
    />
  );
}
