import {
  THRESHOLD_KINDS,
  toRegionCode,
  type HealthRuleKind,
  type ThresholdKind,
  type VitalKind,
} from '@yiyang/contracts';
import { and, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { covers, inScope, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import { issueCode } from '../../platform/issues.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { findElderInScope } from '../elder/index.ts';
import { alertScope, HealthAlerts } from './health.alerts.ts';
import { evaluateRules } from './health.evaluate.ts';
import { parseParams } from './health.params.ts';
import type {
  RevealBody,
  RuleCreate,
  RulePatch,
  RuleView,
  VitalBody,
  VitalQuery,
  VitalView,
} from './health.schema.ts';
import {
  healthAlerts,
  healthRules,
  healthThresholds,
  vitalSigns,
  type HealthRuleRow,
  type VitalSignRow,
} from './health.table.ts';
import {
  defaultThresholds,
  insertReadings,
  thresholdsOf,
  VITALS_CONTEXT,
  type Thresholds,
  type VitalValues,
} from './health.vitals.ts';

export type HealthDeps = TransactDeps & {
  db: Db;
  cipher: FieldCipher;
  config: Pick<Config, 'HEALTH_THRESHOLDS'>;
  /** The service clock (tests set it). */
  now?: () => Date;
};

const SKEW_MS = 5 * 60_000;

/** The region and its ancestors (province, prefecture, county, town): the rules that apply to it. */
const ancestorsOf = (code: string) => [2, 4, 6, 9, 12].map((n) => toRegionCode(code.slice(0, n)));

/**
 * Health monitoring (健康监测, decision 031): vital signs on the elder's record (masked; the full read
 * audited), per-elder thresholds, rules as data, and the alert queue a person verifies before escalating.
 */
export class HealthService {
  readonly queue: HealthAlerts;

  constructor(private readonly deps: HealthDeps) {
    this.queue = new HealthAlerts(deps);
  }

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  get defaults(): Thresholds {
    return defaultThresholds(this.deps.config.HEALTH_THRESHOLDS);
  }

  private async elder(auth: AuthContext, id: string) {
    const e = await findElderInScope(this.deps.db, auth.scope, id);
    if (!e) throw notFound('health.elder_out_of_scope');
    return e.elder;
  }

  private readings(
    elderId: string,
    q: { kind?: VitalKind | undefined; from?: string | undefined; to?: string | undefined },
    limit: number,
  ) {
    const conds: SQL[] = [eq(vitalSigns.elderId, elderId)];
    if (q.kind) conds.push(eq(vitalSigns.kind, q.kind));
    if (q.from) conds.push(gte(vitalSigns.measuredAt, new Date(q.from)));
    if (q.to) conds.push(lte(vitalSigns.measuredAt, new Date(q.to)));
    return this.deps.db
      .select()
      .from(vitalSigns)
      .where(and(...conds))
      .orderBy(desc(vitalSigns.measuredAt))
      .limit(limit);
  }

  private view(r: VitalSignRow, values: VitalValues | null): VitalView {
    return {
      id: r.id,
      kind: r.kind as VitalKind,
      unit: r.unit,
      values,
      flag: r.flag as VitalView['flag'],
      measuredAt: r.measuredAt.toISOString(),
      source: r.source as VitalView['source'],
      deviceId: r.deviceId,
      enteredByName: r.enteredByName,
    };
  }

  /** The elder's thresholds, kind by kind: their own or the default. */
  async thresholds(auth: AuthContext, elderId: string) {
    await this.elder(auth, elderId);
    return { elderId, items: await this.thresholdViews(elderId) };
  }

  private async thresholdViews(elderId: string) {
    const own = await this.deps.db
      .select()
      .from(healthThresholds)
      .where(eq(healthThresholds.elderId, elderId));
    const t = (await thresholdsOf(this.deps.db, this.defaults, [elderId])).get(elderId)!;
    return THRESHOLD_KINDS.map((kind) => ({
      kind,
      ...t[kind],
      own: own.some((o) => o.kind === kind),
      default: this.defaults[kind],
    }));
  }

  /** GET: the readings without their values (masked), their flags and the thresholds. */
  async vitals(auth: AuthContext, elderId: string, q: VitalQuery) {
    await this.elder(auth, elderId);
    const rows = await this.readings(elderId, q, q.limit);
    return {
      elderId,
      items: rows.map((r) => this.view(r, null)),
      thresholds: await this.thresholdViews(elderId),
      revealed: false,
    };
  }

  /** POST …/reveal: the values in full, as a duty; the read is audited (who, which elder, what, why). */
  async reveal(auth: AuthContext, actor: Actor, elderId: string, body: RevealBody) {
    const e = await this.elder(auth, elderId);
    const rows = await this.readings(elderId, body, 1000);
    await transact(this.deps, actor, async (_tx, uow) =>
      uow.audit({
        action: 'health.vitals_view',
        entityType: 'elder',
        entityId: elderId,
        regionCode: e.regionCode,
        summary: `vital-sign values viewed: ${rows.length} readings`,
        detail: { count: rows.length, kind: body.kind ?? null, from: body.from ?? null, to: body.to ?? null },
        reason: body.reason ?? null,
      }),
    );
    return {
      elderId,
      items: rows.map((r) =>
        this.view(r, JSON.parse(this.deps.cipher.decrypt(r.valuesEnc, VITALS_CONTEXT)) as VitalValues),
      ),
      thresholds: await this.thresholdViews(elderId),
      revealed: true,
    };
  }

  /** POST: a reading entered by staff; the values are encrypted, flagged against the elder's thresholds. */
  async record(auth: AuthContext, actor: Actor, elderId: string, b: VitalBody): Promise<VitalView> {
    const e = await this.elder(auth, elderId);
    const measuredAt = new Date(b.measuredAt);
    if (measuredAt.getTime() > this.now().getTime() + SKEW_MS)
      throw new DomainError('health.future_time', {
        status: 422,
        errors: [{ pointer: '/body/measuredAt', code: 'health.future_time' }],
      });
    const values: VitalValues =
      b.kind === 'bp' ? { systolic: b.systolic!, diastolic: b.diastolic! } : { value: b.value! };
    const id = await transact(this.deps, actor, async (tx, uow) => {
      const [r] = await insertReadings(tx, this.deps.cipher, this.defaults, [
        {
          elderId,
          regionCode: e.regionCode,
          kind: b.kind,
          values,
          measuredAt,
          source: b.source,
          enteredBy: { userId: auth.userId, name: auth.displayName },
        },
      ]);
      uow.audit({
        action: 'health.vitals_record',
        entityType: 'vital_sign',
        entityId: r!.id,
        regionCode: e.regionCode,
        summary: `vital sign entered: ${b.kind}`,
        detail: { elderId, kind: b.kind, flag: r!.flag, source: b.source },
      });
      return r!.id;
    });
    const [row] = await this.deps.db.select().from(vitalSigns).where(eq(vitalSigns.id, id));
    return this.view(row!, values);
  }

  /** PUT: the elder's own threshold of one kind (audited with the old and new limits). */
  async setThreshold(
    auth: AuthContext,
    actor: Actor,
    elderId: string,
    kind: ThresholdKind,
    b: { low: number | null; high: number | null },
  ) {
    const e = await this.elder(auth, elderId);
    await transact(this.deps, actor, async (tx, uow) => {
      const [old] = await tx
        .select()
        .from(healthThresholds)
        .where(and(eq(healthThresholds.elderId, elderId), eq(healthThresholds.kind, kind)));
      await tx
        .insert(healthThresholds)
        .values({ elderId, kind, low: b.low, high: b.high, updatedBy: auth.userId, updatedAt: this.now() })
        .onConflictDoUpdate({
          target: [healthThresholds.elderId, healthThresholds.kind],
          set: { low: b.low, high: b.high, updatedBy: auth.userId, updatedAt: this.now() },
        });
      uow.audit({
        action: 'health.threshold_set',
        entityType: 'elder',
        entityId: elderId,
        regionCode: e.regionCode,
        summary: `threshold ${kind}: ${b.low ?? '–'}–${b.high ?? '–'}`,
        detail: { kind, before: old ? { low: old.low, high: old.high } : null, after: b },
      });
    });
    return this.thresholds(auth, elderId);
  }

  // ── Rules ────────────────────────────────────────────────────────────────

  private paramsOrThrow(kind: HealthRuleKind, params: unknown) {
    const p = parseParams(kind, params);
    if (p.success) return p.data as Record<string, unknown>;
    throw new DomainError('common.validation', {
      status: 400,
      errors: p.error.issues.map((i) => ({
        pointer: `/body/params${i.path.map((s) => `/${String(s)}`).join('')}`,
        ...issueCode(i as never),
      })),
    });
  }

  private ruleVisible(auth: AuthContext): SQL {
    const own = inScope(auth.scope, { region: healthRules.regionCode });
    return auth.regionCode ? or(own, inArray(healthRules.regionCode, ancestorsOf(auth.regionCode)))! : own;
  }

  /** Rules that apply in the caller's area (theirs and their ancestors'), with their alert counts there. */
  async rules(auth: AuthContext): Promise<{ items: RuleView[] }> {
    const rows = await this.deps.db
      .select()
      .from(healthRules)
      .where(this.ruleVisible(auth))
      .orderBy(healthRules.regionCode, healthRules.createdAt);
    return { items: await this.ruleViews(auth, rows) };
  }

  private async ruleViews(auth: AuthContext, rows: HealthRuleRow[]): Promise<RuleView[]> {
    const ids = rows.map((r) => r.id);
    const counts = ids.length
      ? await this.deps.db
          .select({
            ruleId: healthAlerts.ruleId,
            alerts: sql<number>`count(*)::int`,
            confirmed: sql<number>`(count(*) FILTER (WHERE ${healthAlerts.status} = 'confirmed'))::int`,
            falseAlarms: sql<number>`(count(*) FILTER (WHERE ${healthAlerts.status} = 'false_alarm'))::int`,
            escalated: sql<number>`(count(*) FILTER (WHERE ${healthAlerts.status} = 'escalated'))::int`,
          })
          .from(healthAlerts)
          .where(and(inArray(healthAlerts.ruleId, ids), alertScope(auth)))
          .groupBy(healthAlerts.ruleId)
      : [];
    return rows.map((r) => {
      const c = counts.find((x) => x.ruleId === r.id);
      const [alerts, confirmed, falseAlarms, escalated] = [
        c?.alerts ?? 0,
        c?.confirmed ?? 0,
        c?.falseAlarms ?? 0,
        c?.escalated ?? 0,
      ].map(Number) as [number, number, number, number];
      const verified = confirmed + falseAlarms + escalated;
      return {
        id: r.id,
        kind: r.kind as HealthRuleKind,
        name: r.name,
        regionCode: r.regionCode,
        params: r.params,
        enabled: r.enabled,
        editable: covers(auth.scope, { regionCode: r.regionCode }),
        updatedAt: r.updatedAt.toISOString(),
        counts: {
          alerts,
          confirmed,
          falseAlarms,
          escalated,
          pending: alerts - verified,
          falseRate: verified ? falseAlarms / verified : null,
        },
      };
    });
  }

  private async ruleInScope(auth: AuthContext, id: string) {
    const [r] = await this.deps.db
      .select()
      .from(healthRules)
      .where(and(eq(healthRules.id, id), this.ruleVisible(auth)));
    if (!r) throw notFound('health.not_found');
    return r;
  }

  async createRule(auth: AuthContext, actor: Actor, b: RuleCreate): Promise<RuleView> {
    if (!covers(auth.scope, { regionCode: b.regionCode }))
      throw new DomainError('health.region_out_of_scope', {
        status: 403,
        errors: [{ pointer: '/body/regionCode', code: 'health.region_out_of_scope' }],
      });
    const params = this.paramsOrThrow(b.kind, b.params);
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const [r] = await tx
        .insert(healthRules)
        .values({
          kind: b.kind,
          name: b.name,
          regionCode: b.regionCode,
          params,
          enabled: b.enabled,
          updatedBy: auth.userId,
        })
        .returning();
      uow.audit({
        action: 'health.rule_create',
        entityType: 'health_rule',
        entityId: r!.id,
        regionCode: b.regionCode,
        summary: `health rule ${b.kind}: ${b.name}`,
        detail: { kind: b.kind, params, enabled: b.enabled },
      });
      return r!;
    });
    return (await this.ruleViews(auth, [row]))[0]!;
  }

  async updateRule(auth: AuthContext, actor: Actor, id: string, b: RulePatch): Promise<RuleView> {
    const r = await this.ruleInScope(auth, id);
    if (!covers(auth.scope, { regionCode: r.regionCode }))
      throw new DomainError('health.region_out_of_scope', { status: 403 });
    const params = b.params ? this.paramsOrThrow(r.kind as HealthRuleKind, b.params) : r.params;
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const [u] = await tx
        .update(healthRules)
        .set({
          name: b.name ?? r.name,
          params,
          enabled: b.enabled ?? r.enabled,
          updatedAt: this.now(),
          updatedBy: auth.userId,
        })
        .where(eq(healthRules.id, id))
        .returning();
      uow.audit({
        action: 'health.rule_update',
        entityType: 'health_rule',
        entityId: id,
        regionCode: r.regionCode,
        summary: `health rule ${r.kind}: ${u!.name}${u!.enabled ? '' : ' (disabled)'}`,
        detail: {
          before: { name: r.name, params: r.params, enabled: r.enabled },
          after: { name: u!.name, params, enabled: u!.enabled },
        },
      });
      return u!;
    });
    return (await this.ruleViews(auth, [row]))[0]!;
  }

  /** The evaluator at the service clock (the schedule), or at a given time (tests). */
  evaluate(at: Date = this.now()): Promise<number> {
    return evaluateRules(this.deps, at);
  }
}
