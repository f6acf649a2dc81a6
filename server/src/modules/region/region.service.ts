import { regionPrefix, toRegionCode, type RegionImportSummary, type RegionLevel } from '@yiyang/contracts';
import type { AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError, forbidden, notFound } from '../../platform/errors.ts';
import { transact, type TransactDeps } from '../../platform/uow.ts';
import { regionRepo, type RegionRow } from './region.repo.ts';
import type { regionChanges, regions } from './region.table.ts';
import { CountyNotFoundError, loadCounty, type DivisionRecord } from './region.source.ts';
import { findOrganisation } from '../organisation/index.ts';

// NBS publication year of the bundled extract (docs/decisions/002-division-data.md).
export const DIVISION_VERSION = 2023;

export interface RegionView {
  code: string;
  name: string;
  level: string;
  kind: string;
  parentCode: string | null;
  urbanRuralCode: string | null;
  hasChildren: boolean;
}

const view = (r: RegionRow, hasChildren: boolean): RegionView => ({
  code: r.code,
  name: r.name,
  level: r.level,
  kind: r.kind,
  parentCode: r.parentCode,
  urbanRuralCode: r.urbanRuralCode,
  hasChildren,
});

export type ImportSummary = RegionImportSummary;

export class RegionService {
  constructor(private readonly deps: TransactDeps & { db: Db }) {}

  /**
   * The root of what a user may see of the division tree: their region, or for
   * organisation-bound users the region of their organisation.
   */
  async rootOf(auth: AuthContext): Promise<string | null> {
    if (auth.regionCode) return auth.regionCode;
    if (auth.organisationId)
      return (await findOrganisation(this.deps.db, auth.organisationId))?.regionCode ?? null;
    return null;
  }

  async children(auth: AuthContext, parent: string | undefined): Promise<RegionView[]> {
    const root = await this.rootOf(auth);
    if (!root) return [];
    const repo = regionRepo(this.deps.db);
    const prefix = regionPrefix(root);
    if (!parent) {
      const r = await repo.withChildFlag(root);
      return r ? [view(r.region, r.hasChildren)] : [];
    }
    // Above the root, the caller sees only the path to the root (no siblings).
    if (!parent.startsWith(prefix)) return [];
    const rows = await repo.children(parent, prefix);
    return rows.map((r) => view(r.region, r.hasChildren));
  }

  async get(auth: AuthContext, code: string) {
    const root = await this.rootOf(auth);
    if (!root || !code.startsWith(regionPrefix(root))) throw notFound('region.unknown', { code });
    const repo = regionRepo(this.deps.db);
    const r = await repo.withChildFlag(code);
    if (!r || r.region.retiredAt) throw notFound('region.unknown', { code });
    const ancestorCodes: string[] = [];
    for (let p = r.region.parentCode; p;) {
      ancestorCodes.unshift(p);
      const parent = await repo.find(p);
      p = parent?.parentCode ?? null;
    }
    const ancestors = await repo.findMany(ancestorCodes);
    ancestors.sort((a, b) => ancestorCodes.indexOf(a.code) - ancestorCodes.indexOf(b.code));
    const childCounts = await repo.countByKind(regionPrefix(code));
    delete childCounts[r.region.kind];
    return {
      ...view(r.region, r.hasChildren),
      divisionVersion: r.region.divisionVersion,
      ancestors: ancestors.map((a) => ({ code: a.code, name: a.name, level: a.level as RegionLevel })),
      childCounts,
      history: (await repo.changesOf(code)).map((c) => ({
        change: c.change,
        before: c.before,
        after: c.after,
        divisionVersion: c.divisionVersion,
        at: c.at.toISOString(),
      })),
    };
  }

  /** A user may import only a county inside a subtree at county level or above. */
  async importForUser(auth: AuthContext, actor: Actor, county: string): Promise<ImportSummary> {
    const prefix = auth.scope.regionPrefix;
    if (!prefix || prefix.length > 6 || !county.startsWith(prefix)) throw forbidden('auth.out_of_scope');
    return this.importCounty(actor, county);
  }

  /**
   * Imports one county from the bundled NBS extract. Re-importing records
   * renames, moves and retirements as history instead of overwriting
   * (PRODUCT.md §4.1: keep division history).
   */
  async importCounty(actor: Actor, countyCode: string): Promise<ImportSummary> {
    const records = await loadCountyOrRefuse(countyCode);
    const county = toRegionCode(countyCode.slice(0, 6));
    return transact(this.deps, actor, async (tx, uow) => {
      const repo = regionRepo(tx);
      const existing = new Map(
        (
          await repo.findMany(
            records.filter((r) => !r.code.startsWith(county.slice(0, 6))).map((r) => r.code),
          )
        )
          .concat(await repo.listUnder(county.slice(0, 6)))
          .map((r) => [r.code, r]),
      );
      const summary: ImportSummary = {
        county,
        total: records.length,
        created: 0,
        renamed: 0,
        moved: 0,
        retired: 0,
        unchanged: 0,
      };
      const inserts: (typeof regions.$inferInsert)[] = [];
      const changes: RegionChange[] = [];
      const seen = new Set<string>();
      for (const rec of records) {
        seen.add(rec.code);
        const old = existing.get(rec.code);
        if (!old) {
          inserts.push(divisionValues(rec));
          summary.created++;
          continue;
        }
        const patch = divisionPatch(old, rec, changes, summary);
        if (Object.keys(patch).length)
          await repo.update(rec.code, {
            ...patch,
            divisionVersion: DIVISION_VERSION,
            urbanRuralCode: rec.urbanRuralCode,
          });
        else summary.unchanged++;
      }
      for (const old of existing.values()) {
        if (!seen.has(old.code) && old.code.startsWith(county.slice(0, 6)) && !old.retiredAt) {
          await repo.update(old.code, { retiredAt: new Date() });
          changes.push(change(old.code, 'retired', old.name, null));
          summary.retired++;
        }
      }
      await repo.insertMany(inserts);
      // On a first import everything is new; on later ones a new code is history worth keeping.
      if (existing.size > 0) for (const i of inserts) changes.push(change(i.code, 'created', null, i.name));
      await repo.recordChanges(changes);
      uow.audit({
        action: 'region.import',
        entityType: 'region',
        entityId: county,
        regionCode: county,
        summary: `导入区划 ${county}：新增 ${summary.created}，更名 ${summary.renamed}，撤销 ${summary.retired}`,
        detail: { ...summary },
      });
      uow.emit('region.imported', { ...summary }, { regionCode: county });
      return summary;
    });
  }
}

type RegionChange = typeof regionChanges.$inferInsert;

/** The county's divisions from the bundled NBS extract; an unknown county is a 404 at `/body/county`. */
async function loadCountyOrRefuse(countyCode: string): Promise<DivisionRecord[]> {
  try {
    return await loadCounty(countyCode);
  } catch (err) {
    if (err instanceof CountyNotFoundError)
      throw new DomainError('region.county_not_found', {
        status: 404,
        params: { code: countyCode },
        errors: [{ pointer: '/body/county', code: 'region.county_not_found', params: { code: countyCode } }],
      });
    throw err;
  }
}

function divisionValues(rec: DivisionRecord) {
  return {
    code: rec.code,
    name: rec.name,
    level: rec.level,
    kind: rec.kind,
    parentCode: rec.parentCode,
    urbanRuralCode: rec.urbanRuralCode,
    divisionVersion: DIVISION_VERSION,
  };
}

function change(code: string, kind: RegionChange['change'], before: string | null, after: string | null) {
  return { code, change: kind, before, after, divisionVersion: DIVISION_VERSION };
}

/** What a re-import changes in a known division (renamed, moved, restored), recorded as history. */
function divisionPatch(old: RegionRow, rec: DivisionRecord, changes: RegionChange[], summary: ImportSummary) {
  const patch: { name?: string; parentCode?: string | null; retiredAt?: null } = {};
  if (old.name !== rec.name) {
    patch.name = rec.name;
    changes.push(change(rec.code, 'renamed', old.name, rec.name));
    summary.renamed++;
  }
  if (old.parentCode !== rec.parentCode) {
    patch.parentCode = rec.parentCode;
    changes.push(change(rec.code, 'moved', old.parentCode, rec.parentCode));
    summary.moved++;
  }
  if (old.retiredAt) {
    patch.retiredAt = null;
    changes.push(change(rec.code, 'restored', null, rec.name));
  }
  return patch;
}
