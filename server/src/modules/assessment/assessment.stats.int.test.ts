import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { regionPrefix } from '@yiyang/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { dbTargets, DEMO_PASSWORD, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { userRepo } from '../user/user.repo.ts';
import { assessments } from './assessment.table.ts';
import { validIdNumber } from '../../../test/builders.ts';

/**
 * 评估统计 at every region level (decision 006 `GET /stats/assessments`): each child region counts
 * exactly the elders of its own subtree — 枣园社区 (…010) not 飞鹅 (…011) or 农场 (…012), 春光村
 * (…200) not 尖山村 (…201), 万东镇 (…100) not 南桐镇 (…101), 綦江区 (500110) not 大足区 (500111) —
 * and the shares of 失能 / 半失能 are shares of the assessed elders.
 */

// Elders and their current published level (null: not assessed).
const ELDERS: readonly [region: string, level: number | null][] = [
  ['500110001010', 4], // 古南街道 枣园社区
  ['500110001011', 1], // 古南街道 飞鹅社区
  ['500110001012', null], // 古南街道 农场社区
  ['500110001200', 3], // 古南街道 春光村
  ['500110001201', 2], // 古南街道 尖山村
  ['500110100001', 0], // 万东镇 红枫社区
  ['500110101001', 1], // 南桐镇
  ['500111001001', 4], // 大足区 龙岗街道 学坝社区
];

interface RegionStats {
  regionCode: string;
  elders: number;
  assessed: number;
  semiDisabled: number;
  disabled: number;
  semiDisabledShare: number;
  disabledShare: number;
}
type Stats = RegionStats & {
  children: RegionStats[];
  byLevel: { level: number; count: number; share: number }[];
};

/** What the statistics must say for a subtree: computed from the table above, not from the code. */
function expected(prefix: string) {
  const rows = ELDERS.filter(([r]) => r.startsWith(prefix));
  const assessed = rows.filter(([, l]) => l !== null);
  const semi = assessed.filter(([, l]) => l === 1 || l === 2).length;
  const dis = assessed.filter(([, l]) => l! >= 3).length;
  const share = (n: number) => (assessed.length ? Math.round((n / assessed.length) * 10_000) / 10_000 : 0);
  return {
    elders: rows.length,
    assessed: assessed.length,
    semiDisabled: semi,
    disabled: dis,
    semiDisabledShare: share(semi),
    disabledShare: share(dis),
  };
}
const pick = (s: RegionStats) => ({
  elders: s.elders,
  assessed: s.assessed,
  semiDisabled: s.semiDisabled,
  disabled: s.disabled,
  semiDisabledShare: s.semiDisabledShare,
  disabledShare: s.disabledShare,
});

for (const target of await dbTargets()) {
  describe(`assessment statistics at every region level (${target.name})`, () => {
    let env: TestEnv;
    const users: Record<string, Client> = {};

    before(async () => {
      // No synthetic elders: every elder of the district is one of the table's.
      env = await startTestEnv(target, { env: { DEMO_ELDERS: '0' } });
      await env.services.regions.importCounty(SYSTEM_ACTOR, '500111');
      const db = env.platform.db;
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      const levels = {
        province: '500000000000',
        prefecture: '500100000000',
        county: '500110000000',
        street: '500110001000',
        community: '500110001010',
      };
      for (const [name, regionCode] of Object.entries(levels)) {
        await userRepo(db).insert({ username: `st_${name}`, displayName: name, passwordHash, regionCode }, [
          'bureau_admin',
        ]);
        users[name] = await env.login(`st_${name}`);
      }
      for (const [i, [regionCode, level]] of ELDERS.entries()) {
        const first17 = `65010219400${String(101 + i).padStart(3, '0')}123`;
        const e = await users.province!.post('/api/v1/elders', {
          name: `统计老人${i}`,
          idType: 'resident_id',
          idNumber: validIdNumber(first17),
          regionCode,
          householdLocal: true,
        });
        assert.equal(e.statusCode, 201, e.body);
        if (level === null) continue;
        await db.insert(assessments).values({
          elderId: e.json().id,
          regionCode,
          standardCode: 'GB/T 42195-2022',
          reason: 'initial',
          source: 'cadre',
          status: 'published',
          publishedAt: new Date(),
          level,
          total: 90 - level * 20,
        });
      }
    });
    after(() => env?.close());

    const stats = async (who: string, regionCode?: string): Promise<Stats> => {
      const res = await users[who]!.get(
        `/api/v1/stats/assessments${regionCode ? `?regionCode=${regionCode}` : ''}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as Stats;
    };
    const checkChildren = (s: Stats, codes: Record<string, string>) => {
      for (const [code, prefix] of Object.entries(codes)) {
        const child = s.children.find((c) => c.regionCode === code);
        assert.ok(child, `child ${code} listed`);
        assert.deepEqual(pick(child), expected(prefix), `child ${code}`);
      }
      // The children of a node partition its subtree: nothing is counted twice.
      assert.equal(
        s.children.reduce((n, c) => n + c.elders, 0),
        s.elders,
        'children add up to the whole',
      );
      assert.equal(
        s.children.reduce((n, c) => n + c.assessed, 0),
        s.assessed,
      );
    };

    test('province: prefectures', async () => {
      const s = await stats('province');
      checkChildren(s, { '500100000000': '5001' }); // 500200 县: no county of it imported
      assert.deepEqual(pick(s), expected('50'));
    });

    test('prefecture: a county does not absorb its neighbours (綦江区 500110 vs 大足区 500111)', async () => {
      const s = await stats('prefecture');
      checkChildren(s, { '500110000000': '500110', '500111000000': '500111' });
      assert.deepEqual(pick(s), expected('5001'));
    });

    test('county: streets and towns (万东镇 …100 vs 南桐镇 …101)', async () => {
      const s = await stats('county');
      checkChildren(s, {
        '500110001000': '500110001',
        '500110100000': '500110100',
        '500110101000': '500110101',
      });
      assert.deepEqual(pick(s), expected('500110'));
    });

    test('street: communities and villages (枣园 …010 vs …011–012; 春光村 …200 vs …201)', async () => {
      const s = await stats('street');
      checkChildren(s, {
        '500110001010': '500110001010',
        '500110001011': '500110001011',
        '500110001012': '500110001012',
        '500110001200': '500110001200',
        '500110001201': '500110001201',
      });
      assert.deepEqual(pick(s), expected('500110001'));
      // 失能占比 = 失能 / assessed elders (2 of 4), not of all five elders.
      assert.equal(s.disabledShare, 0.5);
      assert.equal(s.semiDisabledShare, 0.5);
      assert.deepEqual(
        s.byLevel.map((l) => [l.level, l.count, l.share]),
        [
          [1, 1, 0.25],
          [2, 1, 0.25],
          [3, 1, 0.25],
          [4, 1, 0.25],
        ],
      );
    });

    test('a street chosen by a county user narrows to that street', async () => {
      const s = await stats('county', '500110001000');
      checkChildren(s, { '500110001010': '500110001010', '500110001200': '500110001200' });
      assert.deepEqual(pick(s), expected('500110001'));
    });

    test('community: a leaf, no child regions', async () => {
      const s = await stats('community');
      assert.deepEqual(pick(s), expected('500110001010'));
      assert.deepEqual(s.children, []);
    });

    test('the elder statistics use the same tally: children partition the subtree at every level', async () => {
      for (const [who, root] of [
        ['province', '50'],
        ['prefecture', '5001'],
        ['county', '500110'],
        ['street', '500110001'],
      ] as const) {
        const res = await users[who]!.get('/api/v1/elders/stats/by-region');
        assert.equal(res.statusCode, 200, res.body);
        const s = res.json() as { total: number; children: { regionCode: string; total: number }[] };
        assert.equal(s.total, expected(root).elders, who);
        for (const c of s.children)
          assert.equal(c.total, expected(regionPrefix(c.regionCode)).elders, `${who}: ${c.regionCode}`);
        assert.equal(
          s.children.reduce((n, c) => n + c.total, 0),
          s.total,
          `${who}: children add up`,
        );
      }
    });
  });
}
