import { VISIT_ANOMALY_KINDS } from '@yiyang/contracts';
import { type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { addDays, chinaDayStart } from '../../platform/dates.ts';
import { DomainError, forbidden, invalidField, notFound } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { visitRepo } from './visit.repo.ts';
import { CONFIRM_WITHIN_HOURS, tooShort } from './visit.rules.ts';
import type { EditBody } from './visit.schema.ts';
import type { VisitRow } from './visit.table.ts';
import { iso, nowOf, refreshState, visitViewOf, anomalyView, type VisitDeps } from './visit.shared.ts';

/** The exception queue (EVV): the coordinators' list, resolutions, corrections after the fact, compliance. */
const HOUR = 3_600_000;

export class VisitReview {
  constructor(private readonly deps: VisitDeps) {}

  async list(
    auth: AuthContext,
    q: { state?: string | undefined; kind?: string | undefined; providerId?: string | undefined } & {
      caregiverId?: string | undefined;
      regionCode?: string | undefined;
      limit: number;
    },
  ) {
    const repo = visitRepo(this.deps.db);
    const rows = await repo.list(auth, q, q.limit);
    const anomalies = await repo.anomaliesOf(rows.map((r) => r.v.id));
    return {
      items: rows.map((r) => ({
        ...visitViewOf(r.v),
        caregiverName: r.caregiverName,
        anomalies: anomalies.filter((a) => a.visitId === r.v.id).map(anomalyView),
      })),
    };
  }

  private async inScope(auth: AuthContext, id: string): Promise<VisitRow> {
    const v = await visitRepo(this.deps.db).findInScope(auth, id);
    if (!v) throw notFound('visit.not_found');
    return v;
  }

  /** POST /visits/:id/anomalies/:anomalyId/resolve: a coordinator's reason code (and note). */
  async resolve(
    auth: AuthContext,
    actor: Actor,
    id: string,
    anomalyId: string,
    body: { code: string; note?: string | undefined },
  ) {
    const v = await this.inScope(auth, id);
    const repo0 = visitRepo(this.deps.db);
    const a = await repo0.anomaly(v.id, anomalyId);
    if (!a) throw notFound('visit.anomaly_not_found');
    if (a.resolvedAt) throw new DomainError('visit.anomaly_resolved', { status: 409 });
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = visitRepo(tx);
      const done = await repo.resolve(a.id, {
        by: auth.userId,
        byName: auth.displayName,
        code: body.code,
        note: body.note ?? null,
        at: nowOf(this.deps),
      });
      if (!done) throw new DomainError('visit.anomaly_resolved', { status: 409 });
      await refreshState(tx, v);
      uow.audit({
        action: 'visit.anomaly_resolve',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: `${a.kind} resolved: ${body.code}`,
        reason: body.code,
        detail: { kind: a.kind, code: body.code },
      });
    });
    return this.list1(auth, v.id);
  }

  private async list1(auth: AuthContext, id: string) {
    const v = await this.inScope(auth, id);
    const anomalies = await visitRepo(this.deps.db).anomaliesOf([v.id]);
    return { ...visitViewOf(v), caregiverName: null, anomalies: anomalies.map(anomalyView) };
  }

  /** PATCH /visits/:id: corrects the times after the fact, with a reason code; audited with before/after. */
  async edit(auth: AuthContext, actor: Actor, id: string, body: EditBody) {
    const v = await this.inScope(auth, id);
    if (!body.checkInAt && !body.checkOutAt) throw invalidField('/body', 'visit.edit_nothing');
    const start = body.checkInAt ? new Date(body.checkInAt) : v.startedAt;
    const end = body.checkOutAt ? new Date(body.checkOutAt) : v.endedAt;
    if (start && end && end <= start) throw invalidField('/body/checkOutAt', 'visit.edit_order');
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = visitRepo(tx);
      const patch: Partial<VisitRow> = {};
      if (body.checkInAt && v.checkIn) patch.checkIn = { ...v.checkIn, at: body.checkInAt };
      if (body.checkOutAt && v.checkOut) patch.checkOut = { ...v.checkOut, at: body.checkOutAt };
      const updated = await repo.update(v.id, { ...patch, startedAt: start, endedAt: end });
      if (start && end) {
        const d = tooShort(start, end, v.plannedMinutes);
        if (d.short)
          await repo.flag(updated, 'too_short', { minutes: d.minutes, plannedMinutes: v.plannedMinutes });
      }
      await refreshState(tx, updated);
      uow.audit({
        action: 'visit.edit',
        entityType: 'visit',
        entityId: v.id,
        regionCode: v.regionCode,
        organisationId: v.providerId,
        summary: `visit corrected: ${body.reason}`,
        reason: body.reason,
        detail: {
          before: { startedAt: iso(v.startedAt), endedAt: iso(v.endedAt) },
          after: { startedAt: iso(start), endedAt: iso(end) },
          note: body.note ?? null,
        },
      });
    });
    return this.list1(auth, v.id);
  }

  /** GET /visits/compliance: per provider and caregiver, the share verified and the anomalies by kind. */
  async compliance(auth: AuthContext, q: { regionCode?: string | undefined; from: string; to: string }) {
    const from = chinaDayStart(q.from);
    const to = chinaDayStart(addDays(q.to, 1));
    const { byState, byKind } = await visitRepo(this.deps.db).compliance(auth, q.regionCode, from, to);
    type Row = {
      providerId: string | null;
      caregiverId: string | null;
      caregiverName: string | null;
      visits: number;
      verified: number;
      anomalous: number;
      byKind: Record<string, number>;
    };
    const caregivers = new Map<string, Row>();
    for (const r of byState) {
      const key = `${r.providerId}|${r.caregiverId}`;
      const row = caregivers.get(key) ?? {
        providerId: r.providerId,
        caregiverId: r.caregiverId,
        caregiverName: r.caregiverName,
        visits: 0,
        verified: 0,
        anomalous: 0,
        byKind: {},
      };
      row.visits += r.n;
      if (r.state === 'verified') row.verified += r.n;
      if (r.state === 'anomalous') row.anomalous += r.n;
      caregivers.set(key, row);
    }
    for (const k of byKind) {
      const row = caregivers.get(`${k.providerId}|${k.caregiverId}`);
      if (row) row.byKind[k.kind] = (row.byKind[k.kind] ?? 0) + k.n;
    }
    const providers = new Map<string, Omit<Row, 'caregiverId' | 'caregiverName'>>();
    for (const c of caregivers.values()) {
      const key = String(c.providerId);
      const p = providers.get(key) ?? {
        providerId: c.providerId,
        visits: 0,
        verified: 0,
        anomalous: 0,
        byKind: {},
      };
      p.visits += c.visits;
      p.verified += c.verified;
      p.anomalous += c.anomalous;
      for (const [kind, n] of Object.entries(c.byKind)) p.byKind[kind] = (p.byKind[kind] ?? 0) + n;
      providers.set(key, p);
    }
    const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);
    const withShares = <T extends { visits: number; verified: number; byKind: Record<string, number> }>(
      r: T,
    ) => ({
      ...r,
      verifiedShare: share(r.verified, r.visits),
      kindShare: Object.fromEntries(
        VISIT_ANOMALY_KINDS.filter((k) => r.byKind[k]).map((k) => [k, share(r.byKind[k]!, r.visits)]),
      ),
    });
    return {
      from: q.from,
      to: q.to,
      providers: [...providers.values()].map(withShares),
      caregivers: [...caregivers.values()].map(withShares),
    };
  }

  /** Schedule: checked-out visits nobody confirmed within CONFIRM_WITHIN_HOURS enter the queue (idempotent). */
  async scanUnconfirmed(): Promise<number> {
    const before = new Date(nowOf(this.deps).getTime() - CONFIRM_WITHIN_HOURS * HOUR);
    let n = 0;
    for (const v of await visitRepo(this.deps.db).unconfirmedSince(before)) {
      await this.deps.db.transaction(async (tx) => {
        const repo = visitRepo(tx);
        if (await repo.flag(v, 'unconfirmed', { hours: CONFIRM_WITHIN_HOURS })) n++;
        await refreshState(tx, v);
      });
    }
    return n;
  }

  /** PUT /visit-geofences/:regionCode: the radius for a region (district, street or community). */
  async setGeofence(auth: AuthContext, actor: Actor, regionCode: string, radiusM: number) {
    if (auth.scope.regionPrefix === null || !regionCode.startsWith(auth.scope.regionPrefix))
      throw forbidden();
    await transact(this.deps, actor, async (tx, uow) => {
      await visitRepo(tx).setGeofence(regionCode, radiusM);
      uow.audit({
        action: 'visit.geofence',
        entityType: 'region',
        entityId: regionCode,
        regionCode,
        summary: `visit geofence ${radiusM} m`,
      });
    });
    return { regionCode, radiusM };
  }
}
