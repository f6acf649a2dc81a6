import { useEffect, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import type { ElderIdType } from '@yiyang/contracts';
import { isApiError } from '../../api/client.ts';
import { pointerToPath } from '../../api/formErrors.ts';
import { validateId } from './elderApi.ts';
import { idNumberReady, normalizeIdInput } from './elderHelpers.ts';
import type { ValidateIdResult } from '@yiyang/contracts';

export type IdCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; result: ValidateIdResult }
  | { state: 'error'; message: string };

/**
 * Live ID check: 400 ms after the last keystroke, a complete number is sent
 * to `POST /elders/validate-id`; the server's field errors go under the
 * inputs they name (the ID number by default).
 */
export function useIdValidation(
  form: FormInstance,
  idType: ElderIdType | undefined,
  idNumber: string | undefined,
  extra?: { birthDate?: string; sex?: 'male' | 'female' },
): IdCheck {
  const [check, setCheck] = useState<IdCheck>({ state: 'idle' });
  const seq = useRef(0);
  const birthDate = extra?.birthDate;
  const sex = extra?.sex;

  useEffect(() => {
    const n = normalizeIdInput(idNumber ?? '');
    if (!idType || !n || !idNumberReady(idType, n)) {
      setCheck({ state: 'idle' });
      return;
    }
    const mine = ++seq.current;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setCheck({ state: 'checking' });
      validateId(
        { idType, idNumber: n, ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) },
        controller.signal,
      )
        .then((result) => {
          if (mine !== seq.current) return;
          setCheck({ state: 'ok', result });
          form.setFields([{ name: 'idNumber', errors: [] }]);
        })
        .catch((e: unknown) => {
          if (mine !== seq.current || (e instanceof DOMException && e.name === 'AbortError')) return;
          if (!isApiError(e)) return setCheck({ state: 'idle' });
          const byField = new Map<string, string[]>();
          for (const fe of e.errors) {
            const path = pointerToPath(fe.pointer);
            const key =
              path && ['idType', 'idNumber', 'birthDate', 'sex'].includes(String(path[0]))
                ? String(path[0])
                : 'idNumber';
            byField.set(key, [...(byField.get(key) ?? []), fe.message]);
          }
          if (byField.size === 0) byField.set('idNumber', [e.detail]);
          form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
          setCheck({ state: 'error', message: [...byField.values()].flat().join(' ') });
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [form, idType, idNumber, birthDate, sex]);

  return check;
}
