import type { OperatingMode } from '@yiyang/contracts';
import type { Platform } from '../../platform/context.ts';
import type { DemoDistrict } from '../../platform/module.ts';
import { syntheticCoordinates } from '../elder/index.ts';
import { regionsUnder } from '../region/index.ts';
import { COVERAGE_PLANS } from './facility.plan.ts';
import { facilityRepo, type FacilityInsert } from './facility.repo.ts';

/**
 * `000_…` 附件2 and 附件3 as entered by the district (issue 18 §4): per street/town in the plan's order,
 * [street centres existing, 2020, community stations existing, 2020] and [town centres existing, 2020, 2021,
 * village points existing, 2020, 2021]. The communities and villages themselves come from the NBS tree
 * (its counts for these 21 units are the plan's: 79 and 302).
 */
const TABLE2: Record<string, [number, number, number, number]> = {
  '001': [1, 0, 10, 2],
  '002': [0, 1, 8, 4],
  '003': [0, 1, 6, 0],
  '006': [0, 1, 0, 1],
  '007': [0, 1, 4, 2],
  '108': [0, 0, 2, 0],
  '109': [0, 0, 1, 3],
  '110': [0, 0, 2, 3],
  '111': [0, 0, 6, 0],
  '112': [0, 0, 1, 4],
  '113': [0, 0, 2, 1],
  '114': [0, 0, 2, 0],
  '115': [0, 0, 1, 0],
  '116': [0, 0, 1, 0],
  '117': [0, 0, 1, 1],
  '118': [0, 0, 0, 1],
  '119': [0, 0, 4, 1],
  '120': [0, 0, 1, 0],
  '121': [0, 0, 1, 0],
  '123': [0, 0, 1, 0],
  '124': [0, 0, 1, 0],
};
const TABLE3: Record<string, [number, number, number, number, number, number]> = {
  '001': [0, 0, 0, 11, 0, 0],
  '002': [0, 0, 0, 3, 4, 0],
  '003': [0, 0, 0, 7, 11, 0],
  '006': [0, 0, 0, 8, 0, 0],
  '007': [0, 0, 0, 1, 6, 0],
  '108': [0, 1, 0, 8, 24, 0],
  '109': [0, 1, 0, 8, 12, 0],
  '110': [1, 0, 0, 21, 0, 0],
  '111': [0, 1, 0, 5, 6, 0],
  '112': [0, 0, 1, 4, 0, 11],
  '113': [0, 1, 0, 6, 24, 0],
  '114': [1, 0, 0, 19, 0, 0],
  '115': [0, 1, 0, 4, 13, 0],
  '116': [0, 0, 1, 5, 0, 16],
  '117': [0, 1, 0, 2, 12, 0],
  '118': [0, 0, 1, 3, 0, 4],
  '119': [0, 0, 1, 3, 0, 7],
  '120': [1, 0, 0, 15, 0, 0],
  '121': [1, 0, 0, 8, 0, 0],
  '123': [0, 0, 1, 4, 0, 1],
  '124': [1, 0, 0, 6, 0, 0],
};

/** A small deterministic hash: the demo's areas, beds and modes vary but are the same at every seed. */
function h(text: string): number {
  let x = 2166136261;
  for (const c of text) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return (x >>> 0) % 1000;
}

const shortName = (n: string) => n.replace(/(村民委员会|居民委员会|居委会)$/, '');
const ALL_STATION_ZONES = ['leisure', 'education', 'daily_care', 'health', 'meals'];
const STREET_ZONES = [
  'leisure',
  'education',
  'daily_care',
  'health',
  'humanistic_care',
  'residential_care',
  'management',
];
const TOWN_ZONES = ['leisure', 'daily_care', 'residential_care', 'medical_rehab'];

/** When a planned facility opened (2020/2021 plans): a date in that year; every fourth 2021 one is still being built. */
function lifecycle(
  year: number | null,
  i: number,
): Pick<FacilityInsert, 'status' | 'openedOn' | 'plannedYear'> {
  if (year === null) return { status: 'operating', openedOn: null, plannedYear: null };
  if (year >= 2021 && i % 4 === 3) return { status: 'building', openedOn: null, plannedYear: year };
  const month = String(3 + (i % 9)).padStart(2, '0');
  return { status: 'operating', openedOn: `${year}-${month}-15`, plannedYear: year };
}

/** The demo district's facilities: `000_…`'s centres, stations and points (existing, planned per year). */
export async function seedFacilities(p: Platform, demo: DemoDistrict): Promise<void> {
  const plan = COVERAGE_PLANS[demo.countyCode.slice(0, 6)];
  if (!plan) return;
  const regions = (await regionsUnder(p.db, plan.county)).filter((r) => r.retiredAt === null);
  const kids = (unit: string, kind: string) =>
    regions
      .filter((r) => r.parentCode === unit && r.kind === kind)
      .map((r) => ({ code: r.code, name: shortName(r.name) }))
      .sort((a, b) => a.code.localeCompare(b.code));
  const ctx: UnitContext = {
    kids,
    nameOf: new Map(regions.map((r) => [r.code, r.name])),
    demoStreet: `${demo.communityCode.slice(0, 9)}000`,
    providerId: demo.providerIds[0] ?? null,
  };
  await p.db.transaction(async (tx) => {
    const repo = facilityRepo(tx);
    const coverage: { facilityId: string; regionCode: string; validFrom: string }[] = [];
    for (const unit of plan.units) coverage.push(...(await seedUnit(repo, unit, ctx)));
    await repo.addCoverage(coverage);
  });
}

interface UnitContext {
  kids: (unit: string, kind: string) => { code: string; name: string }[];
  nameOf: Map<string, string>;
  demoStreet: string;
  providerId: string | null;
}

type Repo = ReturnType<typeof facilityRepo>;

/** One street or town of the plan: its centre, then the stations and points the centre runs. */
async function seedUnit(repo: Repo, unit: string, ctx: UnitContext) {
  const u = unit.slice(6, 9);
  const [sE, s20, stE, st20] = TABLE2[u]!;
  const [tE, t20, t21, pE, p20, p21] = TABLE3[u]!;
  const unitName = ctx.nameOf.get(unit) ?? unit;
  const isStreet = u < '100';
  // The centre (at most one per unit in this plan), then the stations and points it runs.
  const centreYear = sE || tE ? null : s20 || t20 ? 2020 : t21 ? 2021 : undefined;
  let centreId: string | null = null;
  if (centreYear !== undefined) {
    const k = h(unit);
    const [centre] = await repo.insertMany([
      {
        tier: isStreet ? 'street_centre' : 'town_centre',
        name: `${unitName}养老服务中心`,
        regionCode: unit,
        ...syntheticCoordinates(ctx.kids(unit, 'community')[0]?.code ?? unit, 7000),
        floorAreaM2: isStreet ? 1200 + (k % 7) * 100 : 650 + (k % 6) * 90,
        beds: isStreet ? 18 + (k % 4) * 6 : 20 + (k % 5) * 10,
        nursingBeds: isStreet ? 10 + (k % 3) * 4 : (k % 4) * 8,
        zones: isStreet ? STREET_ZONES : TOWN_ZONES,
        services: ['生活照料', '医疗康复', '精神慰藉', '短期托养', '长期照护'],
        operatingMode: 'public_built_private_run',
        operatorOrgId: unit === ctx.demoStreet ? ctx.providerId : null,
        openingHours: '08:00-18:00',
        ...lifecycle(centreYear, k),
      },
    ]);
    centreId = centre!.id;
  }
  const communities = ctx.kids(unit, 'community');
  const stations = stE + st20;
  const stationRows: { row: FacilityInsert; serves: string[] }[] = [];
  for (let i = 0; i < stations; i++) {
    const c = communities[i]!;
    // Fewer stations than communities (文龙: 13 and 12): the last station serves the last two.
    const serves = i === stations - 1 ? communities.slice(i).map((x) => x.code) : [c.code];
    stationRows.push({ serves, row: stationRow(c, centreId, i < stE ? null : 2020) });
  }
  const villages = ctx.kids(unit, 'village');
  const pointRows: { row: FacilityInsert; serves: string[] }[] = villages
    .slice(0, pE + p20 + p21)
    .map((v, i) => {
      const k = h(v.code);
      const year = i < pE ? null : i < pE + p20 ? 2020 : 2021;
      return {
        serves: [v.code],
        row: {
          tier: 'village_point',
          name: `${v.name}互助养老点`,
          regionCode: v.code,
          ...syntheticCoordinates(v.code, 7002),
          floorAreaM2: 60 + (k % 13) * 10,
          zones: ['leisure', 'daily_care'],
          services: ['邻里互助', '定期探访', '亲情联络'],
          operatingMode: (k % 10 < 6 ? 'social_operation' : 'government_run') satisfies OperatingMode,
          parentCentreId: centreId,
          ...lifecycle(year, k),
        },
      };
    });
  const all = [...stationRows, ...pointRows];
  const made = await repo.insertMany(all.map((a) => a.row));
  return made.flatMap((f, i) =>
    all[i]!.serves.map((regionCode) => ({
      facilityId: f.id,
      regionCode,
      validFrom: f.openedOn ?? (f.plannedYear ? `${f.plannedYear}-12-31` : '2020-01-01'),
    })),
  );
}

function stationRow(
  c: { code: string; name: string },
  centreId: string | null,
  year: number | null,
): FacilityInsert {
  const k = h(c.code);
  return {
    tier: 'community_station',
    name: `${c.name}养老服务站`,
    regionCode: c.code,
    ...syntheticCoordinates(c.code, 7001),
    floorAreaM2: 180 + (k % 25) * 10,
    beds: k % 3 === 0 ? 0 : 4 + (k % 5) * 2,
    nursingBeds: 0,
    zones: k % 5 === 0 ? ALL_STATION_ZONES.filter((z) => z !== 'health') : ALL_STATION_ZONES,
    services: ['文体娱乐', '日间照料', '助餐', '居家上门'],
    operatingMode: (k % 10 < 9 ? 'public_built_private_run' : 'government_run') satisfies OperatingMode,
    openingHours: '08:30-17:30',
    parentCentreId: centreId,
    ...lifecycle(year, k),
  };
}
