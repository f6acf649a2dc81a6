import { createHmac } from 'node:crypto';
import {
  NO_PHOTO_SUB_ITEMS,
  VISIT_CODE_STEP_SECONDS,
  VISIT_MAX_QUEUE_AGE_DAYS,
  VISIT_SKEW_TOLERANCE_MS,
} from '@yiyang/contracts';
import { DomainError, invalidField } from '../../platform/errors.ts';

/** The default geofence around the elder's registered home (PRODUCT.md §4.5: configurable per region). */
export const DEFAULT_GEOFENCE_M = 300;
/** A checked-out visit nobody confirmed after this long enters the exception queue. */
export const CONFIRM_WITHIN_HOURS = 24;
/** A visit shorter than this share of the item's duration is flagged (too short). */
export const MIN_DURATION_SHARE = 0.5;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return Math.round(2 * R * Math.asin(Math.min(1, Math.sqrt(h))));
}

/**
 * The time an action happened, as the phone queued it: not in the future (a minute's grace for clocks), not
 * older than VISIT_MAX_QUEUE_AGE_DAYS. Absent: now.
 */
export function actionTime(at: string | undefined, now: Date, pointer = '/body/at'): Date {
  if (!at) return now;
  const t = new Date(at);
  if (t.getTime() > now.getTime() + 60_000) throw invalidField(pointer, 'visit.time_in_future');
  if (now.getTime() - t.getTime() > VISIT_MAX_QUEUE_AGE_DAYS * 86_400_000)
    throw invalidField(pointer, 'visit.time_too_old', { days: VISIT_MAX_QUEUE_AGE_DAYS });
  return t;
}

/**
 * How far the device clock is off: the server's receipt time minus the device's send time (the action's own
 * time when the phone did not say when it sent). Beyond the tolerance the visit is flagged, never corrected.
 */
export function skewOf(receivedAt: Date, sentAt: Date): { skewMs: number; flagged: boolean } {
  const skewMs = receivedAt.getTime() - sentAt.getTime();
  return { skewMs, flagged: Math.abs(skewMs) > VISIT_SKEW_TOLERANCE_MS };
}

/** The elder's one-time code for a time step: 6 digits from a keyed hash (TOTP-like, RFC 6238 truncation). */
export function codeFor(secret: string, at: Date): string {
  const step = Math.floor(at.getTime() / 1000 / VISIT_CODE_STEP_SECONDS);
  const mac = createHmac('sha256', secret).update(String(step)).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** A code shown at `at` or in the step before (a slow caregiver, a clock a little off). */
export function codeMatches(secret: string, code: string, at: Date): boolean {
  const prev = new Date(at.getTime() - VISIT_CODE_STEP_SECONDS * 1000);
  const next = new Date(at.getTime() + VISIT_CODE_STEP_SECONDS * 1000);
  return [at, prev, next].some((t) => codeFor(secret, t) === code);
}

/** Seconds until the code shown now changes. */
export function codeValidFor(at: Date): number {
  const s = Math.floor(at.getTime() / 1000);
  return VISIT_CODE_STEP_SECONDS - (s % VISIT_CODE_STEP_SECONDS);
}

/** What a QR card fixed in the home encodes: `YYV1.<elderId>.<mac>`. */
export const cardToken = (elderId: string, mac: string) => `YYV1.${elderId}.${mac}`;
export function parseCard(token: string): { elderId: string; mac: string } | null {
  const m = /^YYV1\.([0-9a-f-]{36})\.([0-9a-f]{16,64})$/.exec(token.trim());
  return m ? { elderId: m[1]!, mac: m[2]! } : null;
}

/** Too short: less than half the item's duration between check-in and check-out. */
export function tooShort(startedAt: Date, endedAt: Date, plannedMinutes: number) {
  const minutes = (endedAt.getTime() - startedAt.getTime()) / 60_000;
  return { minutes: Math.round(minutes), short: minutes < plannedMinutes * MIN_DURATION_SHARE };
}

/**
 * The review state: in progress until checked out; then waiting for the elder; anomalous while any anomaly is
 * open; verified only when confirmed and clean (or every anomaly resolved).
 */
export function stateOf(v: { checkedOut: boolean; confirmed: boolean; openAnomalies: number }) {
  if (v.openAnomalies > 0) return 'anomalous' as const;
  if (!v.checkedOut) return 'in_progress' as const;
  if (!v.confirmed) return 'awaiting_confirmation' as const;
  return 'verified' as const;
}

/** A default checklist per service category (GB/T 43153 §服务内容), when the item has none of its own. */
export const DEFAULT_CHECKLISTS: Record<string, readonly string[]> = {
  daily_living: ['greet_identify', 'task_done', 'tidy_up', 'safety_check'],
  basic_care: ['greet_identify', 'hand_hygiene', 'task_done', 'skin_check', 'safety_check'],
  health_management: ['greet_identify', 'vitals_measured', 'advice_given', 'record_updated'],
  visiting_care: ['greet_identify', 'health_asked', 'mood_asked', 'home_safety', 'hygiene_checked'],
  emotional_support: ['greet_identify', 'conversation', 'mood_asked'],
  errands: ['greet_identify', 'task_done', 'receipt_given'],
  home_adaptation: ['greet_identify', 'site_assessed', 'task_done', 'tidy_up'],
};
const FALLBACK_CHECKLIST = ['greet_identify', 'task_done', 'safety_check'] as const;

export const checklistOf = (category: string): readonly string[] =>
  DEFAULT_CHECKLISTS[category] ?? FALLBACK_CHECKLIST;

/** 助浴 and 排泄护理 are never photographed, whatever the catalogue row says (STANDARDS.md §4.1). */
export const photosNever = (subItem: string, photosAllowed: boolean) =>
  !photosAllowed || (NO_PHOTO_SUB_ITEMS as readonly string[]).includes(subItem);

export const notConfirmer = () => new DomainError('visit.not_confirmer', { status: 403 });
