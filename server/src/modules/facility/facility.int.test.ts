import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dbTargets, multipartFile, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import ExcelJS from '../../platform/exceljs.ts';
import { operatingFacilitiesIn } from './index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `000_…` 附件2 and 附件3 transcribed from the seed file itself (not from the demo data): per street/town,
 * 附件2 [街道养老服务中心 现有数, 2020年, 社区数量, 社区养老服务站 现有数, 2020年] and 附件3 [镇养老服务中心 现有数,
 * 2020年, 2021年, 行政村数量, 村级互助养老点 现有数, 2020年, 2021年]; blank cells are 0.
 */
const SEED_TABLE2: [string, number[]][] = [
  ['古南街道', [1, 0, 12, 10, 2]],
  ['文龙街道', [0, 1, 13, 8, 4]],
  ['三江街道', [0, 1, 6, 6, 0]],
  ['新盛街道', [0, 1, 1, 0, 1]],
  ['通惠街道', [0, 1, 6, 4, 2]],
  ['石角镇', [0, 0, 2, 2, 0]],
  ['东溪镇', [0, 0, 4, 1, 3]],
  ['赶水镇', [0, 0, 5, 2, 3]],
  ['打通镇', [0, 0, 6, 6, 0]],
  ['石壕镇', [0, 0, 5, 1, 4]],
  ['永新镇', [0, 0, 3, 2, 1]],
  ['三角镇', [0, 0, 2, 2, 0]],
  ['隆盛镇', [0, 0, 1, 1, 0]],
  ['郭扶镇', [0, 0, 1, 1, 0]],
  ['篆塘镇', [0, 0, 2, 1, 1]],
  ['丁山镇', [0, 0, 1, 0, 1]],
  ['安稳镇', [0, 0, 5, 4, 1]],
  ['扶欢镇', [0, 0, 1, 1, 0]],
  ['永城镇', [0, 0, 1, 1, 0]],
  ['中峰镇', [0, 0, 1, 1, 0]],
  ['横山镇', [0, 0, 1, 1, 0]],
];
const SEED_TOTAL2 = [1, 4, 79, 55, 23];
const SEED_TABLE3: [string, number[]][] = [
  ['古南街道', [0, 0, 0, 11, 11, 0, 0]],
  ['文龙街道', [0, 0, 0, 7, 3, 4, 0]],
  ['三江街道', [0, 0, 0, 18, 7, 11, 0]],
  ['新盛街道', [0, 0, 0, 8, 8, 0, 0]],
  ['通惠街道', [0, 0, 0, 7, 1, 6, 0]],
  ['石角镇', [0, 1, 0, 32, 8, 24, 0]],
  ['东溪镇', [0, 1, 0, 20, 8, 12, 0]],
  ['赶水镇', [1, 0, 0, 21, 21, 0, 0]],
  ['打通镇', [0, 1, 0, 11, 5, 6, 0]],
  ['石壕镇', [0, 0, 1, 15, 4, 0, 11]],
  ['永新镇', [0, 1, 0, 30, 6, 24, 0]],
  ['三角镇', [1, 0, 0, 19, 19, 0, 0]],
  ['隆盛镇', [0, 1, 0, 17, 4, 13, 0]],
  ['郭扶镇', [0, 0, 1, 21, 5, 0, 16]],
  ['篆塘镇', [0, 1, 0, 14, 2, 12, 0]],
  ['丁山镇', [0, 0, 1, 7, 3, 0, 4]],
  ['安稳镇', [0, 0, 1, 10, 3, 0, 7]],
  ['扶欢镇', [1, 0, 0, 15, 15, 0, 0]],
  ['永城镇', [1, 0, 0, 8, 8, 0, 0]],
  ['中峰镇', [0, 0, 1, 5, 4, 0, 1]],
  ['横山镇', [1, 0, 0, 6, 6, 0, 0]],
];
const SEED_TOTAL3 = [5, 6, 5, 302, 151, 112, 39];

interface Plan {
  rows: {
    name: string;
    centres: { existing: number; planned: number[] };
    units: number;
    points: { existing: number; planned: number[] };
  }[];
  total: {
    centres: { existing: number; planned: number[] };
    units: number;
    points: { existing: number; planned: number[] };
  };
}
const flat = (r: Plan['total']) => [
  r.centres.existing,
  ...r.centres.planned,
  r.units,
  r.points.existing,
  ...r.points.planned,
];

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('设施');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const target of await dbTargets()) {
  describe(`facilities (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let community: Client;
    let street: Client;
    let communityCode: string;
    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      community = await env.login('community');
      street = await env.login('street');
      communityCode = ((await community.get('/api/v1/me')).json() as { regionCode: string }).regionCode;
    });
    after(async () => {
      await env?.close();
    });

    const upload = (who: Client, buf: Buffer, query = '') => {
      const m = multipartFile('设施.xlsx', XLSX, buf);
      return who.request('POST', `/api/v1/facilities/import${query}`, m.payload, m.headers);
    };

    test('the plan tables generated from live data reproduce 000 附件2 and 附件3 and their totals', async () => {
      for (const [table, expected, total] of [
        ['2', SEED_TABLE2, SEED_TOTAL2],
        ['3', SEED_TABLE3, SEED_TOTAL3],
      ] as const) {
        const res = await street.get(`/api/v1/facilities/plan-tables?table=${table}`);
        assert.equal(res.statusCode, 200, res.body);
        const plan = res.json() as Plan;
        assert.deepEqual(
          plan.rows.map((r) => [r.name, flat(r)]),
          expected,
          `附件${table}`,
        );
        assert.deepEqual(flat(plan.total), total, `附件${table} 合计`);
        // 万盛's units are in today's tree but not in the plan.
        assert.ok(!plan.rows.some((r) => r.name === '万盛街道' || r.name === '万东镇'));
        // The workbook in the plan's layout ends with the same 合计 row.
        const xlsx = await street.get(`/api/v1/facilities/plan-tables.xlsx?table=${table}`);
        assert.equal(xlsx.statusCode, 200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        const last = ws.getRow(ws.rowCount).values as (string | number | null | undefined)[];
        assert.equal(last[1], '合计');
        assert.deepEqual(
          last.slice(3).map((v) => (typeof v === 'number' ? v : 0)),
          total,
        );
      }
    });

    test('coverage seam: operating and serving as of a date; one 文龙 station serves two communities', async () => {
      const db = env.platform.db;
      const wenlong = '500110002';
      const before2020 = await operatingFacilitiesIn(db, wenlong, '2019-12-31');
      const in2021 = await operatingFacilitiesIn(db, wenlong, '2021-06-30');
      const stations = (l: typeof in2021) => l.filter((f) => f.tier === 'community_station');
      assert.equal(stations(before2020).length, 8);
      assert.equal(stations(in2021).length, 12);
      const served = new Set(stations(in2021).flatMap((f) => f.serves));
      assert.equal(served.size, 13, 'every 文龙 community is served in 2021');
      assert.equal(stations(in2021).filter((f) => f.serves.length === 2).length, 1);
      assert.equal(in2021.filter((f) => f.tier === 'street_centre').length, 1);
    });

    test('create, read with the standards checklist, edit with a version, close', async () => {
      const res = await community.post('/api/v1/facilities', {
        tier: 'community_station',
        name: '测试日间养老服务站',
        regionCode: communityCode,
        floorAreaM2: 250,
        beds: 6,
        zones: ['leisure', 'education'],
        operatingMode: 'public_built_private_run',
      });
      assert.equal(res.statusCode, 403, 'a community worker reads facilities but does not edit them');
      const made = await street.post('/api/v1/facilities', {
        tier: 'community_station',
        name: '测试日间养老服务站',
        regionCode: communityCode,
        floorAreaM2: 250,
        beds: 6,
        zones: ['leisure', 'education'],
        operatingMode: 'public_built_private_run',
      });
      assert.equal(made.statusCode, 201, made.body);
      const f = made.json() as {
        id: string;
        version: number;
        coverage: { regionCode: string }[];
        standards: { fewElders: boolean; items: { code: string; ok: boolean; required: number | null }[] };
      };
      assert.deepEqual(
        f.coverage.map((c) => c.regionCode),
        [communityCode],
      );
      // The demo seeds a few hundred elders in all: the community has fewer than 300, so 200 m² suffices.
      assert.equal(f.standards.fewElders, true);
      const missing = f.standards.items.filter((i) => !i.ok).map((i) => i.code);
      assert.deepEqual(missing, ['zone:daily_care', 'zone:health']);
      assert.equal(
        (await community.get(`/api/v1/facilities/${f.id}`)).statusCode,
        200,
        'others in scope read',
      );

      const stale = await street.patch(`/api/v1/facilities/${f.id}`, { version: f.version + 1, beds: 8 });
      assert.equal(stale.statusCode, 409);
      const edited = await street.patch(`/api/v1/facilities/${f.id}`, {
        version: f.version,
        zones: ['leisure', 'education', 'daily_care', 'health'],
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const e = edited.json() as typeof f;
      assert.ok(e.standards.items.every((i) => i.ok));
      const list = await street.get(`/api/v1/facilities?regionCode=${communityCode}&tier=community_station`);
      const body = list.json() as { items: { id: string }[]; total: number };
      assert.ok(body.items.some((i) => i.id === f.id));
      assert.equal(body.total, body.items.length);
      const closed = await street.post(`/api/v1/facilities/${f.id}/close`, {
        version: e.version,
        closedOn: '2026-01-31',
        reason: '场地到期',
      });
      assert.equal(closed.statusCode, 200, closed.body);
      const c = closed.json() as { status: string; coverage: { validTo: string | null }[] };
      assert.equal(c.status, 'closed');
      assert.ok(c.coverage.every((r) => r.validTo !== null));
    });

    test('serves: a station takes over a second community from today; closing ends its coverage', async () => {
      const neighbours = (await street.get(`/api/v1/regions?parent=${communityCode.slice(0, 9)}000`)).json();
      const other = (neighbours.items as { code: string; kind: string }[]).find(
        (r: { code: string; kind: string }) => r.kind === 'community' && r.code !== communityCode,
      ) as { code: string } | undefined;
      assert.ok(other, 'the demo street has a second community');
      const made = await street.post('/api/v1/facilities', {
        tier: 'community_station',
        name: '两社区共用养老服务站',
        regionCode: communityCode,
      });
      assert.equal(made.statusCode, 201, made.body);
      const f = made.json() as { id: string; version: number };
      const edited = await street.patch(`/api/v1/facilities/${f.id}`, {
        version: f.version,
        serves: [communityCode, other.code],
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const asOf = '2099-01-01';
      const served = (await operatingFacilitiesIn(env.platform.db, other.code, asOf)).find(
        (x) => x.id === f.id,
      );
      assert.deepEqual(served?.serves.sort(), [communityCode, other.code].sort());
      const closed = await street.post(`/api/v1/facilities/${f.id}/close`, {
        version: (edited.json() as { version: number }).version,
        closedOn: '2098-12-31',
        reason: '合并到新站',
      });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(
        (await operatingFacilitiesIn(env.platform.db, other.code, asOf)).some((x) => x.id === f.id),
        false,
      );
    });

    test('bad input: negative area, unknown region, outside scope, outside the district, duplicate name', async () => {
      const base = { tier: 'community_station', name: '坏数据养老服务站', regionCode: communityCode };
      const neg = await street.post('/api/v1/facilities', { ...base, floorAreaM2: -1 });
      assert.equal(neg.statusCode, 400);
      assert.equal(neg.json().errors[0].pointer, '/body/floorAreaM2');
      const negBeds = await street.post('/api/v1/facilities', { ...base, beds: -2 });
      assert.equal(negBeds.json().errors[0].pointer, '/body/beds');
      const unknown = await admin.post('/api/v1/facilities', { ...base, regionCode: '500110001999' });
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().errors[0].code, 'region.unknown');
      const outside = await street.post('/api/v1/facilities', { ...base, regionCode: '500110108200' });
      assert.equal(outside.statusCode, 403);
      const far = await street.post('/api/v1/facilities', { ...base, lat: 39.9, lng: 116.4 });
      assert.equal(far.statusCode, 422);
      assert.deepEqual(
        far.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [
          ['/body/lat', 'facility.outside_district'],
          ['/body/lng', 'facility.outside_district'],
        ],
      );
      assert.equal(far.json().detail, '坐标不在本区范围内');
      const en = await street.request(
        'POST',
        '/api/v1/facilities',
        { ...base, lat: 39.9, lng: 116.4 },
        {
          'accept-language': 'en-US',
        },
      );
      assert.equal(en.json().detail, 'The coordinates lie outside the district');
      const first = await street.post('/api/v1/facilities', base);
      assert.equal(first.statusCode, 201);
      const dup = await street.post('/api/v1/facilities', base);
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().errors[0].pointer, '/body/name');
    });

    test('Excel import is all or nothing with row and field; the export reads back', async () => {
      const header = ['设施名称', '设施层级', '所在区划代码', '建筑面积（平方米）', '床位数', '纬度', '经度'];
      const bad = await workbook([
        header,
        ['导入甲养老服务站', '社区养老服务站', communityCode, 320, 4, null, null],
        ['导入乙养老服务站', '社区养老服务站', '500110108200', 320, 4, null, null],
        ['导入丙养老服务站', '社区养老服务站', communityCode, -5, 4, null, null],
        ['导入甲养老服务站', '社区养老服务站', communityCode, 300, 4, null, null],
        ['导入丁养老服务站', '社区养老服务站', communityCode, 300, 4, 39.9, 116.4],
        ['导入戊养老服务站', '社区养老服务站', `${communityCode.slice(0, 9)}999`, 300, 4, null, null],
      ]);
      const before = (await street.get(`/api/v1/facilities?regionCode=${communityCode}`)).json()
        .total as number;
      const refused = await upload(street, bad);
      assert.equal(refused.statusCode, 422, refused.body);
      const errors = (refused.json().errors as { pointer: string; code: string }[]).map((e) => [
        e.pointer,
        e.code,
      ]);
      assert.deepEqual(errors, [
        ['/rows/3/regionCode', 'auth.out_of_scope'],
        ['/rows/4/floorAreaM2', 'common.too_small'],
        ['/rows/5/name', 'facility.name_taken'],
        ['/rows/6/lat', 'facility.outside_district'],
        ['/rows/6/lng', 'facility.outside_district'],
        ['/rows/7/regionCode', 'region.unknown'],
      ]);
      assert.equal((await street.get(`/api/v1/facilities?regionCode=${communityCode}`)).json().total, before);

      const good = await workbook([
        header,
        ['导入甲养老服务站', '社区养老服务站', communityCode, 320, 4, null, null],
        ['导入乙互助养老点', 'village_point', communityCode, 120, 0, null, null],
      ]);
      const ok = await upload(street, good);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().imported, 2);
      assert.equal((await upload(street, good)).statusCode, 422, 'a repeat meets its own names');
      assert.equal((await upload(community, good)).statusCode, 403, 'a community worker does not import');
      assert.equal(
        (await upload(street, Buffer.from('not a workbook'))).json().code,
        'facility.import_unreadable',
      );

      const exported = await street.get(`/api/v1/facilities/export.xlsx?regionCode=${communityCode}`);
      assert.equal(exported.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets[0]!.getColumn(1).values as string[];
      assert.ok(names.includes('导入甲养老服务站'));
      assert.ok(names.includes('导入乙互助养老点'));
    });
  });
}
