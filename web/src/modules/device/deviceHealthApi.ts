import type { AreaEventCause, DeviceTaskKind, WelfareOutcome } from '@yiyang/contracts';
import { api } from '../../api/client.ts';

/** `GET /device-tasks` items (server device.tasks.schema.ts). */
export interface DeviceTaskView {
  id: string;
  kind: DeviceTaskKind;
  deviceId: string;
  serial: string | null;
  deviceType: string | null;
  regionCode: string | null;
  signalAt: string;
  openedAt: string;
  areaEventId: string | null;
  closedAt: string | null;
  closedBy: string | null;
  note: string | null;
}

/** `GET /device-area-events` items. */
export interface AreaEventView {
  id: string;
  regionCode: string;
  cause: AreaEventCause;
  openedAt: string;
  firstSignalAt: string;
  deviceCount: number;
  closedAt: string | null;
  note: string | null;
}

/** One elder of the welfare-call list (关怀回访名单), most vulnerable first. */
export interface WelfareRow {
  elderId: string;
  nameMasked: string | null;
  phoneMasked: string | null;
  addressMasked: string | null;
  birthDate: string;
  livingSituation: string | null;
  ability: { level: number; zh: string; en: string } | null;
  outcome: WelfareOutcome | null;
  attempts: number;
  calledAt: string | null;
  calledByName: string | null;
  note: string | null;
  alarmId: string | null;
}

export interface AreaEventDetail extends AreaEventView {
  welfare: WelfareRow[];
}

/** React-query key prefix of the health queries (realtime `device.area_event` marks them stale). */
export const HEALTH_KEY = 'device-health';
const keyed = () => ({ headers: { 'Idempotency-Key': crypto.randomUUID() } });
const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);

export const fetchAreaEvents = (signal?: AbortSignal) =>
  api.get<{ items: AreaEventView[] }>('/device-area-events', { status: 'open' }, opts(signal));
export const fetchAreaEvent = (id: string, signal?: AbortSignal) =>
  api.get<AreaEventDetail>(`/device-area-events/${encodeURIComponent(id)}`, undefined, opts(signal));
export const markWelfareCall = (
  id: string,
  body: { elderId: string; outcome: WelfareOutcome; note?: string },
) => api.post<AreaEventDetail>(`/device-area-events/${encodeURIComponent(id)}/welfare-calls`, body, keyed());
/** `PATCH /device-area-events/{id}`: correct the cause, or end the event by hand with a note. */
export const updateAreaEvent = (
  id: string,
  body: { cause?: AreaEventCause; close?: boolean; note?: string },
) => api.patch<AreaEventDetail>(`/device-area-events/${encodeURIComponent(id)}`, body, keyed());
export const fetchDeviceTasks = (q: { regionCode?: string; deviceId?: string }, signal?: AbortSignal) =>
  api.get<{ items: DeviceTaskView[]; nextCursor: string | null }>('/device-tasks', q, opts(signal));
export const closeDeviceTask = (id: string, note: string) =>
  api.post<DeviceTaskView>(`/device-tasks/${encodeURIComponent(id)}/close`, { note });
