import type { FacilityStatus, FacilityTier, OperatingMode } from '@yiyang/contracts';
import { CENTRE_TIERS } from '@yiyang/contracts';
import { covers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import { todayIso } from '../../platform/dates.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { conflict, DomainError, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { elderPositionBounds, servedEldersByCommunity } from '../elder/index.ts';
import { findOrganisation } from '../organisation/index.ts';
import { findRegion, regionsUnder } from '../region/index.ts';
import { buildPlanTable, COVERAGE_PLANS } from './facility.plan.ts';
import { facilityRepo, type FacilityRow } from './facility.repo.ts';
import type {
  FacilityClose,
  FacilityCreate,
  FacilityListQuery,
  FacilityUpdate,
  FacilityView,
} from './facility.schema.ts';
import { checkStandards } from './facility.standards.ts';
import { importFacilities } from './facility.import.ts';
import { insertOf, servesOf } from './facility.values.ts';

export type FacilityDeps = TransactDeps & { db: Db; now?: () => Date };

export interface FieldIssue {
  pointer: string;
  code: string;
  params?: Record<string, unknown>;
}

/** Margin around the district's known positions (elders' rounded homes, facilities): ≈ 5.5 km. */
export const DISTRICT_MARGIN_DEG = 0.05;

type Joined = { f: FacilityRow; regionName: string | null; operatorName: string | null };

export function viewOf({ f, regionName, operatorName }: Joined): FacilityView {
  return {
    id: f.id,
    tier: f.tier as FacilityTier,
    name: f.name,
    regionCode: f.regionCode,
    regionName,
    address: f.address,
    lat: f.lat,
    lng: f.lng,
    floorAreaM2: f.floorAreaM2,
    beds: f.beds,
    nursingBeds: f.nursingBeds,
    zones: f.zones,
    services: f.services,
    operatorOrgId: f.operatorOrgId,
    operatorName,
    operatingMode: f.operatingMode as OperatingMode | null,
    status: f.status as FacilityStatus,
    plannedYear: f.plannedYear,
    openedOn: f.openedOn,
    closedOn: f.closedOn,
    openingHours: f.openingHours,
    photos: f.photos,
    parentCentreId: f.parentCentreId,
    note: f.note,
    version: f.version,
    updatedAt: f.updatedAt.toISOString(),
  };
}

const place = (f: FacilityRow) => ({
  entityType: 'facility',
  entityId: f.id,
  regionCode: f.regionCode,
  organisationId: f.operatorOrgId,
});

/** The fields a check reads: a create, or an update merged over the stored row. */
export interface FacilityDraft {
  tier: string;
  name: string;
  regionCode: string;
  lat: number | null;
  lng: number | null;
  beds: number;
  nursingBeds: number;
  parentCentreId: string | null;
  operatorOrgId: string | null;
  serves: string[] | undefined;
}

/** The facility registry (issue 18 part A, decision 026). */
export class FacilityService {
  constructor(private readonly deps: FacilityDeps) {}

  private today(): string {
    return todayIso(this.deps.now?.() ?? new Date());
  }

  async list(auth: AuthContext, q: FacilityListQuery) {
    const { rows, total } = await facilityRepo(this.deps.db).list(auth, q, q.offset, q.limit);
    return { items: rows.map(viewOf), total };
  }

  async all(auth: AuthContext, q: Omit<FacilityListQuery, 'offset' | 'limit'>) {
    return (await facilityRepo(this.deps.db).all(auth, q)).map(viewOf);
  }

  private async load(auth: AuthContext, id: string): Promise<Joined> {
    const r = await facilityRepo(this.deps.db).findInScope(auth, id);
    if (!r) throw notFound('facility.not_found');
    return r;
  }

  /** The facility page: the row, its coverage rows, the stations it runs, and the standards checklist. */
  async get(auth: AuthContext, id: string) {
    const r = await this.load(auth, id);
    const repo = facilityRepo(this.deps.db);
    const coverage = await repo.coverageOf(id);
    const stations = await repo.stationsOf(id);
    const parent = r.f.parentCentreId ? await repo.findById(r.f.parentCentreId) : undefined;
    const elders = r.f.regionCode.endsWith('000')
      ? null
      : ((await servedEldersByCommunity(this.deps.db, r.f.regionCode)).get(r.f.regionCode) ?? 0);
    const { fewElders, items } = checkStandards(r.f, elders);
    return {
      ...viewOf(r),
      coverage: coverage.map((c) => ({
        regionCode: c.c.regionCode,
        regionName: c.regionName,
        validFrom: c.c.validFrom,
        validTo: c.c.validTo,
      })),
      stations: stations.map((s) => ({
        ...s,
        tier: s.tier as FacilityTier,
        status: s.status as FacilityStatus,
      })),
      parentCentreName: parent?.name ?? null,
      standards: { elders, fewElders, items },
    };
  }

  /** The district box: known positions of the county (elders' rounded homes, facilities) plus a margin. */
  async districtBox(db: Executor, county: string) {
    const boxes = [await elderPositionBounds(db, county), await facilityRepo(db).bounds(county)].filter(
      (b) => b !== null,
    );
    if (boxes.length === 0) return null;
    return {
      minLat: Math.min(...boxes.map((b) => b.minLat)) - DISTRICT_MARGIN_DEG,
      maxLat: Math.max(...boxes.map((b) => b.maxLat)) + DISTRICT_MARGIN_DEG,
      minLng: Math.min(...boxes.map((b) => b.minLng)) - DISTRICT_MARGIN_DEG,
      maxLng: Math.max(...boxes.map((b) => b.maxLng)) + DISTRICT_MARGIN_DEG,
    };
  }

  /**
   * Every problem of a draft (issue 18 "Bad input"), as field issues under `at(field)`: outside the caller's
   * scope, unknown region, nursing beds over beds, half a coordinate, coordinates outside the district, a
   * running centre that is not a centre. Duplicate names are the caller's (a database unique index too).
   */
  async check(
    db: Executor,
    auth: AuthContext,
    d: FacilityDraft,
    at: (field: string) => string,
    box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null | undefined,
  ): Promise<FieldIssue[]> {
    const out: FieldIssue[] = [];
    if (
      !covers({ regionPrefix: auth.scope.regionPrefix, organisationId: null }, { regionCode: d.regionCode })
    )
      out.push({ pointer: at('regionCode'), code: 'auth.out_of_scope' });
    else if (!(await findRegion(db, d.regionCode)))
      out.push({ pointer: at('regionCode'), code: 'region.unknown', params: { code: d.regionCode } });
    for (const [i, code] of (d.serves ?? []).entries()) {
      if (!covers({ regionPrefix: auth.scope.regionPrefix, organisationId: null }, { regionCode: code }))
        out.push({ pointer: `${at('serves')}/${i}`, code: 'auth.out_of_scope' });
      else if (!(await findRegion(db, code)))
        out.push({ pointer: `${at('serves')}/${i}`, code: 'region.unknown', params: { code } });
    }
    if (d.nursingBeds > d.beds)
      out.push({ pointer: at('nursingBeds'), code: 'facility.nursing_beds_exceed_beds' });
    if ((d.lat === null) !== (d.lng === null))
      out.push({ pointer: at(d.lat === null ? 'lat' : 'lng'), code: 'facility.coordinates_pair' });
    else if (d.lat !== null && d.lng !== null && box) {
      if (d.lat < box.minLat || d.lat > box.maxLat)
        out.push({ pointer: at('lat'), code: 'facility.outside_district' });
      if (d.lng < box.minLng || d.lng > box.maxLng)
        out.push({ pointer: at('lng'), code: 'facility.outside_district' });
    }
    if (d.parentCentreId) {
      const p = await facilityRepo(db).findById(d.parentCentreId);
      if (
        !p ||
        !CENTRE_TIERS.includes(p.tier as FacilityTier) ||
        p.regionCode.slice(0, 6) !== d.regionCode.slice(0, 6) ||
        !covers(auth.scope, { regionCode: p.regionCode })
      )
        out.push({ pointer: at('parentCentreId'), code: 'facility.parent_not_centre' });
    }
    if (d.operatorOrgId && !(await findOrganisation(db, d.operatorOrgId)))
      out.push({ pointer: at('operatorOrgId'), code: 'organisation.not_found' });
    return out;
  }

  private static refuse(issues: FieldIssue[]): never {
    const scope = issues.find((i) => i.code === 'auth.out_of_scope');
    if (scope) throw new DomainError('auth.out_of_scope', { status: 403, errors: [scope] });
    throw new DomainError(issues[0]!.code, { status: 422, params: issues[0]!.params, errors: issues });
  }

  async create(auth: AuthContext, actor: Actor, input: FacilityCreate) {
    const box = await this.districtBox(this.deps.db, input.regionCode.slice(0, 6));
    const draft = { ...insertOf(input, actor.userId), serves: input.serves } as FacilityDraft;
    const issues = await this.check(this.deps.db, auth, draft, (f) => `/body/${f}`, box);
    if (issues.length) FacilityService.refuse(issues);
    const today = this.today();
    const row = await transact(this.deps, actor, async (tx, uow) => {
      const repo = facilityRepo(tx);
      if (await repo.sameName(input.regionCode, input.name)) throw this.nameTaken(input);
      let f: FacilityRow;
      try {
        f = await repo.insert(insertOf(input, actor.userId));
      } catch (err) {
        if (isUniqueViolation(err)) throw this.nameTaken(input);
        throw err;
      }
      await repo.addCoverage(
        servesOf(input).map((regionCode) => ({ facilityId: f.id, regionCode, validFrom: today })),
      );
      uow.audit({
        action: 'facility.create',
        ...place(f),
        summary: `登记设施 ${f.name}`,
        detail: { tier: f.tier },
      });
      return f;
    });
    return this.get(auth, row.id);
  }

  private nameTaken(input: { name: string; regionCode: string }, pointer = '/body/name') {
    return conflict('facility.name_taken', { name: input.name, region: input.regionCode }, pointer);
  }

  async update(auth: AuthContext, actor: Actor, id: string, input: FacilityUpdate) {
    const cur = (await this.load(auth, id)).f;
    if (input.version !== cur.version) throw conflict('common.conflict', {}, '/body/version');
    const { version, serves, ...fields } = input;
    const merged = {
      ...cur,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    };
    const box = await this.districtBox(this.deps.db, merged.regionCode.slice(0, 6));
    const draft: FacilityDraft = { ...merged, serves };
    const issues = await this.check(this.deps.db, auth, draft, (f) => `/body/${f}`, box);
    if (merged.parentCentreId === id)
      issues.push({ pointer: '/body/parentCentreId', code: 'facility.parent_not_centre' });
    if (issues.length) FacilityService.refuse(issues);
    const today = this.today();
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = facilityRepo(tx);
      if ((fields.name || fields.regionCode) && (await repo.sameName(merged.regionCode, merged.name, id)))
        throw this.nameTaken(merged);
      let row: FacilityRow | undefined;
      try {
        row = await repo.update(id, version, fields);
      } catch (err) {
        if (isUniqueViolation(err)) throw this.nameTaken(merged);
        throw err;
      }
      if (!row) throw conflict('common.conflict', {}, '/body/version');
      if (serves) {
        const current = (await repo.coverageOf(id))
          .filter((c) => c.c.validTo === null)
          .map((c) => c.c.regionCode);
        const next = [...new Set(serves)];
        await repo.endCoverage(
          id,
          today,
          current.filter((c) => !next.includes(c)),
        );
        await repo.addCoverage(
          next
            .filter((c) => !current.includes(c))
            .map((regionCode) => ({ facilityId: id, regionCode, validFrom: today })),
        );
      }
      uow.audit({
        action: 'facility.update',
        ...place(row),
        summary: `修改设施 ${row.name}`,
        detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
      });
    });
    return this.get(auth, id);
  }

  /** Closes a facility on a date: its coverage ends then; it stays on record (rates as of earlier dates). */
  async close(auth: AuthContext, actor: Actor, id: string, input: FacilityClose) {
    const cur = (await this.load(auth, id)).f;
    if (
      !covers({ regionPrefix: auth.scope.regionPrefix, organisationId: null }, { regionCode: cur.regionCode })
    )
      throw new DomainError('auth.out_of_scope', { status: 403 });
    if (cur.status === 'closed') throw conflict('facility.already_closed', {}, '/body/closedOn');
    if (input.version !== cur.version) throw conflict('common.conflict', {}, '/body/version');
    if (cur.openedOn && input.closedOn < cur.openedOn)
      throw new DomainError('facility.closed_before_opened', {
        status: 422,
        errors: [{ pointer: '/body/closedOn', code: 'facility.closed_before_opened' }],
      });
    await transact(this.deps, actor, async (tx, uow) => {
      const repo = facilityRepo(tx);
      const row = await repo.update(id, input.version, { status: 'closed', closedOn: input.closedOn });
      if (!row) throw conflict('common.conflict', {}, '/body/version');
      await repo.endCoverage(id, input.closedOn);
      uow.audit({
        action: 'facility.close',
        ...place(row),
        summary: `停用设施 ${row.name}`,
        detail: { closedOn: input.closedOn, reason: input.reason },
      });
    });
    return this.get(auth, id);
  }

  /** Excel import, all or nothing (facility.import.ts). */
  async import(auth: AuthContext, actor: Actor, buf: Buffer) {
    return importFacilities(this.deps, this, auth, actor, buf, this.today());
  }

  /** `000_…` 附件2 or 附件3 from live data, for the caller's county. */
  async planTable(auth: AuthContext, table: '2' | '3') {
    const county = (auth.scope.regionPrefix ?? '').slice(0, 6);
    const plan = COVERAGE_PLANS[county];
    if (!plan || county.length < 6) throw notFound('facility.no_plan');
    const repo = facilityRepo(this.deps.db);
    const regions = await regionsUnder(this.deps.db, county);
    const t = plan.tables[table];
    const unitCounts = new Map<string, number>();
    for (const r of regions)
      if (r.retiredAt === null && r.kind === t.unitKind) {
        const unit = `${r.code.slice(0, 9)}000`;
        unitCounts.set(unit, (unitCounts.get(unit) ?? 0) + 1);
      }
    return buildPlanTable(plan, table, {
      names: new Map(regions.map((r) => [r.code, r.name])),
      unitCounts,
      counts: await repo.planCounts(county),
    });
  }
}
