import type { AreaEventCause } from './device.ts';
import type { AlarmKind, AlarmOutcome, AlarmSource, AlarmStatus } from './alarm.ts';
import type { AssessmentReason, AssessmentTagCode } from './assessment.ts';
import type { ElderStatus } from './elder.ts';
import type { OrderChannel, OrderStatus } from './order.ts';
import type { RegionImportSummary } from './region.ts';
import type { VisitAnomalyKind, VisitRisk } from './visit.ts';

/**
 * Every domain event the platform emits: topic → payload. The one list that
 * `uow.emit`, the server's event handlers and the console's realtime client
 * type against; a topic or payload field that is not here does not compile.
 * Payloads carry ids and codes, never personal data (they are pushed to every
 * console whose scope covers the event).
 */
export interface EventMap {
  'region.imported': RegionImportSummary;
  'organisation.created': { id: string };
  'organisation.updated': { id: string };
  'user.created': { id: string };
  'user.updated': { id: string };
  'elder.created': { id: string };
  'elder.updated': {
    id: string;
    fields: string[];
    version: number;
    /** Changes that call for an immediate reassessment (PRODUCT.md §4.3). */
    triggers?: 'dementia_diagnosis'[];
  };
  'elder.status_changed': ElderStatusChange;
  /** Services and subsidies stop (PRODUCT.md §4.2). */
  'elder.deceased': ElderStatusChange;
  'elder.moved_out': ElderStatusChange;
  'elder.imported': { jobId: string; created: number; updated: number };
  'assessment.applied': { id: string; elderId: string; reason: AssessmentReason };
  'assessment.assigned': { id: string; agencyId: string; assessorIds: string[] };
  'assessment.published': {
    id: string;
    elderId: string;
    standardCode: string;
    level: number;
    /** Null when items were skipped under the coma rule. */
    total: number | null;
    tags: AssessmentTagCode[];
    supersedes: string | null;
    nextDue: string;
  };
  /** A service order was placed (the provider's dispatch board shows it). */
  'order.created': {
    id: string;
    elderId: string;
    providerId: string | null;
    channel: OrderChannel;
    plannedStart: string;
  };
  'order.accepted': OrderTransition;
  'order.rejected': OrderTransition;
  'order.assigned': OrderTransition & { caregiverId: string };
  'order.reassigned': OrderTransition & { caregiverId: string; previousCaregiverId: string | null };
  'order.departed': OrderTransition;
  'order.checked_in': OrderTransition;
  'order.checked_out': OrderTransition;
  'order.confirmed': OrderTransition;
  'order.rated': OrderTransition & { rating: number };
  'order.cancelled': OrderTransition & { reason: string };
  'order.no_show': OrderTransition;
  'order.disputed': OrderTransition;
  /** Nobody accepted in time: level 1 widened to every contracted provider, level 2 alerts the street centre. */
  'order.escalated': { id: string; level: number; offeredTo: string[] };
  'order_plan.created': { id: string; elderId: string };
  'order_plan.changed': { id: string; status: string; reason: string | null };
  /** A service agreement (服务协议) was signed: funded services for its items may be ordered. */
  'service_agreement.signed': { id: string; elderId: string; organisationId: string };
  /**
   * What a caregiver observed during a visit (decision 024): vital signs taken and risks found, as codes.
   * The emergency and care modules will turn risks into alerts.
   */
  'visit.observation': {
    id: string;
    orderId: string;
    elderId: string;
    risks: VisitRisk[];
    /** Which vital signs were measured (the values stay in the visit record, encrypted). */
    vitals: string[];
    at: string;
  };
  /** A visit entered the exception queue, or an anomaly of it was resolved. */
  'visit.anomaly': { orderId: string; kind: VisitAnomalyKind; resolved: boolean };
  /** A service agreement ended: recurring plans under it stop. */
  'service_agreement.ended': { id: string; elderId: string; organisationId: string };
  /** An alarm opened (紧急呼叫): every seat whose scope covers its region shows it at once, with a sound. */
  'alarm.opened': {
    id: string;
    source: AlarmSource;
    kind: AlarmKind;
    deviceId: string | null;
    elderIds: string[];
    occurredAt: string;
  };
  /** A repeat from the same device (or phone) folded into the open alarm. */
  'alarm.repeated': { id: string; repeatCount: number; lastSeenAt: string };
  'alarm.acknowledged': AlarmTransition & { seatUserId: string };
  'alarm.dispatched': AlarmTransition & { responderId: string | null; external: string | null };
  'alarm.accepted': AlarmTransition & { responderId: string };
  'alarm.arrived': AlarmTransition & { responderId: string };
  'alarm.closed': AlarmTransition & { outcome: AlarmOutcome };
  /** A step of the escalation ladder fired (who was told is in the alarm's notifications). */
  'alarm.escalated': { id: string; step: string };
  /** An area event (区域事件, decision 029) opened, grew, or ended: the seat console shows open ones. */
  'device.area_event': {
    id: string;
    status: 'opened' | 'updated' | 'closed';
    cause: AreaEventCause;
    deviceCount: number;
  };
}

/** Every alarm transition's payload: ids and codes only. */
export interface AlarmTransition {
  id: string;
  from: AlarmStatus;
  to: AlarmStatus;
}

/** Every order transition's payload: ids and codes only. */
export interface OrderTransition {
  id: string;
  from: OrderStatus;
  to: OrderStatus;
  elderId: string;
  providerId: string | null;
}

export interface ElderStatusChange {
  id: string;
  from: ElderStatus;
  to: ElderStatus;
  /** The day the change took effect (YYYY-MM-DD). */
  date: string;
}

export type EventTopic = keyof EventMap;

/** Who may see an event: consoles whose scope covers this region or organisation. */
export interface EventScope {
  regionCode?: string | null;
  organisationId?: string | null;
}

/** A committed event as every consumer sees it: server handlers and console WebSockets. */
export interface DomainEventOf<T extends EventTopic> {
  /** Unique per event; consumers drop a second delivery of the same id. */
  id: number;
  topic: T;
  payload: EventMap[T];
  regionCode: string | null;
  organisationId: string | null;
  createdAt: string;
}

/** Any committed event; `switch (e.topic)` narrows the payload. */
export type DomainEvent = { [T in EventTopic]: DomainEventOf<T> }[EventTopic];

/**
 * Messages of the console WebSocket `GET /api/v1/events[?after=<cursor>]`.
 * `cursor` is opaque: a client that reconnects with the last cursor it was
 * given receives every event committed since then that it has not been sent
 * (and possibly a few it has: drop them by `event.id`). `reset` means the gap
 * was too long to replay: reload what is on screen and go on from its cursor.
 */
export type RealtimeMessage =
  | { type: 'hello'; userId: string; cursor: string }
  | { type: 'event'; event: DomainEvent; cursor: string }
  | { type: 'checkpoint'; cursor: string }
  | { type: 'reset'; cursor: string };
