import { and, eq } from 'drizzle-orm';
import { districtOf } from './service.rules.ts';
import type { AuthzFixtures } from '../../platform/module.ts';
import { elders } from '../elder/elder.table.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import type { ServiceAgreements } from './service.agreements.ts';
import type { ProviderContracts } from './service.contracts.ts';
import { catalogueRepo } from './service.repo.ts';

/**
 * Authorization-walk fixtures (test/authz.int.test.ts): a catalogue item of the county (`WALKVICTIM01`), a
 * provider of the victim community with two contracts serving only that community (one for the owner to
 * terminate), and three agreements of the victim elder (the elder module's fixture) with it: a draft to
 * edit, a draft to sign and a signed one to end.
 */
export const serviceAuthz: AuthzFixtures<
  { providerContracts: ProviderContracts; serviceAgreements: ServiceAgreements },
  object
> = async (w, s) => {
  const db = w.platform.db;
  const actor = { userId: w.victim.userId, name: 'test' };
  const item = await catalogueRepo(db).insert({
    districtCode: districtOf(w.victim.regionCode),
    code: 'WALKVICTIM01',
    category: 'errands',
    subItem: 'shopping',
    name: '受害代购',
    nameEn: 'Victim shopping',
    unit: 'visit',
    durationMinutes: 30,
    priceCents: 2000,
    validFrom: '2000-01-01',
  });
  const provider = await organisationRepo(db).insert({
    name: '受害服务机构',
    type: 'provider',
    regionCode: w.victim.regionCode,
  });
  const contract = (number: string) =>
    s.providerContracts.create(w.victim.auth, actor, {
      organisationId: provider.id,
      number,
      regionCodes: [w.victim.regionCode],
      itemCodes: [item.code],
      validFrom: '2000-01-01',
      validTo: '2099-12-31',
    });
  const kept = await contract('HT-WALK-1');
  const ended = await contract('HT-WALK-2');
  const [elder] = await db
    .select({ id: elders.id })
    .from(elders)
    .where(and(eq(elders.regionCode, w.victim.regionCode), eq(elders.name, '受害老人')));
  const draft = () =>
    s.serviceAgreements.create(w.victim.auth, actor, {
      elderId: elder!.id,
      organisationId: provider.id,
      itemCodes: [item.code],
      validFrom: '2026-01-01',
    });
  const edited = await draft();
  const toSign = await draft();
  const toEnd = await draft();
  await s.serviceAgreements.sign(w.victim.auth, actor, toEnd.id, { version: 1, signerKind: 'elder' });
  return {
    'victim.serviceItemId': item.id,
    'victim.serviceProviderId': provider.id,
    'victim.contractId': kept.id,
    'victim.endedContractId': ended.id,
    'victim.agreementId': edited.id,
    'victim.draftAgreementId': toSign.id,
    'victim.signedAgreementId': toEnd.id,
  };
};
