/**
 * Actions done offline, queued on the device with the time they happened and an Idempotency-Key (decision
 * 015), and sent in order when the network returns (decision 024). The server takes the action's own time
 * (`at`, bounded) and records when it arrived; `sentAt` lets it measure the device clock's skew. A replay of
 * the whole queue changes nothing: each action carries the key of its first sending.
 */
import { isApiError } from '../../api/client.ts';
import { withLock, type KeyedStore } from './store.ts';

export interface QueuedAction {
  /** The Idempotency-Key: made once, when the action is queued. */
  id: string;
  /** The user who did it; other users of the device never send it. */
  userId: string;
  /** Which record it belongs to (an order), for the screens' pending badges. */
  subject: string;
  /** Queue order (device time of queuing, then a counter). */
  seq: number;
  method: 'POST' | 'PUT' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  /** When it happened (device clock), sent as `at`. */
  at: string;
  /** The server refused it (4xx): kept and shown, not retried blindly. */
  error: { code: string; detail: string } | null;
}

export type Sender = (a: QueuedAction, headers: Record<string, string>, body: unknown) => Promise<unknown>;

let counter = 0;

/** Queues an action with its own time; returns it. */
export async function enqueue(
  store: KeyedStore<QueuedAction>,
  a: Omit<QueuedAction, 'id' | 'seq' | 'error'>,
  newKey: () => string = () => crypto.randomUUID(),
): Promise<QueuedAction> {
  const action: QueuedAction = {
    ...a,
    id: newKey(),
    seq: Date.parse(a.at) * 1000 + (counter++ % 1000),
    error: null,
  };
  await store.put(action);
  return action;
}

export async function pendingOf(store: KeyedStore<QueuedAction>, userId: string): Promise<QueuedAction[]> {
  return (await store.list()).filter((a) => a.userId === userId).sort((x, y) => x.seq - y.seq);
}

/**
 * Sends the user's queued actions in order. Stops at the first network failure (the rest wait); a refusal
 * is kept on the action (shown) and the next actions of the same subject wait behind it; a success removes it.
 */
export async function flushQueue(
  store: KeyedStore<QueuedAction>,
  userId: string,
  send: Sender,
  now: () => string,
): Promise<{ sent: number; failed: number; offline: boolean }> {
  let sent = 0;
  let failed = 0;
  const blocked = new Set<string>();
  for (const a of await pendingOf(store, userId)) {
    if (a.error || blocked.has(a.subject)) {
      blocked.add(a.subject);
      continue;
    }
    try {
      await send(a, { 'Idempotency-Key': a.id }, { ...a.body, at: a.at, sentAt: now() });
      await withLock(a.id, () => store.delete(a.id));
      sent++;
    } catch (e) {
      if (isApiError(e) && e.status === 0) return { sent, failed, offline: true };
      const error = isApiError(e)
        ? { code: e.code, detail: e.detail }
        : { code: 'unexpected', detail: String(e) };
      await withLock(a.id, () => store.put({ ...a, error }));
      blocked.add(a.subject);
      failed++;
    }
  }
  return { sent, failed, offline: false };
}
