/**
 * RFC 9457 problem details, the one error shape of the API (PRODUCT.md §5).
 * `code` is also the i18n key of the message; `pointer` is a JSON pointer into
 * the request (`/body/username`, `/query/limit`) that the console maps to a
 * form field.
 */
export interface FieldError {
  pointer: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2) a client may act on, e.g. `existingElderId` on a duplicate. */
  meta?: Record<string, unknown>;
}

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return DEFAULT_LOCALE;
}
