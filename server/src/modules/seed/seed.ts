import { sql } from 'drizzle-orm';
import { toRegionCode, type RoleCode } from '@yiyang/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';
import { transact } from '../../platform/uow.ts';
import type { AnyModule, DemoDistrict } from '../../platform/module.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { modules } from '../index.ts';
import { organisationRepo } from '../organisation/organisation.repo.ts';
import { addDays, todayIso } from '../../platform/dates.ts';
import { staffRepo } from '../staff/staff.repo.ts';
import { regionRepo } from '../region/region.repo.ts';
import { RegionService } from '../region/region.service.ts';
import { userRepo } from '../user/user.repo.ts';
import { users } from '../user/user.table.ts';

export type DemoAccount = DemoDistrict['accounts'][number];

/**
 * Seeds the demo district into an empty database (PRODUCT.md §9): the real
 * division tree of the county, its bureau, a street office, a community
 * committee, a provider, an assessment agency, and one account per role.
 * Then every module of `list` adds its demo data (its manifest's `seed`), in list order.
 */
export async function seedDemo(
  p: Platform,
  list: readonly AnyModule[] = modules,
): Promise<DemoAccount[] | null> {
  const [{ n } = { n: 0 }] = await p.db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (n > 0) return null;
  const county = p.config.DEMO_COUNTY;
  const countyCode = toRegionCode(county);
  await new RegionService({ db: p.db, bus: p.bus }).importCounty(SYSTEM_ACTOR, county);

  const regions = await regionRepo(p.db).listUnder(county);
  const countyName = regions.find((r) => r.code === countyCode)?.name ?? county;
  // The first street with a community and a village gives a realistic mix; fall back to any town.
  const towns = regions.filter((r) => r.level === 'town').sort((a, b) => a.code.localeCompare(b.code));
  const children = (code: string) => regions.filter((r) => r.parentCode === code);
  const street =
    towns.find((t) => t.kind === 'street' && children(t.code).some((c) => c.kind === 'community')) ??
    towns[0]!;
  const community = children(street.code).find((c) => c.kind === 'community') ?? children(street.code)[0]!;
  const town =
    towns.find((t) => t.kind !== 'street' && children(t.code).some((c) => c.kind === 'village')) ?? street;
  const village = children(town.code).find((c) => c.kind === 'village') ?? community;

  const password = await hashPassword(p.config.DEMO_PASSWORD);
  const { accounts, agencyId } = await transact({ db: p.db, bus: p.bus }, SYSTEM_ACTOR, async (tx, uow) => {
    const orgs = organisationRepo(tx);
    const bureau = await orgs.insert({
      name: `${countyName}民政局`,
      type: 'civil_affairs_bureau',
      regionCode: countyCode,
    });
    const streetOffice = await orgs.insert({
      name: `${street.name}办事处`,
      type: 'street_office',
      regionCode: street.code,
    });
    const committee = await orgs.insert({
      name: community.name,
      type: 'community_committee',
      regionCode: community.code,
    });
    const provider = await orgs.insert({
      name: `${street.name}养老服务中心`,
      type: 'provider',
      regionCode: street.code,
      operatingMode: 'public_built_private_run',
    });
    const agency = await orgs.insert({
      name: `${countyName}老年人能力评估中心`,
      type: 'assessment_agency',
      regionCode: countyCode,
    });

    const accounts: {
      username: string;
      displayName: string;
      role: RoleCode;
      regionCode: string | null;
      organisationId: string | null;
      scope: string;
    }[] = [
      {
        username: 'admin',
        displayName: `${countyName}民政局管理员`,
        role: 'bureau_admin',
        regionCode: countyCode,
        organisationId: bureau.id,
        scope: countyName,
      },
      {
        username: 'street',
        displayName: `${street.name}干部`,
        role: 'street_officer',
        regionCode: street.code,
        organisationId: streetOffice.id,
        scope: street.name,
      },
      {
        username: 'community',
        displayName: `${community.name}社工`,
        role: 'community_worker',
        regionCode: community.code,
        organisationId: committee.id,
        scope: community.name,
      },
      {
        username: 'village',
        displayName: `${village.name}网格员`,
        role: 'community_worker',
        regionCode: village.code,
        organisationId: null,
        scope: village.name,
      },
      {
        username: 'provider',
        displayName: `${provider.name}管理员`,
        role: 'provider_admin',
        regionCode: null,
        organisationId: provider.id,
        scope: provider.name,
      },
      {
        username: 'caregiver',
        displayName: '护理员王芳',
        role: 'caregiver',
        regionCode: null,
        organisationId: provider.id,
        scope: provider.name,
      },
      {
        // 评估机构负责人: the agency, and the county it is contracted for (to see applications to assign).
        username: 'lead',
        displayName: '评估中心主任周静',
        role: 'assessment_lead',
        regionCode: countyCode,
        organisationId: agency.id,
        scope: `${agency.name}（${countyName}）`,
      },
      {
        username: 'assessor',
        displayName: '评估员李强',
        role: 'assessor',
        regionCode: null,
        organisationId: agency.id,
        scope: agency.name,
      },
      {
        username: 'assessor2',
        displayName: '评估员陈芳',
        role: 'assessor',
        regionCode: null,
        organisationId: agency.id,
        scope: agency.name,
      },
      {
        // Certificate expired: assignment refuses this assessor (demo of the 422).
        username: 'assessor3',
        displayName: '评估员赵敏',
        role: 'assessor',
        regionCode: null,
        organisationId: agency.id,
        scope: `${agency.name}（证书已过期）`,
      },
      {
        username: 'hotline',
        displayName: '12349 坐席',
        role: 'hotline_operator',
        regionCode: countyCode,
        organisationId: bureau.id,
        scope: countyName,
      },
      {
        username: 'volunteer',
        displayName: '志愿者陈晨',
        role: 'volunteer',
        regionCode: community.code,
        organisationId: null,
        scope: community.name,
      },
      {
        username: 'elder',
        displayName: '老人张秀英',
        role: 'elder',
        regionCode: community.code,
        organisationId: null,
        scope: community.name,
      },
      {
        username: 'family',
        displayName: '家属张伟',
        role: 'family_member',
        regionCode: community.code,
        organisationId: null,
        scope: community.name,
      },
      {
        username: 'inspector',
        displayName: '监管员赵敏',
        role: 'inspector',
        regionCode: countyCode,
        organisationId: null,
        scope: countyName,
      },
    ];
    const repo = userRepo(tx);
    const today = todayIso(new Date());
    for (const a of accounts) {
      const u = await repo.insert(
        {
          username: a.username,
          displayName: a.displayName,
          passwordHash: password,
          regionCode: a.regionCode,
          organisationId: a.organisationId,
        },
        [a.role],
      );
      if (a.role === 'assessor') {
        const expired = a.username === 'assessor3';
        await staffRepo(tx).insert({
          userId: u.id,
          organisationId: agency.id,
          kind: 'assessor',
          number: `CQ-PG-${a.username.toUpperCase()}`,
          issuer: '重庆市民政局',
          issuedOn: addDays(today, expired ? -1500 : -800),
          expiresOn: addDays(today, expired ? -30 : 1100),
        });
      }
    }
    uow.audit({
      action: 'seed.demo',
      entityType: 'deployment',
      regionCode: countyCode,
      summary: `初始化演示数据：${countyName}`,
      detail: { county, accounts: accounts.map((a) => a.username) },
    });
    return {
      accounts: accounts.map((a) => ({ username: a.username, role: a.role, scope: a.scope })),
      agencyId: agency.id,
    };
  });

  const demo: DemoDistrict = {
    countyCode,
    countyName,
    regions: regions.map((r) => ({ code: r.code, level: r.level })),
    communityCode: community.code,
    villageCode: village.code,
    agencyId,
    accounts,
  };
  // The modules' demo data: elders, then assessments for some of them, …
  for (const m of list) await m.seed?.(p, demo);
  return accounts;
}
