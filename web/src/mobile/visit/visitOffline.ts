/**
 * The caregiver's day offline (decision 024): `GET /me/visits/today` cached on the device, each action
 * (check-in, checklist, observation, confirmation, check-out) queued with its own time and Idempotency-Key
 * in the shared action queue (app/offline/queue.ts), applied to the cached day at once, and sent in order
 * when the network returns.
 */
import { api } from '../../api/client.ts';
import { enqueue, flushQueue, pendingOf, type QueuedAction } from '../../app/offline/queue.ts';
import { deviceStore, withLock } from '../../app/offline/store.ts';

export interface DayItem {
  orderId: string;
  status: string;
  elderId: string;
  elderNameMasked: string;
  itemCode: string;
  itemName: string;
  plannedStart: string;
  plannedEnd: string;
  address: string | null;
  phone: string | null;
  note: string | null;
  checklist: string[];
  checklistDone: string[];
  photosAllowed: boolean;
  visitState: string | null;
}

export interface CachedDay {
  /** `${userId}` — one cached day per user on the device. */
  id: string;
  day: string;
  fetchedAt: string;
  items: DayItem[];
}

export type VisitAction = 'check-in' | 'check-out' | 'confirm' | 'visit/checklist' | 'visit/observations';

const days = () => deviceStore<CachedDay>('visitDays');
const queue = () => deviceStore<QueuedAction>('actionQueue');

/** The cached day, refreshed from the server when online (unsent local changes are re-applied). */
export async function loadDay(userId: string): Promise<{ day: CachedDay | null; offline: boolean }> {
  try {
    const fresh = await api.get<Omit<CachedDay, 'id' | 'fetchedAt'>>('/me/visits/today');
    const pending = await pendingOf(queue(), userId);
    const day: CachedDay = {
      id: userId,
      day: fresh.day,
      fetchedAt: new Date().toISOString(),
      items: fresh.items.map((i) => pending.filter((a) => a.subject === i.orderId).reduce(applyLocal, i)),
    };
    await days().put(day);
    return { day, offline: false };
  } catch {
    return { day: (await days().get(userId)) ?? null, offline: true };
  }
}

/** What a queued action does to the cached visit, before the server has seen it. */
function applyLocal(item: DayItem, a: Pick<QueuedAction, 'path' | 'body'>): DayItem {
  const action = a.path.split('/').slice(3).join('/') as VisitAction;
  if (action === 'check-in') return { ...item, status: 'checked_in' };
  if (action === 'check-out') return { ...item, status: 'checked_out' };
  if (action === 'confirm') return { ...item, status: 'confirmed' };
  if (action === 'visit/checklist')
    return {
      ...item,
      checklistDone: [...new Set([...item.checklistDone, ...((a.body.done as string[]) ?? [])])],
    };
  return item;
}

/** Queues one action of the visit with the device's time now, and applies it to the cached day. */
export async function act(
  userId: string,
  orderId: string,
  action: VisitAction,
  body: Record<string, unknown> = {},
): Promise<void> {
  const path = `/orders/${orderId}/${action}`;
  await enqueue(queue(), {
    userId,
    subject: orderId,
    method: 'POST',
    path,
    body,
    at: new Date().toISOString(),
  });
  await withLock(userId, async () => {
    const day = await days().get(userId);
    if (!day) return;
    await days().put({
      ...day,
      items: day.items.map((i) => (i.orderId === orderId ? applyLocal(i, { path, body }) : i)),
    });
  });
}

/** Sends the queue (in order); returns what happened. */
export const syncVisits = (userId: string) =>
  flushQueue(
    queue(),
    userId,
    (a, headers, body) => api.post(a.path, body, { headers }),
    () => new Date().toISOString(),
  );

export const pendingVisits = (userId: string) => pendingOf(queue(), userId);
