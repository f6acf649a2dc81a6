import { sql } from 'drizzle-orm';
import { toRegionCode, type RoleCode } from '@yiyang/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Platform } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
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

type Division = Awaited<ReturnType<ReturnType<typeof regionRepo>['listUnder']>>[number];
type OrgKey = 'bureau' | 'streetOffice' | 'committee' | 'provider' | 'provider2' | 'provider3' | 'agency';
type PlaceKey = 'county' | 'street' | 'community' | 'village';
/** The places and organisations the demo accounts belong to, by their names. */
interface Names {
  county: string;
  street: string;
  community: string;
  village: string;
  provider: string;
  provider2: string;
  provider3: string;
  agency: string;
}

/** One account per role (PRODUCT.md §9); where each lives and works is named, not coded. */
const DEMO_ACCOUNTS: {
  username: string;
  role: RoleCode;
  displayName: (n: Names) => string;
  region: PlaceKey | null;
  org: OrgKey | null;
  scope: (n: Names) => string;
}[] = [
  {
    username: 'admin',
    role: 'bureau_admin',
    displayName: (n) => `${n.county}民政局管理员`,
    region: 'county',
    org: 'bureau',
    scope: (n) => n.county,
  },
  {
    username: 'street',
    role: 'street_officer',
    displayName: (n) => `${n.street}干部`,
    region: 'street',
    org: 'streetOffice',
    scope: (n) => n.street,
  },
  {
    username: 'community',
    role: 'community_worker',
    displayName: (n) => `${n.community}社工`,
    region: 'community',
    org: 'committee',
    scope: (n) => n.community,
  },
  {
    username: 'village',
    role: 'community_worker',
    displayName: (n) => `${n.village}网格员`,
    region: 'village',
    org: null,
    scope: (n) => n.village,
  },
  {
    username: 'provider',
    role: 'provider_admin',
    displayName: (n) => `${n.provider}管理员`,
    region: null,
    org: 'provider',
    scope: (n) => n.provider,
  },
  {
    username: 'caregiver',
    role: 'caregiver',
    displayName: () => '护理员王芳',
    region: null,
    org: 'provider',
    scope: (n) => n.provider,
  },
  // Two more home-care providers (issue 14): the dispatcher of each, and one of its caregivers.
  {
    username: 'provider2',
    role: 'provider_admin',
    displayName: (n) => `${n.provider2}管理员`,
    region: null,
    org: 'provider2',
    scope: (n) => n.provider2,
  },
  {
    username: 'caregiver2',
    role: 'caregiver',
    displayName: () => '护理员刘梅',
    region: null,
    org: 'provider2',
    scope: (n) => n.provider2,
  },
  {
    username: 'provider3',
    role: 'provider_admin',
    displayName: (n) => `${n.provider3}管理员`,
    region: null,
    org: 'provider3',
    scope: (n) => n.provider3,
  },
  {
    username: 'caregiver3',
    role: 'caregiver',
    displayName: () => '护理员黄丽',
    region: null,
    org: 'provider3',
    scope: (n) => n.provider3,
  },
  // 评估机构负责人: the agency, and the county it is contracted for (to see applications to assign).
  {
    username: 'lead',
    role: 'assessment_lead',
    displayName: () => '评估中心主任周静',
    region: 'county',
    org: 'agency',
    scope: (n) => `${n.agency}（${n.county}）`,
  },
  {
    username: 'assessor',
    role: 'assessor',
    displayName: () => '评估员李强',
    region: null,
    org: 'agency',
    scope: (n) => n.agency,
  },
  {
    username: 'assessor2',
    role: 'assessor',
    displayName: () => '评估员陈芳',
    region: null,
    org: 'agency',
    scope: (n) => n.agency,
  },
  // Certificate expired: assignment refuses this assessor (demo of the 422).
  {
    username: 'assessor3',
    role: 'assessor',
    displayName: () => '评估员赵敏',
    region: null,
    org: 'agency',
    scope: (n) => `${n.agency}（证书已过期）`,
  },
  {
    username: 'hotline',
    role: 'hotline_operator',
    displayName: () => '12349 坐席',
    region: 'county',
    org: 'bureau',
    scope: (n) => n.county,
  },
  {
    username: 'supervisor',
    role: 'seat_supervisor',
    displayName: () => '12349 坐席班长',
    region: 'county',
    org: 'bureau',
    scope: (n) => n.county,
  },
  {
    username: 'dutyofficer',
    role: 'duty_officer',
    displayName: () => '区值班领导王强',
    region: 'county',
    org: 'bureau',
    scope: (n) => n.county,
  },
  {
    username: 'responder',
    role: 'responder',
    displayName: () => '社区响应员刘强',
    region: 'community',
    org: 'committee',
    scope: (n) => `${n.community}（派给本人的警情）`,
  },
  {
    username: 'responder2',
    role: 'responder',
    displayName: () => '街道响应员黄磊',
    region: 'street',
    org: 'streetOffice',
    scope: (n) => `${n.street}（派给本人的警情）`,
  },
  {
    username: 'volunteer',
    role: 'volunteer',
    displayName: () => '志愿者陈晨',
    region: 'community',
    org: null,
    scope: (n) => n.community,
  },
  {
    username: 'elder',
    role: 'elder',
    displayName: () => '老人张秀英',
    region: 'community',
    org: null,
    scope: (n) => n.community,
  },
  {
    username: 'family',
    role: 'family_member',
    displayName: () => '家属张伟',
    region: 'community',
    org: null,
    scope: (n) => n.community,
  },
  {
    username: 'inspector',
    role: 'inspector',
    displayName: () => '监管员赵敏',
    region: 'county',
    org: null,
    scope: (n) => n.county,
  },
];

/** More caregivers of the three providers (not listed at start; the staff module seeds their records). */
const DEMO_CAREGIVERS: {
  username: string;
  displayName: string;
  org: 'provider' | 'provider2' | 'provider3';
}[] = [
  { username: 'cg_1_2', displayName: '护理员孙丽', org: 'provider' },
  { username: 'cg_1_3', displayName: '护理员周建国', org: 'provider' },
  { username: 'cg_1_4', displayName: '护理员吴桂兰', org: 'provider' },
  { username: 'cg_2_2', displayName: '护理员郑红', org: 'provider2' },
  { username: 'cg_2_3', displayName: '护理员冯小燕', org: 'provider2' },
  { username: 'cg_3_2', displayName: '护理员何秀兰', org: 'provider3' },
  { username: 'cg_3_3', displayName: '护理员罗志强', org: 'provider3' },
];

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
  const places = demoPlaces(regions, countyCode, county);
  const password = await hashPassword(p.config.DEMO_PASSWORD);
  const { accounts, ...orgIds } = await transact({ db: p.db, bus: p.bus }, SYSTEM_ACTOR, async (tx, uow) => {
    const orgs = await demoOrganisations(tx, places);
    const { provider, provider2, provider3, agency } = orgs;
    const names: Names = { ...places.names, ...mapValues({ provider, provider2, provider3, agency }) };
    const codes: Record<PlaceKey, string> = {
      county: countyCode,
      street: places.street.code,
      community: places.community.code,
      village: places.village.code,
    };
    const repo = userRepo(tx);
    const today = todayIso(new Date());
    for (const a of DEMO_ACCOUNTS) {
      const u = await repo.insert(
        {
          username: a.username,
          displayName: a.displayName(names),
          passwordHash: password,
          regionCode: a.region ? codes[a.region] : null,
          organisationId: a.org ? orgs[a.org].id : null,
        },
        [a.role],
      );
      if (a.role === 'assessor') await demoCertificate(tx, u.id, orgs.agency.id, a.username, today);
    }
    for (const c of DEMO_CAREGIVERS)
      await repo.insert(
        {
          username: c.username,
          displayName: c.displayName,
          passwordHash: password,
          organisationId: orgs[c.org].id,
        },
        ['caregiver'],
      );
    uow.audit({
      action: 'seed.demo',
      entityType: 'deployment',
      regionCode: countyCode,
      summary: `初始化演示数据：${names.county}`,
      detail: {
        county,
        accounts: [...DEMO_ACCOUNTS.map((a) => a.username), ...DEMO_CAREGIVERS.map((c) => c.username)],
      },
    });
    return {
      accounts: DEMO_ACCOUNTS.map((a) => ({ username: a.username, role: a.role, scope: a.scope(names) })),
      agencyId: orgs.agency.id,
      providerIds: [provider.id, provider2.id, provider3.id],
    };
  });

  const demo: DemoDistrict = {
    countyCode,
    countyName: places.names.county,
    regions: regions.map((r) => ({ code: r.code, level: r.level })),
    communityCode: places.community.code,
    villageCode: places.village.code,
    ...orgIds,
    accounts,
  };
  // The modules' demo data: elders, then assessments for some of them, …
  for (const m of list) await m.seed?.(p, demo);
  return accounts;
}

const mapValues = <K extends string>(orgs: Record<K, { name: string }>) =>
  Object.fromEntries(Object.entries<{ name: string }>(orgs).map(([k, o]) => [k, o.name])) as Record<
    K,
    string
  >;

/** The first street with a community and a village gives a realistic mix; fall back to any town. */
function demoPlaces(regions: Division[], countyCode: string, county: string) {
  const countyName = regions.find((r) => r.code === countyCode)?.name ?? county;
  const towns = regions.filter((r) => r.level === 'town').sort((a, b) => a.code.localeCompare(b.code));
  const children = (code: string) => regions.filter((r) => r.parentCode === code);
  const street =
    towns.find((t) => t.kind === 'street' && children(t.code).some((c) => c.kind === 'community')) ??
    towns[0]!;
  const community = children(street.code).find((c) => c.kind === 'community') ?? children(street.code)[0]!;
  const town =
    towns.find((t) => t.kind !== 'street' && children(t.code).some((c) => c.kind === 'village')) ?? street;
  const village = children(town.code).find((c) => c.kind === 'village') ?? community;
  return {
    street,
    community,
    village,
    countyCode,
    names: { county: countyName, street: street.name, community: community.name, village: village.name },
  };
}

async function demoOrganisations(tx: Tx, places: ReturnType<typeof demoPlaces>) {
  const orgs = organisationRepo(tx);
  const { names } = places;
  return {
    bureau: await orgs.insert({
      name: `${names.county}民政局`,
      type: 'civil_affairs_bureau',
      regionCode: places.countyCode,
    }),
    streetOffice: await orgs.insert({
      name: `${names.street}办事处`,
      type: 'street_office',
      regionCode: places.street.code,
    }),
    committee: await orgs.insert({
      name: names.community,
      type: 'community_committee',
      regionCode: places.community.code,
    }),
    provider: await orgs.insert({
      name: `${names.street}养老服务中心`,
      type: 'provider',
      regionCode: places.street.code,
      operatingMode: 'public_built_private_run',
    }),
    provider2: await orgs.insert({
      name: `${names.county}福寿居家养老服务有限公司`,
      type: 'provider',
      regionCode: places.countyCode,
      operatingMode: 'social_operation',
    }),
    provider3: await orgs.insert({
      name: `${names.village.replace(/(村民委员会|居民委员会)$/, '')}互助养老服务站`,
      type: 'provider',
      regionCode: places.village.code,
      operatingMode: 'private_run_public_aid',
    }),
    agency: await orgs.insert({
      name: `${names.county}老年人能力评估中心`,
      type: 'assessment_agency',
      regionCode: places.countyCode,
    }),
  } satisfies Record<OrgKey, { id: string; name: string }>;
}

/** An assessor's certificate; `assessor3`'s has expired (assignment refuses it). */
async function demoCertificate(tx: Tx, userId: string, agencyId: string, username: string, today: string) {
  const expired = username === 'assessor3';
  await staffRepo(tx).insert({
    userId,
    organisationId: agencyId,
    kind: 'assessor',
    number: `CQ-PG-${username.toUpperCase()}`,
    issuer: '重庆市民政局',
    issuedOn: addDays(today, expired ? -1500 : -800),
    expiresOn: addDays(today, expired ? -30 : 1100),
  });
}
