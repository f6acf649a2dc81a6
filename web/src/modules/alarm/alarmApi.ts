import { api } from '../../api/client.ts';
import type { AlarmStats } from '@yiyang/contracts';
import type { AlarmDetail, AlarmView, DutyView, RankedResponder, RevealedMedical } from './alarmTypes.ts';

/** `/api/v1/alarms…` (decision 9xx-alarms). */
const ALARMS_PATH = '/alarms';
/** React-query key prefix of every alarm query (realtime `alarm.*` events mark them stale). */
export const ALARMS_KEY = 'alarms';

const one = (id: string) => `${ALARMS_PATH}/${encodeURIComponent(id)}`;
const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);
/** A fresh key per user action: a retry of a lost answer replays the first result (decision 015). */
const keyed = () => ({ headers: { 'Idempotency-Key': crypto.randomUUID() } });

export const fetchAlarms = (q: { state?: string; elderId?: string }, signal?: AbortSignal) =>
  api.get<{ items: AlarmView[] }>(ALARMS_PATH, q, opts(signal));
export const fetchAlarm = (id: string, signal?: AbortSignal) =>
  api.get<AlarmDetail>(one(id), undefined, opts(signal));
export const fetchResponders = (id: string, signal?: AbortSignal) =>
  api.get<{ items: RankedResponder[] }>(`${one(id)}/responders`, undefined, opts(signal));
/** `POST /alarms`: the phone's SOS, or a seat's 12349 call. */
export const raiseAlarm = (body: object) => api.post<AlarmDetail>(ALARMS_PATH, body, keyed());
/** `POST /alarms/{id}/{command}` with its body (notes too). */
export const alarmCommand = (id: string, command: string, body: object = {}) =>
  api.post<AlarmDetail>(`${one(id)}/${command}`, body, keyed());
export const revealMedical = (id: string, reason?: string) =>
  api.post<RevealedMedical>(`${one(id)}/reveal`, reason ? { reason } : {});

export const fetchDuty = (signal?: AbortSignal) => api.get<DutyView>('/alarm-duty', undefined, opts(signal));
export const signOn = (role: string) => api.post<DutyView>('/alarm-duty/sign-on', { role });
export const signOff = () => api.post<DutyView>('/alarm-duty/sign-off', {});

/** `GET /stats/alarms`: a month's answering statistics in a region (issue 17 §4). */
export const fetchAlarmStats = (
  q: { regionCode?: string | undefined; month: string },
  signal?: AbortSignal,
) => api.get<AlarmStats>('/stats/alarms', q, opts(signal));
