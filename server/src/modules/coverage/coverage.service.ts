import { regionPrefix } from '@yiyang/contracts';
import { assertCovers, type AuthContext } from '../../platform/access.ts';
import type { Actor } from '../../platform/audit.ts';
import type { FieldCipher } from '../../platform/crypto.ts';
import { todayIso } from '../../platform/dates.ts';
import type { Db } from '../../platform/db.ts';
import { DomainError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { badCursor, decodeCursor, page } from '../../platform/pagination.ts';
import { transact } from '../../platform/uow.ts';
import type { Config } from '../../config.ts';
import { exactHomePositionsUnder, INACTIVE_STATUSES } from '../elder/index.ts';
import { operatingFacilitiesIn } from '../facility/index.ts';
import { findRegion, regionChildren, regionsUnder } from '../region/index.ts';
import { circleRadiusM, shareWithin, type WalkModel } from './coverage.circle.ts';
import {
  byElder,
  candidateCovers,
  communityCentres,
  computeCircle,
  suggestSites,
  tally,
} from './coverage.compute.ts';
import { LocalProjection, meanLat } from './coverage.grid.ts';
import { ratesOf } from './coverage.rates.ts';
import { coverageRepo, outsideRepo, siteRepo } from './coverage.repo.ts';

export interface CoverageDeps {
  db: Db;
  bus: EventBus;
  cipher: FieldCipher;
  config: Pick<Config, 'COVERAGE_WALK_KMH' | 'COVERAGE_DETOUR' | 'COVERAGE_CIRCLE_MINUTES'>;
  now?: () => Date;
}

type Region = { code: string; name: string; level: string };

/**
 * Coverage and the 15-minute service circle (issue 18 part B, decision 030): rates per region as of a
 * date, the circle's shares, the elders outside it, site suggestions, and the recompute job.
 */
export class CoverageService {
  constructor(private readonly deps: CoverageDeps) {}

  private now = () => (this.deps.now ?? (() => new Date()))();

  model(): WalkModel {
    const c = this.deps.config;
    return { speedKmh: c.COVERAGE_WALK_KMH, detour: c.COVERAGE_DETOUR, minutes: c.COVERAGE_CIRCLE_MINUTES };
  }

  /** The region asked for (in the caller's scope), or the caller's own; a region-bound account only. */
  private async regionOf(
    auth: AuthContext,
    code: string | undefined,
    pointer = '/query/region',
  ): Promise<Region> {
    if (code) assertCovers(auth, { regionCode: code }, pointer);
    const c = code ?? auth.regionCode;
    if (!c || auth.scope.regionPrefix === null)
      throw new DomainError('auth.out_of_scope', {
        status: 403,
        errors: [{ pointer, code: 'auth.out_of_scope' }],
      });
    const r = await findRegion(this.deps.db, c);
    if (!r) throw notFound('region.unknown', { code: c });
    return r;
  }

  /** The region's children (the drill-down rows); a community or village is its own only row. */
  private async rowsOf(region: Region): Promise<Region[]> {
    const kids = await regionChildren(this.deps.db, region.code, regionPrefix(region.code));
    return kids.length ? kids.map((k) => k.region) : [region];
  }

  /** Coverage rates of the region's children and of the region, as of `asOf` (China date; default today). */
  async rates(auth: AuthContext, q: { region?: string; asOf?: string }) {
    const { db } = this.deps;
    const region = await this.regionOf(auth, q.region);
    const asOf = q.asOf ?? todayIso(this.now());
    const prefix = regionPrefix(region.code);
    const rows = await this.rowsOf(region);
    const communities = (await regionsUnder(db, prefix))
      .filter((r) => r.level === 'village' && r.retiredAt === null)
      .map((r) => r.code);
    const facilities = await operatingFacilitiesIn(db, prefix, asOf);
    const keyLength = regionPrefix(rows[0]!.code).length;
    const counts = new Map(
      (await siteRepo(db).elderCounts(auth.scope, prefix, keyLength, INACTIVE_STATUSES)).map((r) => [
        r.key,
        r.n,
      ]),
    );
    const of = (code: string) => {
      const p = regionPrefix(code);
      const elders = [...counts].reduce((a, [k, n]) => a + (k.startsWith(p) ? n : 0), 0);
      return ratesOf(
        p,
        communities.filter((c) => c.startsWith(p)),
        facilities,
        elders,
      );
    };
    return {
      region: { code: region.code, name: region.name, level: region.level },
      asOf,
      rows: rows.map((r) => ({ regionCode: r.code, regionName: r.name, ...of(r.code) })),
      total: of(region.code),
    };
  }

  /** The circle's shares per child region, from the last computation. */
  async circle(auth: AuthContext, q: { region?: string }) {
    const region = await this.regionOf(auth, q.region);
    const rows = await this.rowsOf(region);
    const keyLength = regionPrefix(rows[0]!.code).length;
    const shares = await coverageRepo(this.deps.db).shares(auth.scope, regionPrefix(region.code), keyLength);
    const of = (code: string) => {
      const p = regionPrefix(code);
      const s = { within: 0, outside: 0, unknown: 0 };
      for (const r of shares) {
        if (!r.key.startsWith(p)) continue;
        s.within += r.within;
        s.outside += r.outside;
        s.unknown += r.unknown;
      }
      return { ...s, share: shareWithin(s) };
    };
    const computed = shares.map((s) => s.computedAt?.getTime() ?? 0).filter((t) => t > 0);
    const model = this.model();
    return {
      region: { code: region.code, name: region.name, level: region.level },
      computedAt: computed.length ? new Date(Math.min(...computed)).toISOString() : null,
      model: { ...model, radiusM: Math.round(circleRadiusM(model)) },
      rows: rows.map((r) => ({ regionCode: r.code, regionName: r.name, ...of(r.code) })),
      total: of(region.code),
    };
  }

  /** Elders outside the circle, farthest first: masked name, community, minutes — never a position. */
  async outside(auth: AuthContext, q: { region?: string; limit: number; cursor?: string }) {
    const region = await this.regionOf(auth, q.region);
    const key = decodeCursor(q.cursor, 1);
    const minutes = key ? Number(key.lead![0]) : null;
    if (key && (minutes === null || Number.isNaN(minutes))) throw badCursor();
    const after = key ? { minutes: minutes!, elderId: key.id } : null;
    const r = await outsideRepo(this.deps.db).outside(auth.scope, regionPrefix(region.code), q.limit, after);
    const p = page(r.items, q.limit, (i) => ({
      lead: [String(i.minutes ?? Infinity)],
      createdAt: i.computedAt,
      id: i.elderId,
    }));
    return {
      total: r.total,
      nextCursor: p.nextCursor,
      items: p.items.map((i) => ({
        elderId: i.elderId,
        nameMasked: i.nameMasked ?? '',
        regionCode: i.regionCode,
        regionName: i.regionName,
        minutes: i.minutes === null ? null : round1(i.minutes),
        facilityId: i.facilityId,
        facilityName: i.facilityName,
      })),
    };
  }

  /** The map: operating facilities with coordinates, outside elders per ROUNDED position, the circle's radius. */
  async map(auth: AuthContext, q: { region?: string }) {
    const region = await this.regionOf(auth, q.region);
    const prefix = regionPrefix(region.code);
    const facilities = (await operatingFacilitiesIn(this.deps.db, prefix, todayIso(this.now())))
      .filter((f) => f.lat !== null && f.lng !== null && f.regionCode.startsWith(prefix))
      .map((f) => ({ id: f.id, name: f.name, tier: f.tier, lat: f.lat!, lng: f.lng! }));
    const outside = await outsideRepo(this.deps.db).outsideCells(auth.scope, prefix);
    return {
      radiusM: Math.round(circleRadiusM(this.model())),
      facilities,
      outside: outside.map((c) => ({ lat: c.lat!, lng: c.lng!, count: c.count })),
    };
  }

  /** Greedy maximum coverage over the candidate sites of the last computation (decision 030). */
  async suggestions(auth: AuthContext, q: { region?: string; k: number }) {
    const region = await this.regionOf(auth, q.region);
    const repo = coverageRepo(this.deps.db);
    const sets = await repo.outsideCandidates(auth.scope, regionPrefix(region.code));
    // Candidate keys → dense indexes; each outside elder is its row number.
    const keys: string[] = [];
    const indexOf = new Map<string, number>();
    const covers: number[][] = [];
    sets.forEach((cands, elder) => {
      for (const key of cands) {
        let i = indexOf.get(key);
        if (i === undefined) {
          i = keys.push(key) - 1;
          indexOf.set(key, i);
          covers.push([]);
        }
        covers[i]!.push(elder);
      }
    });
    // Keys in a fixed order, so that ties go the same way on every run and database.
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : 1));
    const picks = suggestSites(
      order.map((i) => covers[i]!),
      q.k,
    ).map((p) => ({ key: keys[order[p.candidate]!]!, gain: p.gain }));
    const details = new Map((await repo.candidates(picks.map((p) => p.key))).map((c) => [c.key, c]));
    return {
      outside: sets.length,
      items: picks.flatMap((p) => {
        const c = details.get(p.key);
        if (!c) return [];
        return [
          {
            key: c.key,
            kind: c.kind as 'community_centre' | 'planned_facility',
            regionCode: c.regionCode,
            regionName: c.regionName,
            facilityId: c.facilityId,
            facilityName: c.facilityName,
            lat: c.lat,
            lng: c.lng,
            gain: p.gain,
          },
        ];
      }),
    };
  }

  /**
   * The recompute job: every counted elder under the region (the caller's, or the whole deployment when
   * `region` is null and the actor is the system). Reads the exact home positions — ONE audit entry for the
   * read, with how many — keeps only aggregates per elder (nearest facility, minutes, within, candidate
   * sites), and replaces the region's rows in one transaction.
   */
  async recompute(auth: AuthContext | null, actor: Actor, region: string | null) {
    const { db, cipher } = this.deps;
    const root = auth ? (await this.regionOf(auth, region ?? undefined, '/body/region')).code : region;
    const prefix = root ? regionPrefix(root) : '';
    const now = this.now();
    const model = this.model();
    const homes = await exactHomePositionsUnder(db, cipher, prefix);
    // Every operating facility counts, wherever it stands: the nearest may lie across a boundary.
    const sites = (await operatingFacilitiesIn(db, '', todayIso(now))).filter(
      (f) => f.lat !== null && f.lng !== null,
    );
    const lat = Float64Array.from(homes, (h) => h.lat ?? NaN);
    const lng = Float64Array.from(homes, (h) => h.lng ?? NaN);
    const circle = computeCircle(
      sites.map((s) => ({ lat: s.lat!, lng: s.lng! })),
      { lat, lng },
      model,
    );
    // Candidates: each community's centre from the ROUNDED positions, and planned facilities.
    const candidates = [
      ...communityCentres(homes).map((c) => ({
        key: `c:${c.code}`,
        kind: 'community_centre',
        regionCode: c.code,
        facilityId: null,
        lat: c.lat,
        lng: c.lng,
        computedAt: now,
      })),
      ...(await siteRepo(db).plannedSites(prefix)).map((f) => ({
        key: `f:${f.id}`,
        kind: 'planned_facility',
        regionCode: f.regionCode,
        facilityId: f.id,
        lat: f.lat!,
        lng: f.lng!,
        computedAt: now,
      })),
    ];
    const projection = new LocalProjection(meanLat(candidates));
    const candidatesOf = byElder(
      candidateCovers(candidates, { lat, lng }, circle.within, model, projection),
      candidates.map((c) => c.key),
    );
    const rows = homes.map((h, i) => {
      const w = circle.within[i]!;
      return {
        elderId: h.id,
        regionCode: h.regionCode,
        facilityId: circle.nearest[i]! >= 0 ? sites[circle.nearest[i]!]!.id : null,
        minutes: Number.isNaN(circle.minutes[i]!) ? null : circle.minutes[i]!,
        within: w < 0 ? null : w === 1,
        candidates: w === 0 ? (candidatesOf.get(i) ?? []) : null,
        computedAt: now,
      };
    });
    const summary = { computed: rows.length, ...tally(circle.within) };
    await transact(this.deps, actor, async (tx, uow) => {
      await coverageRepo(tx).replace(prefix, rows, candidates);
      uow.audit({
        action: 'coverage.circle_compute',
        entityType: 'elder',
        regionCode: root,
        summary: `读取 ${homes.length} 位老年人的精确住址位置计算一刻钟服务圈（仅保存结果）`,
        detail: { ...summary, facilities: sites.length, candidates: candidates.length, ...model },
      });
    });
    return { ...summary, region: root, computedAt: now.toISOString() };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;
