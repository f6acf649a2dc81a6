import type { AuthzFixtures } from '../../platform/module.ts';
import { cnIdCheckChar } from '../elder/idNumber.ts';
import { healthAlerts } from './health.table.ts';
import type { HealthService } from './health.service.ts';

/**
 * Authorization-walk fixtures: an elder of the victim community with a reading, two rules of the victim
 * community, an open alert (claim, resolve) and one being verified (escalate).
 */
export const healthAuthz: AuthzFixtures<{ health: HealthService }, object> = async (w) => {
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`health authz ${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { id: string };
  };
  const first17 = '65010219480808432';
  const elder = ok(
    await w.owner.post('/api/v1/elders', {
      name: '受害体征老人',
      idType: 'resident_id',
      idNumber: first17 + cnIdCheckChar(first17),
      regionCode: w.victim.regionCode,
      householdLocal: true,
    }),
    'elder',
  ).id;
  const measuredAt = new Date(Date.now() - 3_600_000).toISOString();
  ok(
    await w.owner.post(`/api/v1/elders/${elder}/vital-signs`, { kind: 'heart_rate', value: 130, measuredAt }),
    'vital',
  );
  const rule = async (name: string) =>
    ok(
      await w.owner.post('/api/v1/health-rules', {
        kind: 'vital_threshold',
        name,
        regionCode: w.victim.regionCode,
        params: {},
      }),
      'rule',
    ).id;
  const ruleA = await rule('受害规则甲');
  const ruleB = await rule('受害规则乙');
  const alert = async (ruleId: string, status: string) => {
    const [a] = await w.platform.db
      .insert(healthAlerts)
      .values({
        ruleId,
        ruleKind: 'vital_threshold',
        elderId: elder,
        regionCode: w.victim.regionCode,
        triggerAt: new Date(measuredAt),
        openedAt: new Date(),
        evidence: { kind: 'heart_rate', flag: 'high' },
        status,
      })
      .returning({ id: healthAlerts.id });
    return a!.id;
  };
  return {
    'victim.healthElderId': elder,
    'victim.healthRuleId': ruleA,
    'victim.healthAlertId': await alert(ruleA, 'open'),
    'victim.healthVerifyingAlertId': await alert(ruleB, 'verifying'),
    'shared.healthMeasuredAt': measuredAt,
  };
};
