import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';

/** A load failure shown inline with the server's localised text and a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = isApiError(error) ? error.detail : t('common.loadFailed');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('common.loadFailed')}
      description={text}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** A submit failure above a form: the server's text that belongs to no single field. */
export function FormError({
  error,
  action,
  testId,
}: {
  error: string | null | undefined;
  action?: ReactNode;
  testId?: string;
}) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error}
      style={{ marginBottom: 16 }}
      data-testid={testId}
      action={action}
    />
  );
}
