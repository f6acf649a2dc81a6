import i18n from '../i18n/index.ts';

/**
 * Every time shown to a user is China time (CST, UTC+8 all year), whatever the browser's zone: the elders,
 * visits and offices are all in China, and a dispatcher on a laptop set to another zone must see 09:00 for a
 * visit at 09:00.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** Formatters by language (building one is far dearer than using it). */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant (ISO string from the API) as a date and time in the UI locale, in China time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = dateTimeFormats.get(i18n.language);
  if (!f) {
    f = new Intl.DateTimeFormat(i18n.language, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: CHINA_TIME_ZONE,
    });
    dateTimeFormats.set(i18n.language, f);
  }
  return f.format(d);
}

/** A calendar date (YYYY-MM-DD from the API) in the UI locale, without a time zone shift. */
export function formatDate(ymd: string | null | undefined): string {
  const m = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (!m) return ymd ?? '';
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(i18n.language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'UTC',
  }).format(d);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(i18n.language).format(n);
}

/** A share (0–1) as a percentage with one decimal; "—" when nothing counted towards it. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
