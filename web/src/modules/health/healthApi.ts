import type {
  HealthAlertStatus,
  HealthRuleKind,
  HealthVerifyMethod,
  ThresholdKind,
  VitalKind,
  VitalSource,
} from '@yiyang/contracts';
import { api } from '../../api/client.ts';

/** React-query key prefix of every health query. */
export const HEALTH_KEY = 'health';

export interface VitalView {
  id: string;
  kind: VitalKind;
  unit: string;
  values: { value: number } | { systolic: number; diastolic: number } | null;
  flag: 'high' | 'low' | null;
  measuredAt: string;
  source: VitalSource;
  deviceId: string | null;
  enteredByName: string | null;
}
export interface ThresholdView {
  kind: ThresholdKind;
  low: number | null;
  high: number | null;
  own: boolean;
  default: { low: number | null; high: number | null };
}
export interface VitalList {
  items: VitalView[];
  thresholds: ThresholdView[];
  revealed: boolean;
}
export interface RuleView {
  id: string;
  kind: HealthRuleKind;
  name: string;
  regionCode: string;
  params: Record<string, unknown>;
  enabled: boolean;
  editable: boolean;
  updatedAt: string;
  counts: {
    alerts: number;
    confirmed: number;
    falseAlarms: number;
    escalated: number;
    pending: number;
    falseRate: number | null;
  };
}
export interface AlertView {
  id: string;
  ruleId: string;
  ruleKind: HealthRuleKind;
  ruleName: string;
  elderId: string;
  elderNameMasked: string;
  regionCode: string;
  triggerAt: string;
  openedAt: string;
  evidence: Record<string, unknown>;
  status: HealthAlertStatus;
  verifiedBy: { id: string; name: string } | null;
  verifiedAt: string | null;
  method: HealthVerifyMethod | null;
  note: string | null;
  alarmId: string | null;
}

const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);
/** A fresh key per user action: a retry of a lost answer replays the first result (decision 015). */
const keyed = () => ({ headers: { 'Idempotency-Key': crypto.randomUUID() } });
const elder = (id: string) => `/elders/${encodeURIComponent(id)}`;

export const fetchVitals = (elderId: string, signal?: AbortSignal) =>
  api.get<VitalList>(`${elder(elderId)}/vital-signs`, undefined, opts(signal));
export const revealVitals = (elderId: string) =>
  api.post<VitalList>(`${elder(elderId)}/vital-signs/reveal`, {});
export const recordVital = (elderId: string, body: object) =>
  api.post<VitalView>(`${elder(elderId)}/vital-signs`, body, keyed());
export const setThreshold = (elderId: string, kind: ThresholdKind, body: object) =>
  api.put<{ items: ThresholdView[] }>(`${elder(elderId)}/health-thresholds/${kind}`, body);

export const fetchRules = (signal?: AbortSignal) =>
  api.get<{ items: RuleView[] }>('/health-rules', undefined, opts(signal));
export const patchRule = (id: string, body: object) =>
  api.patch<RuleView>(`/health-rules/${encodeURIComponent(id)}`, body);

export const fetchAlerts = (status: string, signal?: AbortSignal) =>
  api.get<{ items: AlertView[] }>('/health-alerts', { status }, opts(signal));
export const alertCommand = (id: string, command: 'claim' | 'resolve' | 'escalate', body: object = {}) =>
  api.post<AlertView>(`/health-alerts/${encodeURIComponent(id)}/${command}`, body, keyed());
