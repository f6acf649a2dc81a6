import { type AuthContext } from '../../platform/access.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { type TransactDeps } from '../../platform/uow.ts';
import { findOrderInScope, type OrderRow, type OrderService } from '../order/index.ts';
import { findServiceItem } from '../service/index.ts';
import { visitRepo } from './visit.repo.ts';
import { stateOf } from './visit.rules.ts';
import type { VisitRow } from './visit.table.ts';

export type VisitDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  orders: OrderService;
  now?: () => Date;
};

export const CIPHER = {
  observation: 'visit.observation',
  photo: 'visit.photo',
  signature: 'visit.signature',
};
export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const nowOf = (deps: { now?: (() => Date) | undefined }) => deps.now?.() ?? new Date();

/** The order in the caller's scope, or 404. */
export async function orderOf(deps: VisitDeps, auth: AuthContext, id: string): Promise<OrderRow> {
  const o = await findOrderInScope(deps.db, auth, id);
  if (!o) throw notFound('order.not_found');
  return o;
}

/** What the item tells the visit: its category, sub-item, duration and whether photos are ever allowed. */
export async function itemFacts(db: Executor, o: OrderRow) {
  const item = await findServiceItem(db, o.itemId);
  return {
    category: item?.category ?? 'daily_living',
    subItem: item?.subItem ?? '',
    minutes:
      item?.durationMinutes ?? Math.round((o.plannedEnd.getTime() - o.plannedStart.getTime()) / 60_000),
    photosAllowed: item?.photosAllowed ?? false,
  };
}

/** Recomputes the review state from the visit and its open anomalies. */
export async function refreshState(tx: Executor, v: VisitRow): Promise<VisitRow> {
  const repo = visitRepo(tx);
  const state = stateOf({
    checkedOut: !!v.checkOut,
    confirmed: !!v.confirmation && !v.confirmation.refusedReason,
    openAnomalies: await repo.openAnomalyCount(v.id),
  });
  return state === v.state ? v : repo.update(v.id, { state });
}

export function visitViewOf(v: VisitRow) {
  return {
    id: v.id,
    orderId: v.orderId,
    elderId: v.elderId,
    regionCode: v.regionCode,
    providerId: v.providerId,
    caregiverId: v.caregiverId,
    itemCode: v.itemCode,
    category: v.category,
    plannedMinutes: v.plannedMinutes,
    checkIn: v.checkIn ?? null,
    checkOut: v.checkOut ?? null,
    startedAt: iso(v.startedAt),
    endedAt: iso(v.endedAt),
    checklistDone: v.checklistDone,
    confirmation: v.confirmation
      ? {
          method: v.confirmation.method,
          by: v.confirmation.by,
          at: v.confirmation.at,
          refusedReason: v.confirmation.refusedReason,
        }
      : null,
    hasSignature: !!v.signatureEnc,
    state: v.state,
  };
}

export function anomalyView(a: {
  id: string;
  kind: string;
  detail: Record<string, unknown>;
  detectedAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  resolutionCode: string | null;
  resolutionNote: string | null;
}) {
  return {
    id: a.id,
    kind: a.kind,
    detail: a.detail,
    detectedAt: a.detectedAt.toISOString(),
    resolvedAt: iso(a.resolvedAt),
    resolvedByName: a.resolvedByName,
    resolutionCode: a.resolutionCode,
    resolutionNote: a.resolutionNote,
  };
}
