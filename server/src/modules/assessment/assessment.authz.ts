import { cnIdCheckChar } from '../elder/idNumber.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import { userRepo } from '../user/user.repo.ts';
import type { AuthzFixtures } from '../../platform/module.ts';
import { GBT_42195_2022 } from './standards/index.ts';

/**
 * Authorization-walk fixtures (test/authz.int.test.ts; loaded by assessment.module.ts only when the
 * walk runs): the victim community's assessment world, made through the API as in real use: an
 * assessment agency of the community, two certified assessors of it, a published assessment (elder 2)
 * and an open one (elder 3). The victim elder itself keeps no open assessment, so the owner's probes
 * can apply for it, and the published one's elder none, so they can dispute it.
 */
export const assessmentAuthz: AuthzFixtures<object, object> = async (w) => {
  const db = w.platform.db;
  const regionCode = w.victim.regionCode;
  const { owner } = w;
  const ok = (res: { statusCode: number; body: string }, what: string) => {
    if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { id: string; status?: string };
  };
  const agency = await organisationRepo(db).insert({
    name: '受害社区评估站',
    type: 'assessment_agency',
    regionCode,
  });
  const assessorIds: string[] = [];
  const certificateIds: string[] = [];
  for (const username of ['vic_assessor', 'vic_assessor2']) {
    const u = await userRepo(db).insert(
      {
        username,
        displayName: username,
        passwordHash: w.passwordHash,
        regionCode,
        organisationId: agency.id,
      },
      ['assessor'],
    );
    assessorIds.push(u.id);
    const c = await owner.post(`/api/v1/staff/${u.id}/certificates`, {
      kind: 'assessor',
      number: `VIC-${username}`,
      issuedOn: '2025-01-01',
      expiresOn: '2099-12-31',
    });
    certificateIds.push(ok(c, 'certificate').id);
  }
  const [first, second] = [
    await w.login('vic_assessor', w.password),
    await w.login('vic_assessor2', w.password),
  ];
  const elder = async (name: string, first17: string) =>
    ok(
      await owner.post('/api/v1/elders', {
        name,
        idType: 'resident_id',
        idNumber: first17 + cnIdCheckChar(first17),
        regionCode,
        householdLocal: true,
      }),
      'elder',
    ).id;
  const apply = async (elderId: string) =>
    ok(await owner.post('/api/v1/assessments', { elderId, reason: 'initial', source: 'family' }), 'apply').id;
  const assessedElderId = await elder('受害老人二', '65010219440101123');
  const publishedId = await apply(assessedElderId);
  ok(
    await owner.post(`/api/v1/assessments/${publishedId}/assign`, { agencyId: agency.id, assessorIds }),
    'assign',
  );
  const answers = Object.fromEntries(GBT_42195_2022.items.map((i) => [i.code, i.options[0]!.value]));
  ok(
    await first.request('PUT', `/api/v1/assessments/${publishedId}/form`, {
      baseRevision: 0,
      clientSavedAt: new Date(Date.now() - 60_000).toISOString(),
      answers,
      basicInfo: { 'A.2.9': 'senior_high' },
    }),
    'form',
  );
  ok(await first.post(`/api/v1/assessments/${publishedId}/submit`, {}), 'submit');
  ok(await first.post(`/api/v1/assessments/${publishedId}/sign`, {}), 'sign');
  const published = ok(await second.post(`/api/v1/assessments/${publishedId}/sign`, {}), 'co-sign');
  if (published.status !== 'published') throw new Error(`co-sign: status ${published.status}`);
  const openElderId = await elder('受害老人三', '65010219450202123');
  const openId = await apply(openElderId);
  return {
    'victim.agencyId': agency.id,
    'victim.assessorId': assessorIds[0]!,
    'victim.assessor2Id': assessorIds[1]!,
    'victim.certificateId': certificateIds[0]!,
    'victim.publishedAssessmentId': publishedId,
    'victim.assessmentId': openId,
    'victim.assessedElderId': assessedElderId,
    'victim.openElderId': openElderId,
  };
};
