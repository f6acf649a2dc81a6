import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import { dbTargets, multipartFile, startTestEnv, type Client, type TestEnv } from '../../../test/harness.ts';
import { MIGRATIONS_DIR } from '../../platform/db.ts';
import { backfillElderMasks } from './elder.backfill.ts';
import { elderMasks } from './elder.codec.ts';
import { nameGrams } from './pinyin.ts';
import { elders, elderTags } from './elder.table.ts';
import { validIdNumber } from '../../../test/builders.ts';

/**
 * The list reads stored copies (migration 0004): masked display values and
 * `tag_codes`. After every kind of write, each row's copies must equal what
 * its encrypted fields and its elder_tags rows say.
 */
const id = validIdNumber;
const WANG = id('65010219470203123');
const WANG_NEW = id('65010219470203131');
const IMPORTED = id('65010219450909124');

for (const target of await dbTargets()) {
  describe(`elder derived columns stay in sync (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let region: string;
    let wangId: string;

    /** Every row: masks from the decrypted values, tag codes from elder_tags. */
    async function assertInSync(label: string) {
      const db = env.platform.db;
      const rows = await db.select().from(elders).orderBy(asc(elders.id));
      const tags = await db
        .select({ elderId: elderTags.elderId, code: elderTags.code })
        .from(elderTags)
        .orderBy(asc(elderTags.code));
      for (const e of rows) {
        const plain = env.services.elders.plain(e);
        assert.deepEqual(
          {
            nameMasked: e.nameMasked,
            idNumberMasked: e.idNumberMasked,
            phoneMasked: e.phoneMasked,
            addressMasked: e.addressMasked,
          },
          elderMasks(plain),
          `${label}: masks of ${e.id}`,
        );
        const codes = [...new Set(tags.filter((t) => t.elderId === e.id).map((t) => t.code))];
        assert.deepEqual(e.tagCodes, codes, `${label}: tag_codes of ${e.id}`);
        assert.deepEqual(
          [...e.nameGrams].sort(),
          nameGrams(e.name).sort(),
          `${label}: name_grams of ${e.id}`,
        );
      }
    }

    before(async () => {
      env = await startTestEnv(target);
      community = await env.login('community');
      region = (await community.get('/api/v1/me')).json().regionCode;
    });
    after(() => env?.close());

    test('seeded rows', () => assertInSync('seed'));

    test('create with tags', async () => {
      const res = await community.post('/api/v1/elders', {
        name: '王建国',
        idNumber: WANG,
        phone: '13812345678',
        regionCode: region,
        address: '古南街道幸福社区3栋2单元501号',
        tags: [{ code: 'subsistence_allowance', validFrom: '2024-01-01' }],
      });
      assert.equal(res.statusCode, 201, res.body);
      wangId = res.json().id;
      const [row] = await env.platform.db.select().from(elders).where(eq(elders.id, wangId));
      assert.equal(row!.nameMasked, '王*国');
      assert.deepEqual(row!.tagCodes, ['subsistence_allowance']);
      await assertInSync('create');
    });

    test('name search by substring and pinyin uses the stored keys', async () => {
      const [some] = await env.platform.db
        .select()
        .from(elders)
        .where(eq(elders.regionCode, region))
        .limit(1);
      const names = async (q: string) =>
        (
          (await community.get(`/api/v1/elders?q=${encodeURIComponent(q)}&limit=200`)).json().items as {
            id: string;
          }[]
        ).map((e) => e.id);
      const given = Array.from(some!.name).slice(1).join('');
      const [all] = await env.platform.db
        .select({ n: sql<number>`count(*)::int` })
        .from(elders)
        .where(sql`${elders.name} LIKE ${`%${given}%`} AND ${elders.regionCode} = ${region}`);
      assert.ok((await names(given)).includes(some!.id));
      assert.equal((await names(given)).length, all!.n, 'a given name found anywhere in the name');
    });

    test('update of name, ID number, phone and address', async () => {
      const cur = (await community.get(`/api/v1/elders/${wangId}`)).json();
      const res = await community.patch(`/api/v1/elders/${wangId}`, {
        version: cur.version,
        reason: '核对户口本',
        name: '王建华',
        idNumber: WANG_NEW,
        phone: null,
        address: '古南街道向阳小区1栋',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().nameMasked, '王*华');
      assert.equal(res.json().phoneMasked, null);
      await assertInSync('update');
    });

    test('tag changes, including expired and future tags, and filtering by them', async () => {
      const cur = (await community.get(`/api/v1/elders/${wangId}`)).json();
      const res = await community.request('PUT', `/api/v1/elders/${wangId}/tags`, {
        reason: '年度复核',
        tags: [
          { code: 'disability', validFrom: '2020-01-01' },
          { code: 'low_income', validFrom: '2020-01-01', validTo: '2021-12-31' },
          { code: 'senior_party_member', validFrom: '2099-01-01' },
        ],
      });
      assert.equal(res.statusCode, 200, `${res.body} (version ${cur.version})`);
      await assertInSync('tags');
      // tag_codes is only a pre-filter: expired and future tags do not match.
      const ids = async (tags: string) =>
        ((await community.get(`/api/v1/elders?tags=${tags}&limit=200`)).json().items as { id: string }[]).map(
          (e) => e.id,
        );
      assert.ok((await ids('disability')).includes(wangId));
      assert.ok(!(await ids('low_income')).includes(wangId), 'expired tag');
      assert.ok(!(await ids('senior_party_member')).includes(wangId), 'future tag');
      assert.ok(!(await ids('subsistence_allowance')).includes(wangId), 'removed tag');
    });

    test('status change', async () => {
      const res = await community.post(`/api/v1/elders/${wangId}/status`, {
        status: 'hospitalised',
        date: '2025-01-02',
        reason: '住院',
      });
      assert.equal(res.statusCode, 200, res.body);
      await assertInSync('status');
    });

    test('import: new rows and updates of existing ones', async () => {
      const run = async (csv: string, query: string) => {
        const m = multipartFile('elders.csv', 'text/csv', csv);
        const res = await community.request('POST', `/api/v1/elders/import?${query}`, m.payload, m.headers);
        assert.equal(res.statusCode, 202, res.body);
        await env.services.imports.drain();
        const job = (await community.get(`/api/v1/elders/import/${res.json().jobId}`)).json();
        assert.equal(job.failed, 0, JSON.stringify(job));
        return job;
      };
      const head = '姓名,证件号码,所属社区/村代码,联系电话,家庭住址,老人类别\n';
      const created = await run(
        `${head}赵秀英,${IMPORTED},${region},13900001111,幸福社区5栋,低保\n`,
        'dryRun=false',
      );
      assert.equal(created.created, 1);
      await assertInSync('import create');
      const updated = await run(
        `${head}赵秀兰,${IMPORTED},${region},13700002222,,残疾\n王建民,${WANG_NEW},${region},,,\n`,
        'dryRun=false&onDuplicate=update',
      );
      assert.equal(updated.updated, 2);
      await assertInSync('import update');
    });

    test("migration 0004's backfill statements compute what the app writes", async () => {
      const migration = readFileSync(join(MIGRATIONS_DIR, '0004_elder_query_perf.sql'), 'utf8');
      const updates = migration.split('--> statement-breakpoint').filter((s) => /^\s*UPDATE\b/m.test(s));
      assert.equal(updates.length, 2);
      await env.platform.db.update(elders).set({ nameGrams: [], tagCodes: [] });
      for (const u of updates) await env.platform.database.exec(u.replace(/^--.*$/gm, ''));
      await assertInSync('migration backfill');
    });

    test('rows from before migration 0004 are masked by the start-up backfill', async () => {
      const db = env.platform.db;
      await db
        .update(elders)
        .set({ nameMasked: null, idNumberMasked: null, phoneMasked: null, addressMasked: null });
      // The list still shows masked values (decrypting) while a row waits for the backfill.
      const page = (await community.get(`/api/v1/elders?idNumber=${IMPORTED}`)).json();
      assert.equal(page.items[0].nameMasked, '赵*兰');
      const n = (await db.select({ n: sql<number>`count(*)::int` }).from(elders))[0]!.n;
      assert.equal(await backfillElderMasks(env.platform, 64), n);
      assert.equal((await db.select().from(elders).where(isNull(elders.nameMasked))).length, 0);
      await assertInSync('backfill');
    });
  });
}
