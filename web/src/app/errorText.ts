import i18n from '../i18n/index.ts';
import { isApiError } from '../api/client.ts';

/** What a refused command says: the field's message when there is one (e.g. the missing credential). */
export function errorText(e: unknown): string {
  if (isApiError(e)) return e.errors[0]?.message ?? e.detail;
  return i18n.t('common.loadFailed');
}
