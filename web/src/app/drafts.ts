import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

/**
 * Unsaved form input, kept while the user types so that a crash does not lose
 * it: the error boundary's 重试 mounts the form again and the form starts from
 * its draft. A form drops its draft when it is saved or when the user leaves it
 * through the form's own way out (取消, 返回). They outlive an expired session
 * (the same person signs in again and finds the form as it was), but go on
 * sign-out and when someone else signs in.
 *
 * In memory only, never in sessionStorage or IndexedDB: the values hold ID
 * numbers, phones, addresses and health data, which are not written to the
 * device unencrypted (PRODUCT.md privacy). A render crash does not reload the
 * page, so memory is enough to survive it.
 */
const drafts = new Map<string, unknown>();
let owner: string | null = null;

export function readDraft<T>(key: string): T | undefined {
  return drafts.get(key) as T | undefined;
}

export function hasDraft(key: string): boolean {
  return drafts.has(key);
}

export function saveDraft(key: string, value: unknown): void {
  drafts.set(key, value);
}

export function dropDraft(key: string): void {
  drafts.delete(key);
}

/** Called with the signed-in user's id (null on sign-out): nobody sees another user's input. */
export function draftsBelongTo(userId: string | null): void {
  if (userId === owner) return;
  drafts.clear();
  owner = userId;
}

/**
 * `useState` backed by the draft `key`: it starts from the draft when there is
 * one, and every change the user makes is kept as the draft.
 */
export function useDraftState<T>(key: string, initial: () => T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial()));
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      setValue((prev) => {
        const value = typeof next === 'function' ? (next as (p: T) => T)(prev) : next;
        drafts.set(key, value);
        return value;
      }),
    [key],
  );
  return [value, set];
}
