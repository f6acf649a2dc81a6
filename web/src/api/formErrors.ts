import type { FormInstance } from 'antd';
import type { ApiError } from './client.ts';

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

/**
 * Puts each field error of a problem under its antd Form input. Returns the
 * errors that matched no field, so the caller can show them elsewhere.
 */
export function applyFieldErrors<T>(
  form: Pick<FormInstance<T>, 'setFields'>,
  error: Pick<ApiError, 'errors'>,
  knownFields?: readonly string[],
): { pointer: string; message: string }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
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
  // Pointers are dynamic; antd's typed NamePath cannot be known statically here.
  if (byField.size > 0) form.setFields([...byField.values()] as Parameters<FormInstance<T>['setFields']>[0]);
  return unmatched;
}
