import type { FieldError, Locale, Problem } from '@yiyang/contracts';

/**
 * The one way the web app talks to `/api/v1`: JSON, same-origin cookie session,
 * CSRF header on state-changing requests, `Accept-Language` from the UI locale,
 * and RFC 9457 problem+json turned into an `ApiError`.
 */

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  /** The problem's extension members (e.g. the open assessment's id on a duplicate application). */
  readonly meta: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    detail: string,
    errors: FieldError[] = [],
    requestId?: string,
    meta: Record<string, unknown> = {},
  ) {
    super(detail || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.requestId = requestId;
    this.meta = meta;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

interface ClientState {
  csrfToken: string | null;
  locale: Locale;
  onUnauthorized: ((error: ApiError) => void) | null;
  /** Localised fallback text for network failures and non-problem responses. */
  fallbackMessage: (kind: 'network' | 'unexpected', status?: number) => string;
}

const state: ClientState = {
  csrfToken: null,
  locale: 'zh-CN',
  onUnauthorized: null,
  fallbackMessage: (kind) => (kind === 'network' ? 'Network error' : 'Unexpected response'),
};

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}
export function setApiLocale(locale: Locale): void {
  state.locale = locale;
}
/** Called on every 401 except from the login call itself; the app routes to its login page. */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  state.onUnauthorized = handler;
}
export function setFallbackMessages(fn: ClientState['fallbackMessage']): void {
  state.fallbackMessage = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not trigger the unauthorized handler on 401 (login, the initial /me probe). */
  allowUnauthorized?: boolean;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith('/api/') ? path : `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function parseProblem(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as Partial<Problem>;
      return new ApiError(
        res.status,
        p.code ?? `http.${res.status}`,
        p.detail ?? p.title ?? state.fallbackMessage('unexpected', res.status),
        Array.isArray(p.errors) ? p.errors : [],
        p.requestId,
        p.meta && typeof p.meta === 'object' ? p.meta : {},
      );
    } catch {
      // fall through to the generic error
    }
  }
  return new ApiError(res.status, `http.${res.status}`, state.fallbackMessage('unexpected', res.status));
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': state.locale,
    ...options.headers,
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body instanceof FormData) {
    // Uploads: the browser sets multipart/form-data with its boundary.
    init.body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && state.csrfToken) {
    headers['x-csrf-token'] = state.csrfToken;
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', state.fallbackMessage('network'));
  }

  if (!res.ok) {
    const error = await parseProblem(res);
    if (res.status === 401 && !options.allowUnauthorized) state.onUnauthorized?.(error);
    throw error;
  }
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await res.text()) as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, ...(query ? { query } : {}) }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};
