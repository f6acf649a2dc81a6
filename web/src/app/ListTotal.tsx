import { useTranslation } from 'react-i18next';

/**
 * A list's total under its filters (issue 13 §4): exact up to the server's cap, then "10,000+". Shown while
 * the rows load in keyset pages, so the user knows how far the list goes.
 */
export function ListTotal({
  total,
  testId,
}: {
  total: { count: number; capped: boolean } | undefined;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  if (!total) return null;
  const n = total.count.toLocaleString(i18n.language);
  return (
    <span className="yy-list-total" role="status" data-testid={testId}>
      {t('common.total', { n: total.capped ? `${n}+` : n })}
    </span>
  );
}
