import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from '../../../platform/exceljs.ts';
import { auditEvents } from '../../../platform/platform.table.ts';
import {
  dbTargets,
  multipartFile,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../../../test/harness.ts';
import { elderImportJobs } from './elder.import.table.ts';
import { elders, elderVersions } from '../elder.table.ts';
import { validIdNumber } from '../../../../test/builders.ts';

const id = validIdNumber;
// Address code 650102 keeps these apart from the seeded elders.
const A = id('65010219480101123');
const B_BAD = (() => {
  const good = id('65010219480202123');
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
})();
const C_YOUNG = id('65010219900303123');
const D = id('65010219480404123');
const E = id('65010219480505123');
const G = id('65010219480606124');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Job = {
  jobId: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
};
type Issue = { row: number; column: string | null; kind: string; code: string; message: string };

async function xlsxOf(rows: (string | ExcelJS.CellValue)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('老年人信息');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const target of await dbTargets()) {
  describe(`elder import and export (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let street: Client;
    let communityRegion: string;
    let otherCommunity: string;

    const count = async (table: typeof elders | typeof elderVersions | typeof auditEvents) =>
      (await env.platform.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;

    async function upload(
      client: Client,
      content: Buffer | string,
      opts: { name?: string; type?: string; query?: string } = {},
    ) {
      const m = multipartFile(opts.name ?? 'elders.csv', opts.type ?? 'text/csv', content);
      return client.request(
        'POST',
        `/api/v1/elders/import?${opts.query ?? 'dryRun=false'}`,
        m.payload,
        m.headers,
      );
    }
    async function run(client: Client, content: Buffer | string, opts: Parameters<typeof upload>[2] = {}) {
      const res = await upload(client, content, opts);
      assert.equal(res.statusCode, 202, res.body);
      await env.services.imports.drain();
      const job = await client.get(`/api/v1/elders/import/${res.json().jobId}`);
      assert.equal(job.statusCode, 200, job.body);
      const issues = await client.get(`/api/v1/elders/import/${res.json().jobId}/errors`);
      return { job: job.json() as Job, issues: issues.json().items as Issue[] };
    }

    before(async () => {
      env = await startTestEnv(target, { env: { IMPORT_MAX_MB: '2', LOG_LEVEL: 'error' } });
      community = await env.login('community');
      street = await env.login('street');
      communityRegion = (await community.get('/api/v1/me')).json().regionCode;
      const villages = (await street.get(`/api/v1/regions?parent=${communityRegion.slice(0, 9)}000`)).json();
      otherCommunity = (villages.items as { code: string }[]).find((r) => r.code !== communityRegion)!.code;
    });
    after(() => env?.close());

    test('the template downloads, has Chinese headers, a key row and instructions, and re-uploads', async () => {
      const res = await community.get('/api/v1/elders/import/template');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('老年人信息')!;
      assert.equal(ws.getRow(1).getCell(1).value, '姓名*');
      assert.equal(ws.getRow(2).getCell(1).value, 'name');
      assert.ok(ws.getRow(2).hidden);
      assert.ok(wb.getWorksheet('填写说明'));
      const codes = wb.getWorksheet('社区代码')!;
      assert.equal(codes.getRow(2).getCell(1).value, communityRegion, 'the worker’s community is listed');
      // Fill two rows under the key row and upload the same workbook.
      const keys = (ws.getRow(2).values as string[]).slice(1);
      const put = (row: number, values: Record<string, string>) =>
        keys.forEach((k, i) => values[k] !== undefined && (ws.getRow(row).getCell(i + 1).value = values[k]!));
      put(3, {
        name: '模板甲',
        idNumber: A,
        regionCode: communityRegion,
        livingSituation: '独居',
        tags: '低保、残疾',
      });
      put(4, { name: '模板乙', idNumber: D, regionCode: communityRegion, phone: '13812345678' });
      const before = await count(elders);
      const { job, issues } = await run(community, Buffer.from(await wb.xlsx.writeBuffer()), {
        name: '摸底表.xlsx',
        type: XLSX,
      });
      assert.deepEqual(issues, []);
      assert.equal(job.status, 'completed', JSON.stringify(job));
      assert.deepEqual([job.total, job.created, job.failed], [2, 2, 0]);
      assert.equal(await count(elders), before + 2);
      const found = (await community.get(`/api/v1/elders?idNumber=${A}`)).json().items[0];
      assert.equal(found.nameMasked, '模*甲');
      assert.deepEqual(found.derivedTags, ['living_alone']);
      assert.deepEqual(found.tags.map((t: { code: string }) => t.code).sort(), [
        'disability',
        'subsistence_allowance',
      ]);
    });

    test('a dry run reports what would happen and writes nothing', async () => {
      const counts = [await count(elders), await count(elderVersions), await count(auditEvents)];
      const csv = `\uFEFF姓名,证件号码,所属社区/村代码\n试导入,${E},${communityRegion}\n试导入二,${A},${communityRegion}\n`;
      const { job, issues } = await run(community, csv, { query: 'dryRun=true&onDuplicate=skip' });
      assert.deepEqual([job.status, job.total, job.created, job.skipped], ['completed', 2, 1, 1]);
      assert.deepEqual(
        issues.map((i) => [i.row, i.code]),
        [[3, 'elder.import.duplicate_skipped']],
      );
      assert.deepEqual([await count(elders), await count(elderVersions), await count(auditEvents)], counts);
    });

    test('a sheet with bad rows reports exactly those rows and imports the others', async () => {
      const before = await count(elders);
      const auditBefore = await count(auditEvents);
      const buf = await xlsxOf([
        ['姓名', '证件号码', '所属社区/村代码', '联系电话'],
        ['正常甲', E, communityRegion, '13900001111'], // row 2
        ['校验错', B_BAD, communityRegion, ''], // row 3
        ['年轻人', C_YOUNG, communityRegion, ''], // row 4
        ['无区划', G, '500222999999', ''], // row 5
        [{ formula: 'HYPERLINK("http://x","点我")', result: '点我' }, G, communityRegion, ''], // row 6
        ['重复甲', E, communityRegion, ''], // row 7
        ['正常乙', G, communityRegion, '=1+2'], // row 8: formula text in the phone
        ['正常丙', G, communityRegion, ''], // row 9
      ]);
      const { job, issues } = await run(community, buf, { name: 'mixed.xlsx', type: XLSX });
      assert.deepEqual(
        issues.map((i) => [i.row, i.column, i.code]),
        [
          [3, 'idNumber', 'elder.id_number.checksum'],
          [4, 'idNumber', 'elder.under_age'],
          [5, 'regionCode', 'region.unknown'],
          [6, 'name', 'elder.import.formula'],
          [7, 'idNumber', 'elder.import.duplicate_in_file'],
          [8, 'phone', 'elder.import.formula'],
        ],
      );
      assert.ok(
        issues.every((i) => i.kind === 'error' && /[\u4e00-\u9fa5]/.test(i.message)),
        'Chinese messages',
      );
      assert.deepEqual([job.total, job.created, job.failed], [8, 2, 6]);
      assert.equal(await count(elders), before + 2);
      const audits = await env.platform.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'elder.import'));
      assert.equal((await count(auditEvents)) - auditBefore, 1, 'one audit entry for the batch');
      assert.equal(audits.at(-1)!.detail.created, 2);

      const report = await community.get(`/api/v1/elders/import/${job.jobId}/errors.xlsx`);
      assert.equal(report.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.equal(ws.getRow(1).getCell(1).value, '行号');
      assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1, 5), [
        3,
        '证件号码',
        '错误',
        'elder.id_number.checksum',
      ]);
      assert.match(String(ws.getRow(2).getCell(5).value), /校验位/);
      assert.equal(ws.rowCount, 7);
    });

    test('duplicates against the registry: skip leaves the record, update changes it with history', async () => {
      const csv = (phone: string) =>
        `姓名,证件号码,所属社区/村代码,联系电话\n模板甲,${A},${communityRegion},${phone}\n`;
      const skip = await run(community, csv('13700002222'), { query: 'dryRun=false&onDuplicate=skip' });
      assert.deepEqual([skip.job.skipped, skip.job.updated, skip.job.created], [1, 0, 0]);
      const elder = (await community.get(`/api/v1/elders?idNumber=${A}`)).json().items[0];
      assert.equal(elder.phoneMasked, null);
      const upd = await run(community, csv('13700002222'), { query: 'dryRun=false&onDuplicate=update' });
      assert.deepEqual([upd.job.skipped, upd.job.updated, upd.job.created, upd.job.failed], [0, 1, 0, 0]);
      const detail = (await community.get(`/api/v1/elders/${elder.id}`)).json();
      assert.equal(detail.phoneMasked, '137****2222');
      assert.equal(detail.version, 2);
      assert.equal(detail.livingSituation, 'alone', 'empty cells leave fields as they were');
      const history = (await community.get(`/api/v1/elders/${elder.id}/history`)).json().items;
      assert.equal(history[0].kind, 'update');
      assert.equal(history[0].reason, '摸底表导入');
      assert.deepEqual(history[0].after, { phone: '137****2222' });
    });

    test('bad characters, hidden formulas and misplaced categories are errors at their cells', async () => {
      const before = await count(elders);
      // Unregistered numbers, so that each row meets only its own problem.
      const [r2, r3, r4, r5, r6] = ['0801', '0802', '0803', '0804', '0805'].map((d) =>
        id(`6501021948${d}123`),
      );
      const csv = [
        '姓名,证件号码,所属社区/村代码,居住地址,老人类别',
        `张\u0000三,${r2},${communityRegion},,`, // row 2: NUL in the name
        `正常丙,${r3},${communityRegion}," =1+2",`, // row 3: a formula behind a space
        `正常丁,${r4},${communityRegion},"\r=1+1",`, // row 4: … behind a carriage return
        `正常戊,${r5},${communityRegion},,"低保、空巢"`, // row 5: a living situation as a category
        `正常己,${r6},${communityRegion},"幸福社区\r\n3栋",`, // row 6: a line break inside is a space
      ].join('\n');
      const { job, issues } = await run(community, csv, { query: 'dryRun=false' });
      assert.equal(job.status, 'completed', JSON.stringify(job));
      assert.deepEqual(
        issues.map((i) => [i.row, i.column, i.code, i.message]),
        [
          [2, 'name', 'common.invalid_characters', '第 2 个字符是控制字符或无法识别的字符，请删除后重新填写'],
          [3, 'address', 'elder.import.formula', '单元格不能以 = + - @ 开头或包含公式'],
          [4, 'address', 'elder.import.formula', '单元格不能以 = + - @ 开头或包含公式'],
          [
            5,
            'tags',
            'elder.import.tag_is_living_situation',
            '“空巢”是居住情况，不是老人类别：请填在“居住情况”列',
          ],
        ],
      );
      assert.deepEqual([job.total, job.created, job.failed], [5, 1, 4]);
      assert.equal(await count(elders), before + 1, 'the good row is imported');
    });

    test('a file name with a NUL is refused at the file, and no job is made', async () => {
      const jobs = async () => (await env.platform.db.select().from(elderImportJobs)).length;
      const before = await jobs();
      const res = await upload(community, `姓名,证件号码,所属社区/村代码\n甲,${A},${communityRegion}\n`, {
        name: 'elders\u0000.csv',
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(
        res.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
        [['/body/file', 'common.invalid_characters']],
      );
      assert.equal(await jobs(), before);
    });

    test('files that are not a spreadsheet are refused with problem+json; oversize is 413', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      for (const [content, name] of [
        [png, 'photo.xlsx'],
        [Buffer.from('name,id\n'), 'elders.exe'],
        [await xlsxOf([['姓名']]), 'renamed.csv'],
      ] as const) {
        const res = await upload(community, content, { name });
        assert.equal(res.statusCode, 415, `${name}: ${res.body}`);
        assert.match(res.headers['content-type'] as string, /problem\+json/);
        assert.equal(res.json().code, 'elder.import.unsupported_file');
      }
      const json = await community.post('/api/v1/elders/import?dryRun=true', { rows: [] });
      assert.equal(json.statusCode, 415);
      const big = Buffer.alloc(3 * 1024 * 1024, 'a'); // the test env sets IMPORT_MAX_MB=2
      const res = await upload(community, big, { name: 'big.csv' });
      assert.equal(res.statusCode, 413, res.body);
      assert.equal(res.json().code, 'elder.import.file_too_large');
    });

    test('scope: a community worker cannot import rows for another community', async () => {
      const before = [await count(elders), await count(elderVersions)];
      const csv = `姓名,证件号码,所属社区/村代码\n越界,${id('65010219470707123')},${otherCommunity}\n`;
      const { job, issues } = await run(community, csv);
      assert.deepEqual([job.created, job.failed], [0, 1]);
      assert.deepEqual(
        issues.map((i) => [i.row, i.column, i.code]),
        [[2, 'regionCode', 'auth.out_of_scope']],
      );
      assert.deepEqual([await count(elders), await count(elderVersions)], before);
      const other = await upload(community, csv, { query: `regionCode=${otherCommunity}` });
      assert.equal(other.statusCode, 403);
      // The street sees the job of its community; the job of another street is not found.
      assert.equal((await street.get(`/api/v1/elders/import/${job.jobId}`)).statusCode, 200);
    });

    test('export: masked values, neutralised cells, streamed, audited with filter and row count', async () => {
      await community.post('/api/v1/elders', {
        name: '=cmd|calc',
        idNumber: id('65010219460808123'),
        regionCode: communityRegion,
        phone: '13812345678',
        address: '古南街道幸福社区3栋2单元501号',
      });
      const res = await community.get(`/api/v1/elders/export.xlsx?regionCode=${communityRegion}`);
      assert.equal(res.statusCode, 200, res.body);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      assert.equal(ws.getRow(1).getCell(1).value, '姓名');
      const rows: string[][] = [];
      ws.eachRow((r, n) => n > 1 && rows.push((r.values as string[]).slice(1).map(String)));
      const listed = (await community.get('/api/v1/elders?limit=200')).json().items.length;
      assert.equal(rows.length, listed);
      for (const r of rows) {
        assert.match(r[3]!, /^\d{4}\*+[\dX]{4}$/, 'ID masked');
        if (r[4]) assert.match(r[4], /^\d{3}\*{4}\d{4}$|^\*+\d{4}$/, 'phone masked');
        assert.ok(!/^[=+\-@]/.test(r[0]!), `name cell neutralised: ${r[0]}`);
      }
      const evil = rows.find((r) => r[0]!.startsWith("'="))!;
      assert.ok(evil, 'the formula-like name is prefixed with an apostrophe');
      assert.equal(evil[7], '古南街道幸福社区****');
      assert.ok(!res.rawPayload.includes(Buffer.from('13812345678')));
      const [audit] = await env.platform.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'elder.export'));
      assert.deepEqual(audit!.detail, {
        filter: { regionCode: communityRegion },
        rows: rows.length,
        masked: true,
      });
      const outside = await community.get(`/api/v1/elders/export.xlsx?regionCode=${otherCommunity}`);
      assert.equal(outside.statusCode, 403);
    });
  });
}
