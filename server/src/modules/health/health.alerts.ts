import type { HealthAlertStatus, HealthRuleKind } from '@yiyang/contracts';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { inScope, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { transact } from '../../platform/uow.ts';
import { openAlarm } from '../alarm/index.ts';
import type { AlertQuery, AlertView } from './health.schema.ts';
import type { HealthDeps } from './health.service.ts';
import { healthAlerts, healthRules, type HealthAlertRow } from './health.table.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where a caller sees alerts: the elder's community in their region, or an elder related to them. */
export const alertScope = (auth: AuthContext) =>
  inScope(auth.scope, { region: healthAlerts.regionCode, elder: healthAlerts.elderId });

/**
 * The alert queue (健康预警): a person takes an alert, verifies it by calling the elder or the family (or
 * visiting), and ends it as confirmed, false (counted against the rule) or escalated to an alarm.
 */
export class HealthAlerts {
  constructor(private readonly deps: HealthDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async alertViews(rows: HealthAlertRow[]): Promise<AlertView[]> {
    if (rows.length === 0) return [];
    const rules = await this.deps.db
      .select({ id: healthRules.id, name: healthRules.name })
      .from(healthRules)
      .where(inArray(healthRules.id, [...new Set(rows.map((r) => r.ruleId))]));
    const res = await this.deps.db.execute(
      sql`SELECT id, name_masked FROM elders WHERE id = ANY(${sql.param([...new Set(rows.map((r) => r.elderId))])}::uuid[])`,
    );
    const names = (res as unknown as { rows: { id: string; name_masked: string | null }[] }).rows.map(
      (r) => ({
        id: r.id,
        nameMasked: r.name_masked,
      }),
    );
    return rows.map((a) => ({
      id: a.id,
      ruleId: a.ruleId,
      ruleKind: a.ruleKind as HealthRuleKind,
      ruleName: rules.find((r) => r.id === a.ruleId)?.name ?? '',
      elderId: a.elderId,
      elderNameMasked: names.find((n) => n.id === a.elderId)?.nameMasked ?? '',
      regionCode: a.regionCode,
      triggerAt: a.triggerAt.toISOString(),
      openedAt: a.openedAt.toISOString(),
      evidence: a.evidence,
      status: a.status as HealthAlertStatus,
      verifiedBy: a.verifiedBy ? { id: a.verifiedBy, name: a.verifiedByName ?? '' } : null,
      verifiedAt: iso(a.verifiedAt),
      method: a.method as AlertView['method'],
      note: a.note,
      alarmId: a.alarmId,
    }));
  }

  async alerts(auth: AuthContext, q: AlertQuery) {
    const conds: SQL[] = [alertScope(auth)];
    if (q.status === 'pending') conds.push(inArray(healthAlerts.status, ['open', 'verifying']));
    else if (q.status !== 'all') conds.push(eq(healthAlerts.status, q.status));
    if (q.elderId) conds.push(eq(healthAlerts.elderId, q.elderId));
    if (q.ruleId) conds.push(eq(healthAlerts.ruleId, q.ruleId));
    const rows = await this.deps.db
      .select()
      .from(healthAlerts)
      .where(and(...conds))
      .orderBy(desc(healthAlerts.openedAt))
      .limit(q.limit);
    return { items: await this.alertViews(rows) };
  }

  private async alertInScope(auth: AuthContext, id: string) {
    const [a] = await this.deps.db
      .select()
      .from(healthAlerts)
      .where(and(eq(healthAlerts.id, id), alertScope(auth)));
    if (!a) throw notFound('health.not_found');
    return a;
  }

  async alert(auth: AuthContext, id: string): Promise<AlertView> {
    return (await this.alertViews([await this.alertInScope(auth, id)]))[0]!;
  }

  /**
   * One step of the alert's life: the row changes only from `from` (a concurrent step finds it moved and
   * gets 409), with its audit entry, and for an escalation the alarm, in one transaction.
   */
  private async step(
    auth: AuthContext,
    actor: Actor,
    id: string,
    command: string,
    from: HealthAlertStatus[],
    to: HealthAlertStatus,
    extra: { method?: string; note?: string | undefined } = {},
  ): Promise<AlertView> {
    const a = await this.alertInScope(auth, id);
    if (!from.includes(a.status as HealthAlertStatus))
      throw new DomainError(
        command === 'escalate' && a.status === 'open' ? 'health.verify_first' : 'health.invalid_state',
        {
          status: 409,
          params: { status: a.status, command },
        },
      );
    const now = this.now();
    await transact(this.deps, actor, async (tx, uow) => {
      const done = to !== 'verifying';
      const [u] = await tx
        .update(healthAlerts)
        .set({
          status: to,
          verifiedBy: auth.userId,
          verifiedByName: auth.displayName,
          ...(done
            ? { verifiedAt: now, closedAt: now, method: extra.method ?? null, note: extra.note ?? null }
            : {}),
        })
        .where(and(eq(healthAlerts.id, id), inArray(healthAlerts.status, from)))
        .returning();
      if (!u)
        throw new DomainError('health.invalid_state', { status: 409, params: { status: a.status, command } });
      if (to === 'escalated') {
        const { alarmId } = await openAlarm(tx, uow, {
          source: 'health_alert',
          kind: 'health_alert',
          deviceId: null,
          deviceSerial: null,
          elderIds: [a.elderId],
          regionCode: a.regionCode,
          position: null,
          occurredAt: now,
          messageId: `health_alert:${a.id}`,
          openedBy: { userId: auth.userId, name: auth.displayName },
        });
        await tx.update(healthAlerts).set({ alarmId }).where(eq(healthAlerts.id, id));
      }
      uow.audit({
        // audit actions: health.alert_claim, health.alert_resolve, health.alert_escalate
        action: `health.alert_${command}`,
        entityType: 'health_alert',
        entityId: id,
        regionCode: a.regionCode,
        summary: `health alert ${a.ruleKind}: ${to}`,
        detail: { ruleId: a.ruleId, elderId: a.elderId, status: to, method: extra.method ?? null },
      });
    });
    return this.alert(auth, id);
  }

  /** A person takes the alert to verify it (calls the elder or the family). */
  claim(auth: AuthContext, actor: Actor, id: string) {
    return this.step(auth, actor, id, 'claim', ['open'], 'verifying');
  }

  /** Verified: real but handled (confirmed), or a false alert (counted against the rule). */
  resolve(
    auth: AuthContext,
    actor: Actor,
    id: string,
    b: { outcome: 'confirmed' | 'false_alarm'; method: string; note?: string | undefined },
  ) {
    return this.step(auth, actor, id, 'resolve', ['open', 'verifying'], b.outcome, b);
  }

  /** Verified and serious: opens an alarm (source and kind `health_alert`) in the same transaction. */
  escalate(auth: AuthContext, actor: Actor, id: string, b: { method: string; note?: string | undefined }) {
    return this.step(auth, actor, id, 'escalate', ['verifying', 'confirmed'], 'escalated', b);
  }
}
