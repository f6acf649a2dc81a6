import type { FormInstance } from 'antd';
import { isApiError, type ApiError } from './client.ts';

/**
 * `/body/contact/phone` or `/contact/phone` → ['contact', 'phone']; array
 * indexes become numbers. JSON-pointer escapes (~1 → /, ~0 → ~) are decoded.
 * Query and path pointers do not belong to a form field.
 */
export function pointerToPath(pointer: string): (string | number)[] | null {
  if (!pointer || pointer === '/') return null;
  const parts = pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'query' || parts[0] === 'params' || parts[0] === 'headers') return null;
  if (parts[0] === 'body') parts.shift();
  if (parts.length === 0) return null;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

type FieldMessages = { name: (string | number)[]; errors: string[] };

function groupFieldErrors(
  error: Pick<ApiError, 'errors'>,
  knownFields?: readonly string[],
): { fields: FieldMessages[]; unmatched: { pointer: string; message: string }[] } {
  const byField = new Map<string, FieldMessages>();
  const unmatched: { pointer: string; message: string }[] = [];
  for (const e of error.errors ?? []) {
    const path = pointerToPath(e.pointer);
    if (!path || (knownFields && !knownFields.includes(String(path[0])))) {
      unmatched.push({ pointer: e.pointer, message: e.message });
      continue;
    }
    const key = JSON.stringify(path);
    const entry = byField.get(key) ?? { name: path, errors: [] };
    entry.errors.push(e.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], unmatched };
}

/**
 * Puts each field error of a problem under its antd Form input. Returns the
 * errors that matched no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors<T>(
  form: Pick<FormInstance<T>, 'setFields'>,
  error: Pick<ApiError, 'errors'>,
  knownFields?: readonly string[],
): { pointer: string; message: string }[] {
  const { fields, unmatched } = groupFieldErrors(error, knownFields);
  // Pointers are dynamic; antd's typed NamePath cannot be known statically here.
  if (fields.length > 0) form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
  return unmatched;
}

/** The problem code of a write against a version that is no longer current (`PATCH` with an old `version`). */
export const STALE_VERSION = 'common.conflict';

/** What a form shows after a failed submit. */
export interface SubmitFailure {
  /** Text above the form: the server's localised detail, or null when the field messages already say it all. */
  summary: string | null;
  /** Messages under the inputs the form has. */
  fields: FieldMessages[];
  /**
   * The record changed since the form read it: the form offers to reload. Only
   * that code: any other 409 (a duplicate ID number, username or credit code)
   * is an ordinary error in the server's words.
   */
  stale: boolean;
  /** The problem's extension members, e.g. `existingElderId` on a duplicate. */
  meta: Record<string, unknown>;
}

/**
 * The one reading of a failed submit, for every form of the console and the
 * phone app: the server's localised text wins and lands under the field its
 * pointer names; `fallback` only for failures that are no API answer.
 */
export function readSubmitError(
  error: unknown,
  fallback: string,
  knownFields?: readonly string[],
): SubmitFailure {
  if (!isApiError(error)) return { summary: fallback, fields: [], stale: false, meta: {} };
  const { fields, unmatched } = groupFieldErrors(error, knownFields);
  const covered = fields.length > 0 && unmatched.length === 0;
  return {
    summary: covered ? null : error.detail,
    fields,
    stale: error.code === STALE_VERSION,
    meta: error.meta,
  };
}

/** `readSubmitError` for an antd form: the messages go under their inputs and the first one is scrolled into view. */
export function showSubmitError<T>(
  form: Pick<FormInstance<T>, 'setFields' | 'scrollToField'>,
  error: unknown,
  fallback: string,
  knownFields?: readonly string[],
): SubmitFailure {
  const failure = readSubmitError(error, fallback, knownFields);
  const first = failure.fields[0];
  if (first) {
    form.setFields(failure.fields as Parameters<FormInstance<T>['setFields']>[0]);
    form.scrollToField(first.name, { block: 'center' });
  }
  return failure;
}
