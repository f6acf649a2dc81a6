import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { auditEvents, outboxEvents } from '../../platform/platform.table.ts';
import { dbTargets, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { elders, elderVersions } from './elder.table.ts';
import { backfillElderMasks } from './elder.backfill.ts';
import { ELDER_CIPHER_CONTEXT } from './elder.codec.ts';
import { countMatching } from './elder.repo.ts';
import { scopeOf } from '../../platform/access.ts';
import { validIdNumber } from '../../../test/builders.ts';

const id = validIdNumber;
// Address code 650102 (乌鲁木齐天山区) keeps these apart from the seeded 綦江 elders.
const ZHANG = id('65010219500315123'); // male (3 odd), born 1950-03-15
const LI = id('65010219420708124'); // female (4 even), born 1942-07-08
const YOUNG = id('65010219900101123'); // 35 years old

for (const target of await dbTargets()) {
  describe(`elder registry (${target.name})`, () => {
    let env: TestEnv;
    let admin: Client;
    let street: Client;
    let community: Client;
    let hotline: Client;
    let communityRegion: string;
    let otherCommunity: string;
    let zhangId: string;

    const count = async () =>
      (await env.platform.db.select({ n: sql<number>`count(*)::int` }).from(elders))[0]!.n;

    before(async () => {
      env = await startTestEnv(target);
      admin = await env.login('admin');
      street = await env.login('street');
      community = await env.login('community');
      hotline = await env.login('hotline');
      communityRegion = (await community.get('/api/v1/me')).json().regionCode;
      const villages = (await admin.get(`/api/v1/regions?parent=${communityRegion.slice(0, 9)}000`)).json();
      otherCommunity = (villages.items as { code: string }[]).find((r) => r.code !== communityRegion)!.code;
    });
    after(() => env?.close());

    test('seeds synthetic elders and counts them on the home page', async () => {
      assert.equal(await count(), 200);
      const overview = (await admin.get('/api/v1/stats/overview')).json();
      assert.equal(overview.counts.elders, 200);
      const byRegion = (await admin.get('/api/v1/elders/stats/by-region')).json();
      assert.equal(byRegion.total, 200);
      assert.equal(
        byRegion.children.reduce((s: number, c: { total: number }) => s + c.total, 0),
        200,
        'children add up to the total',
      );
      // The map places each populated child region at its elders' (rounded) centre, inside the district.
      for (const c of byRegion.children as { total: number; lat: number | null; lng: number | null }[]) {
        if (c.total === 0) continue;
        assert.ok(c.lat! > 28 && c.lat! < 30 && c.lng! > 106 && c.lng! < 107.5, JSON.stringify(c));
        assert.equal(c.lat, Math.round(c.lat! * 1000) / 1000, 'rounded, never one home');
      }
      const bands = Object.values(byRegion.byAgeBand as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(bands, 200);
    });

    test('creates an elder; list and detail show masked values only', async () => {
      const res = await community.post('/api/v1/elders', {
        name: '张三华',
        idNumber: ZHANG.toLowerCase(),
        phone: '13812345678',
        regionCode: communityRegion,
        address: '古南街道幸福社区3栋2单元501号',
        livingSituation: 'alone',
        health: { chronicDiseases: ['I10', 'E11'], allergies: ['青霉素'], familyDoctor: { signed: true } },
        tags: [{ code: 'subsistence_allowance', validFrom: '2024-01-01' }],
      });
      assert.equal(res.statusCode, 201, res.body);
      const e = res.json();
      zhangId = e.id;
      assert.equal(e.nameMasked, '张*华');
      assert.equal(e.idNumberMasked, `6501**********${ZHANG.slice(-4)}`);
      assert.equal(e.phoneMasked, '138****5678');
      assert.equal(e.addressMasked, '古南街道幸福社区****');
      assert.equal(e.sex, 'male');
      assert.equal(e.birthDate, '1950-03-15');
      assert.ok(e.age >= 75);
      assert.deepEqual(e.derivedTags, e.age >= 80 ? ['aged_80', 'living_alone'] : ['living_alone']);
      assert.deepEqual(
        e.tags.map((t: { code: string; source: string }) => [t.code, t.source]),
        [['subsistence_allowance', 'manual']],
      );
      assert.deepEqual(e.health, { chronicDiseaseCount: 2, hasAllergies: true, familyDoctorSigned: true });
      assert.equal(e.version, 1);
      for (const body of [res.body, (await community.get(`/api/v1/elders/${e.id}`)).body]) {
        for (const secret of [ZHANG, '13812345678', '张三华', '3栋2单元', '青霉素', 'I10'])
          assert.ok(!body.includes(secret), `response leaks ${secret}`);
      }
      const list = await community.get('/api/v1/elders?limit=200');
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(ZHANG) && !list.body.includes('13812345678'));
      const item = list.json().items.find((i: { id: string }) => i.id === e.id);
      assert.equal(item.nameMasked, '张*华');
      // Nothing plain in the table either.
      const [row] = await env.platform.db.select().from(elders).where(eq(elders.id, e.id));
      assert.ok(!JSON.stringify(row).includes(ZHANG) && !JSON.stringify(row).includes('13812345678'));
    });

    test('ID rules: field errors with pointers and Chinese messages, nothing written', async () => {
      const before = await count();
      const base = { name: '王五', regionCode: communityRegion };
      const cases: [Record<string, unknown>, string, string, RegExp][] = [
        [
          { idNumber: ZHANG.slice(0, 17) + (ZHANG[17] === '1' ? '2' : '1') },
          '/body/idNumber',
          'elder.id_number.checksum',
          /校验位/,
        ],
        [
          { idNumber: id('65010219500231123') },
          '/body/idNumber',
          'elder.id_number.birth_date',
          /不是有效日期/,
        ],
        [{ idNumber: YOUNG }, '/body/idNumber', 'elder.under_age', /未满 60/],
        [{ idNumber: id('65010219500315125'), sex: 'female' }, '/body/sex', 'elder.sex_mismatch', /性别/],
        [
          { idNumber: id('65010219500315125'), birthDate: '1950-03-16' },
          '/body/birthDate',
          'elder.birth_date_mismatch',
          /1950-03-15/,
        ],
        [
          { idType: 'passport', idNumber: 'E12345678' },
          '/body/birthDate',
          'elder.birth_date_required',
          /出生日期/,
        ],
      ];
      for (const [body, pointer, code, message] of cases) {
        const res = await community.post('/api/v1/elders', { ...base, ...body });
        assert.equal(res.statusCode, 422, `${code}: ${res.body}`);
        const err = res.json().errors.find((e: { pointer: string }) => e.pointer === pointer);
        assert.ok(err, `${code}: pointer ${pointer} in ${res.body}`);
        assert.equal(err.code, code);
        assert.match(err.message, message);
      }
      // Under 60 is allowed with a recorded reason.
      const young = await community.post('/api/v1/elders', {
        ...base,
        idNumber: YOUNG,
        ageOverride: { reason: '因病提前纳入' },
      });
      assert.equal(young.statusCode, 201, young.body);
      assert.equal(await count(), before + 1);
    });

    test('validate-id derives birth date, sex and age', async () => {
      const ok = await community.post('/api/v1/elders/validate-id', { idType: 'resident_id', idNumber: LI });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(
        { ...(ok.json() as Record<string, unknown>), age: undefined },
        {
          idType: 'resident_id',
          normalizedIdNumber: LI,
          birthDate: '1942-07-08',
          sex: 'female',
          age: undefined,
          isElderAge: true,
          convertedFrom15: false,
        },
      );
      const bad = await community.post('/api/v1/elders/validate-id', { idNumber: LI, sex: 'male' });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().errors[0].pointer, '/body/sex');
    });

    test('duplicate ID number is 409 with the existing id when visible', async () => {
      const dup = await street.post('/api/v1/elders', {
        name: '张三华',
        idNumber: ZHANG,
        regionCode: communityRegion,
      });
      assert.equal(dup.statusCode, 409, dup.body);
      assert.equal(dup.json().errors[0].pointer, '/body/idNumber');
      assert.equal(dup.json().code, 'elder.duplicate_id_number');
      assert.equal(dup.json().meta.existingElderId, zhangId);
    });

    test('search by pinyin initials, name, exact ID number and phone', async () => {
      const ids = async (q: string) =>
        (await community.get(`/api/v1/elders?${q}`)).json().items.map((i: { id: string }) => i.id);
      assert.ok((await ids('q=zsh')).includes(zhangId));
      assert.ok((await ids('q=ZSH')).includes(zhangId));
      assert.ok((await ids(`q=${encodeURIComponent('三华')}`)).includes(zhangId));
      assert.deepEqual(await ids(`idNumber=${ZHANG}`), [zhangId]);
      assert.deepEqual(await ids('phone=138-1234-5678'), [zhangId]);
      assert.deepEqual(await ids('phone=13800000000'), []);
      assert.ok((await ids('tags=subsistence_allowance')).includes(zhangId));
      assert.ok((await ids('tags=living_alone&ageMin=70&ageMax=100')).includes(zhangId));
      assert.ok(!(await ids('ageMax=70')).includes(zhangId));
    });

    test('scope: a community worker sees only their community and cannot create elsewhere', async () => {
      let cursor: string | null = null;
      do {
        const res = await community.get(`/api/v1/elders?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        const body = res.json();
        for (const i of body.items) assert.equal(i.regionCode, communityRegion);
        cursor = body.nextCursor;
      } while (cursor);
      const outside = await community.post('/api/v1/elders', {
        name: '李四',
        idNumber: LI,
        regionCode: otherCommunity,
      });
      assert.equal(outside.statusCode, 403);
      assert.equal(outside.json().errors[0].pointer, '/body/regionCode');
      const street1 = await community.post('/api/v1/elders', {
        name: '李四',
        idNumber: LI,
        regionCode: `${communityRegion.slice(0, 9)}000`,
      });
      assert.equal(street1.statusCode, 422);
      assert.equal(street1.json().errors[0].code, 'elder.region_not_village');
      // Created by the street in the other community: invisible to the community worker.
      const other = await street.post('/api/v1/elders', {
        name: '李四',
        idNumber: LI,
        regionCode: otherCommunity,
      });
      assert.equal(other.statusCode, 201, other.body);
      assert.equal((await community.get(`/api/v1/elders/${other.json().id}`)).statusCode, 404);
      // A duplicate the caller cannot see does not reveal the other record.
      const dup = await community.post('/api/v1/elders', {
        name: '李四',
        idNumber: LI,
        regionCode: communityRegion,
      });
      assert.equal(dup.statusCode, 409);
      assert.equal(dup.json().meta, undefined);
    });

    test('list order: grouped by region, then registration; pages cover every row once', async () => {
      const all = (await street.get('/api/v1/elders?limit=200')).json();
      assert.equal(all.nextCursor, null, 'the test district fits one page');
      const seen: { id: string; regionCode: string; createdAt: string }[] = [];
      let cursor: string | null = null;
      do {
        const res = await street.get(`/api/v1/elders?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        seen.push(...res.json().items);
        cursor = res.json().nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen.map((i) => i.id),
        all.items.map((i: { id: string }) => i.id),
      );
      assert.ok(new Set(seen.map((i) => i.regionCode)).size >= 2, 'rows from more than one community');
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1]!, seen[i]!];
        assert.ok(
          a.regionCode < b.regionCode || (a.regionCode === b.regionCode && a.createdAt <= b.createdAt),
          `${a.regionCode} ${a.createdAt} before ${b.regionCode} ${b.createdAt}`,
        );
      }
      const narrowed = (await street.get(`/api/v1/elders?limit=200&regionCode=${otherCommunity}`)).json();
      assert.ok(narrowed.items.length > 0);
      for (const i of narrowed.items) assert.equal(i.regionCode, otherCommunity);
      // The total of the same filters (issue 13 §4), exact below the cap; counted up to cap + 1 only.
      const total = (await street.get('/api/v1/elders/count')).json();
      assert.deepEqual(total, { count: all.items.length, capped: false });
      const inOther = (await street.get(`/api/v1/elders/count?regionCode=${otherCommunity}`)).json();
      assert.equal(inOther.count, narrowed.items.length);
      const aged70 = (await street.get('/api/v1/elders?limit=200&ageMin=70')).json().items.length;
      assert.equal((await street.get('/api/v1/elders/count?ageMin=70')).json().count, aged70);
      const me = (await street.get('/api/v1/me')).json();
      const scope = scopeOf(me.regionCode, null);
      assert.equal(await countMatching(env.platform.db, scope, {}, 2), 3, 'stops at cap + 1');
      assert.equal((await street.get('/api/v1/elders/count?q=x')).statusCode, 400, 'no name search');
      // A cursor of another list's shape, or garbage: 400 at /query/cursor, never a database error.
      const oldShape = Buffer.from(JSON.stringify([new Date().toISOString(), seen[0]!.id])).toString(
        'base64url',
      );
      const badId = Buffer.from(
        JSON.stringify(['500110001001', new Date().toISOString(), "x' OR 1=1"]),
      ).toString('base64url');
      for (const c of [oldShape, badId, 'garbage']) {
        const res = await street.get(`/api/v1/elders?cursor=${c}`);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().errors[0].pointer, '/query/cursor');
      }
    });

    test('name search: prefix matches first, then other matches, each by name; pages cover every row once', async () => {
      const names = ['秀英', '秀英芳', '王秀英', '李秀英', '张秀英兰'];
      for (const [i, name] of names.entries()) {
        const res = await community.post('/api/v1/elders', {
          name,
          idNumber: id(`650102194501${String(i + 1).padStart(2, '0')}223`),
          regionCode: communityRegion,
        });
        assert.equal(res.statusCode, 201, res.body);
      }
      type Item = { id: string; name: string; regionCode: string };
      const pages = async (q: string, limit: number) => {
        const seen: Item[] = [];
        let cursor: string | null = null;
        do {
          const res = await street.get(
            `/api/v1/elders?q=${encodeURIComponent(q)}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          assert.equal(res.statusCode, 200, res.body);
          seen.push(...res.json().items);
          cursor = res.json().nextCursor;
          // The cursor carries the last row's name key: sealed, it shows neither the name nor its pinyin.
          const shown = `${cursor ?? ''} ${Buffer.from((cursor ?? '').replace(/\./g, ''), 'base64url').toString()}`;
          for (const secret of ['秀英', 'xiuying']) assert.ok(!shown.includes(secret), shown);
        } while (cursor);
        return seen;
      };
      const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
      // The street sees masked names; the ids tell which rows came back.
      const byId = new Map<string, string>();
      for (const row of await env.platform.db.select({ id: elders.id, name: elders.name }).from(elders))
        byId.set(row.id, row.name);
      const all = await pages('秀英', 200);
      const found = all.map((i) => byId.get(i.id)!);
      for (const n of names) assert.ok(found.includes(n), `${n} found`);
      for (const n of found) assert.ok(n.includes('秀英'), n);
      const firstOther = found.findIndex((n) => !n.startsWith('秀英'));
      assert.ok(firstOther > 0 && found.slice(firstOther).every((n) => !n.startsWith('秀英')), found.join());
      for (const part of [found.slice(0, firstOther), found.slice(firstOther)])
        for (let i = 1; i < part.length; i++) assert.ok(bytewise(part[i - 1]!, part[i]!) <= 0, part.join());
      assert.deepEqual(
        (await pages('秀英', 2)).map((i) => i.id),
        all.map((i) => i.id),
      );
      // Pinyin: initials, then full pinyin; paging across the arms loses and repeats nothing.
      const xiu = await pages('xiu', 200);
      const xiuNames = xiu.map((i) => byId.get(i.id)!);
      for (const n of ['秀英', '秀英芳']) assert.ok(xiuNames.includes(n), xiuNames.join());
      assert.equal(new Set(xiu.map((i) => i.id)).size, xiu.length);
      assert.deepEqual(
        (await pages('xiu', 1)).map((i) => i.id),
        xiu.map((i) => i.id),
      );
      // A list cursor in a search, or a search cursor naming an arm the search does not have: 400.
      const listCursor = (await street.get('/api/v1/elders?limit=1')).json().nextCursor as string;
      const at = new Date().toISOString();
      const cursorOf = (arm: string) =>
        Buffer.from(JSON.stringify([arm, '秀英', communityRegion, at, all[0]!.id])).toString('base64url');
      const sealed = (arm: string) =>
        env.platform.cipher.encrypt(cursorOf(arm), ELDER_CIPHER_CONTEXT.searchCursor);
      // Unsealed (made by hand), a list's, or sealed but naming an arm a Chinese search does not have.
      for (const c of [cursorOf('0'), listCursor, sealed('2'), sealed('x')]) {
        const res = await street.get(`/api/v1/elders?q=${encodeURIComponent('秀英')}&cursor=${c}`);
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().errors[0].pointer, '/query/cursor');
      }
    });

    test('reveal needs elder:read_sensitive and a reason, and is audited', async () => {
      const denied = await community.post(`/api/v1/elders/${zhangId}/reveal`, {
        reason: '上门核实身份',
        fields: ['idNumber'],
      });
      assert.equal(denied.statusCode, 403);
      const noReason = await hotline.post(`/api/v1/elders/${zhangId}/reveal`, {
        reason: '看',
        fields: ['idNumber'],
      });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().errors[0].pointer, '/body/reason');
      const ok = await hotline.post(`/api/v1/elders/${zhangId}/reveal`, {
        reason: '12349 来电核实身份',
        fields: ['name', 'idNumber', 'phone', 'address', 'health'],
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const v = ok.json();
      assert.equal(v.name, '张三华');
      assert.equal(v.idNumber, ZHANG);
      assert.equal(v.phone, '13812345678');
      assert.equal(v.address, '古南街道幸福社区3栋2单元501号');
      assert.deepEqual(v.health.allergies, ['青霉素']);
      const [entry] = await env.platform.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'elder.view_sensitive'));
      assert.ok(entry);
      assert.equal(entry.entityId, zhangId);
      assert.equal(entry.reason, '12349 来电核实身份');
      assert.deepEqual((entry.detail as { fields: string[] }).fields, [
        'name',
        'idNumber',
        'phone',
        'address',
        'health',
      ]);
      assert.ok(!JSON.stringify(entry).includes(ZHANG));
    });

    test('a reveal reason must be words: blanks, dots or zero-width characters reveal nothing', async () => {
      const audited = async () =>
        (
          await env.platform.db
            .select()
            .from(auditEvents)
            .where(eq(auditEvents.action, 'elder.view_sensitive'))
        ).length;
      const before = await audited();
      for (const reason of [
        '\u200b\u200b\u200b\u200b',
        '....',
        '。。。。。。',
        ' \u3000\u00a0 \ufeff',
        '核实',
        '1234',
      ]) {
        const res = await hotline.post(`/api/v1/elders/${zhangId}/reveal`, { reason, fields: ['idNumber'] });
        assert.equal(res.statusCode, 400, `${JSON.stringify(reason)}: ${res.body}`);
        assert.ok(!res.body.includes(ZHANG));
        assert.deepEqual(res.json().errors, [
          {
            pointer: '/body/reason',
            code: 'elder.reveal_reason_too_short',
            message: '请写明查看理由，至少 4 个字（空格、标点和不可见字符不计）',
          },
        ]);
      }
      assert.equal(await audited(), before, 'a refused reveal is not a read');
    });

    test('the home position is stored encrypted; lists and detail show it rounded to ~1 km', async () => {
      const first17 = '65010219400707123';
      const res = await community.post('/api/v1/elders', {
        name: '定位老人',
        idNumber: validIdNumber(first17),
        regionCode: communityRegion,
        lat: 29.0345678,
        lng: 106.6512345,
      });
      assert.equal(res.statusCode, 201, res.body);
      const e = res.json();
      assert.deepEqual([e.lat, e.lng], [29.03, 106.65]);
      const [row] = await env.platform.db.select().from(elders).where(eq(elders.id, e.id));
      assert.deepEqual([row!.lat, row!.lng], [29.03, 106.65]);
      assert.ok(row!.locationEnc && !row!.locationEnc.includes('0345678'), 'exact position encrypted');
      const v = (
        await hotline.post(`/api/v1/elders/${e.id}/reveal`, {
          reason: '上门探访核实住址',
          fields: ['address'],
        })
      ).json();
      assert.deepEqual(v.location, { lat: 29.0345678, lng: 106.6512345 });
      // A row from before migration 0005 (exact columns, nothing encrypted) is fixed by the backfill.
      await env.platform.db
        .update(elders)
        .set({ lat: 29.0345678, lng: 106.6512345, locationEnc: null })
        .where(eq(elders.id, e.id));
      await backfillElderMasks(env.platform);
      const [after] = await env.platform.db.select().from(elders).where(eq(elders.id, e.id));
      assert.deepEqual([after!.lat, after!.lng], [29.03, 106.65]);
      const again = (
        await hotline.post(`/api/v1/elders/${e.id}/reveal`, {
          reason: '上门探访核实住址',
          fields: ['address'],
        })
      ).json();
      assert.deepEqual(again.location, { lat: 29.0345678, lng: 106.6512345 });
    });

    test('optimistic concurrency, history with masked values', async () => {
      const upd = await community.patch(`/api/v1/elders/${zhangId}`, {
        version: 1,
        reason: '老人更换手机号',
        phone: '13987654321',
        livingSituation: 'empty_nest',
      });
      assert.equal(upd.statusCode, 200, upd.body);
      assert.equal(upd.json().version, 2);
      assert.equal(upd.json().phoneMasked, '139****4321');
      const stale = await street.patch(`/api/v1/elders/${zhangId}`, {
        version: 1,
        reason: '改名字了',
        name: '张三',
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().code, 'common.conflict');
      const noReason = await community.patch(`/api/v1/elders/${zhangId}`, { version: 2, name: '张三' });
      assert.equal(noReason.statusCode, 400);
      const h = (await community.get(`/api/v1/elders/${zhangId}/history`)).json();
      assert.deepEqual(
        h.items.map((i: { version: number; kind: string }) => [i.version, i.kind]),
        [
          [2, 'update'],
          [1, 'create'],
        ],
      );
      const change = h.items[0];
      assert.equal(change.reason, '老人更换手机号');
      assert.deepEqual(Object.keys(change.after).sort(), ['livingSituation', 'phone']);
      assert.deepEqual(change.before.phone, '138****5678');
      assert.deepEqual(change.after.phone, '139****4321');
      const rows = await env.platform.db
        .select()
        .from(elderVersions)
        .where(eq(elderVersions.elderId, zhangId));
      const text = JSON.stringify(rows);
      for (const secret of [ZHANG, '13812345678', '13987654321', '张三华', '3栋2单元', '青霉素'])
        assert.ok(!text.includes(secret), `history leaks ${secret}`);
      const audit = await env.platform.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'elder.update'));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.reason, '老人更换手机号');
    });

    test('tags: manual only, with validity; assessment tags refused', async () => {
      const bad = await community.request('PUT', `/api/v1/elders/${zhangId}/tags`, {
        tags: [
          { code: 'disabled', validFrom: '2025-01-01' },
          { code: 'aged_80', validFrom: '2025-01-01' },
          { code: 'low_income', validFrom: '2025-02-01', validTo: '2025-01-01' },
        ],
      });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(
        bad.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [
          ['/body/tags/0/code', 'elder.tag_read_only'],
          ['/body/tags/1/code', 'elder.tag_derived'],
          ['/body/tags/2/validTo', 'elder.tag_validity'],
        ],
      );
      const ok = await community.request('PUT', `/api/v1/elders/${zhangId}/tags`, {
        tags: [
          { code: 'senior_party_member', validFrom: '2020-01-01' },
          { code: 'low_income', validFrom: '2020-01-01', validTo: '2021-12-31' },
        ],
        reason: '年度复核',
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(
        ok.json().tags.map((t: { code: string }) => t.code),
        ['senior_party_member'],
        'expired tags are not current',
      );
      assert.equal(ok.json().tagRecords.length, 2);
    });

    test('family members with consent; masked in the detail', async () => {
      const add = await community.post(`/api/v1/elders/${zhangId}/family`, {
        name: '张伟',
        relationship: 'son',
        phone: '13700001111',
        mayActFor: true,
        isGuardian: true,
        consent: {
          consentedAt: '2025-03-01T10:00:00+08:00',
          scope: ['personal_info', 'services'],
          version: 'v1',
        },
      });
      assert.equal(add.statusCode, 201, add.body);
      const m = add.json();
      assert.equal(m.name, '张*');
      assert.equal(m.phoneMasked, '137****1111');
      assert.deepEqual(m.consent.scope, ['personal_info', 'services']);
      const upd = await community.patch(`/api/v1/elders/${zhangId}/family/${m.id}`, { isGuardian: false });
      assert.equal(upd.statusCode, 200);
      assert.equal(upd.json().isGuardian, false);
      const detail = (await community.get(`/api/v1/elders/${zhangId}`)).json();
      assert.equal(detail.family.length, 1);
      const del = await community.delete(`/api/v1/elders/${zhangId}/family/${m.id}`);
      assert.equal(del.statusCode, 204);
      assert.equal((await community.get(`/api/v1/elders/${zhangId}`)).json().family.length, 0);
    });

    test('status change: deceased is final and announced', async () => {
      const future = await community.post(`/api/v1/elders/${zhangId}/status`, {
        status: 'deceased',
        date: '2999-01-01',
        reason: '家属告知',
      });
      assert.equal(future.statusCode, 422);
      const res = await community.post(`/api/v1/elders/${zhangId}/status`, {
        status: 'deceased',
        date: '2025-06-01',
        reason: '家属告知',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'deceased');
      const events = await env.platform.db
        .select()
        .from(outboxEvents)
        .where(eq(outboxEvents.topic, 'elder.deceased'));
      assert.equal(events.length, 1);
      assert.equal((events[0]!.payload as { id: string }).id, zhangId);
      const again = await community.post(`/api/v1/elders/${zhangId}/status`, {
        status: 'active',
        date: '2025-06-02',
        reason: '误报',
      });
      assert.equal(again.statusCode, 422);
      assert.equal(again.json().errors[0].code, 'elder.status_final');
      const dead = (await community.get('/api/v1/elders?status=deceased')).json().items;
      assert.deepEqual(
        dead.map((i: { id: string }) => i.id),
        [zhangId],
      );
    });
  });
}
