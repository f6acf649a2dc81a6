import type { PlanTable } from './facility.schema.ts';

/**
 * The coverage plans whose tables Yiyang regenerates from live data (issue 18 §4). `000_…` (綦江府办发
 * 〔2020〕2号) 附件2 (streets and communities: street centres, community stations) and 附件3 (rural: town
 * centres, village mutual-aid points), for 綦江 as it was in 2020: its 5 streets and 16 towns, listed here
 * in the plan's order. Today's NBS tree for 500110 also holds 万盛's units (万盛街道, 东林街道, 万东镇 …
 * 黑山镇), which the tables leave out.
 */
export interface CoveragePlan {
  county: string;
  /** Street/town codes (12 digits) in the plan's row order. */
  units: readonly string[];
  tables: Record<
    '2' | '3',
    { title: string; centreTier: string; pointTier: string; unitKind: string; years: number[] }
  >;
}

export const COVERAGE_PLANS: Record<string, CoveragePlan> = {
  '500110': {
    county: '500110',
    units: [
      '001', // 古南街道
      '002', // 文龙街道
      '003', // 三江街道
      '006', // 新盛街道
      '007', // 通惠街道
      '108', // 石角镇
      '109', // 东溪镇
      '110', // 赶水镇
      '111', // 打通镇
      '112', // 石壕镇
      '113', // 永新镇
      '114', // 三角镇
      '115', // 隆盛镇
      '116', // 郭扶镇
      '117', // 篆塘镇
      '118', // 丁山镇
      '119', // 安稳镇
      '120', // 扶欢镇
      '121', // 永城镇
      '123', // 中峰镇
      '124', // 横山镇
    ].map((u) => `500110${u}000`),
    tables: {
      '2': {
        title: '重庆市綦江区街道和社区养老服务设施建设全覆盖计划表',
        centreTier: 'street_centre',
        pointTier: 'community_station',
        unitKind: 'community',
        years: [2020],
      },
      '3': {
        title: '重庆市綦江区农村养老服务设施建设全覆盖计划表',
        centreTier: 'town_centre',
        pointTier: 'village_point',
        unitKind: 'village',
        years: [2020, 2021],
      },
    },
  },
};

export interface PlanInputs {
  /** Unit names by code. */
  names: Map<string, string>;
  /** Communities (or villages) per unit code. */
  unitCounts: Map<string, number>;
  /** Facilities not closed, per (first 9 digits, tier, planned year or null). */
  counts: { unit: string; tier: string; plannedYear: number | null; n: number }[];
}

/**
 * One plan table from live counts: per unit, the centres and the stations/points existing (planned_year
 * null) and planned per year, the number of communities/villages; and the totals. Pure.
 */
export function buildPlanTable(plan: CoveragePlan, table: '2' | '3', input: PlanInputs): PlanTable {
  const t = plan.tables[table];
  const count = (unit: string, tier: string, year: number | null) =>
    input.counts
      .filter((c) => c.unit === unit.slice(0, 9) && c.tier === tier && c.plannedYear === year)
      .reduce((s, c) => s + c.n, 0);
  const rows = plan.units.map((code, i) => ({
    seq: i + 1,
    code,
    name: input.names.get(code) ?? code,
    centres: {
      existing: count(code, t.centreTier, null),
      planned: t.years.map((y) => count(code, t.centreTier, y)),
    },
    units: input.unitCounts.get(code) ?? 0,
    points: {
      existing: count(code, t.pointTier, null),
      planned: t.years.map((y) => count(code, t.pointTier, y)),
    },
  }));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    table,
    title: t.title,
    years: t.years,
    rows,
    total: {
      centres: {
        existing: sum((r) => r.centres.existing),
        planned: t.years.map((_, j) => sum((r) => r.centres.planned[j]!)),
      },
      units: sum((r) => r.units),
      points: {
        existing: sum((r) => r.points.existing),
        planned: t.years.map((_, j) => sum((r) => r.points.planned[j]!)),
      },
    },
  };
}
