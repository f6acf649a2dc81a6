import i18n from '../../i18n/index.ts';

/** Cents as yuan in the UI locale ("12.50 元"); zero is "免费". */
export function formatYuan(cents: number): string {
  if (cents === 0) return i18n.t('order.free');
  const amount = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
  return i18n.t('order.yuan', { amount });
}

/** The status tag colours: open, waiting too long, done, closed. */
export function statusColor(status: string, escalated = false): string {
  if (escalated && status === 'created') return 'red';
  if (['created', 'accepted'].includes(status)) return 'gold';
  if (['assigned', 'en_route', 'checked_in'].includes(status)) return 'blue';
  if (['checked_out', 'confirmed'].includes(status)) return 'green';
  return 'default';
}
