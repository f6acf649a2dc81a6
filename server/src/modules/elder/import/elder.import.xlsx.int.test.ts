import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import ExcelJS from '../../../platform/exceljs.ts';
import { pendingSpools } from '../../../platform/exceljsSpool.ts';
import {
  dbTargets,
  multipartFile,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../../../test/harness.ts';
import { p99, timed } from '../../../../test/latency.ts';
import { xlsxOf, xlsxRow } from '../../../../test/zip.ts';
import { elders } from '../elder.table.ts';
import { generateElders } from '../elder.generator.ts';
import { LIVING_SITUATION_LABELS } from '../elder.vocab.ts';

/**
 * .xlsx uploads end to end: Chinese text read whole whatever the chunking (decision 012), and files past
 * the limits — a 300 MiB cell or a zip bomb in a 300 KB upload, too many rows — refused while the server
 * keeps answering.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MIB = 1024 * 1024;
const HEADER = xlsxRow(1, ['姓名', '证件号码', '所属社区/村代码']);

type Job = { jobId: string; status: string; total: number; created: number; failed: number } & {
  errorCode: string | null;
  errorMessage: string | null;
};

/**
 * An .xlsx whose second row holds one cell of `mib` MiB ("A" repeated): ~1 KB of zip per MiB. Its zip
 * directory declares `declared` bytes for the worksheet (a lie, to get past the directory check) if given.
 */
function oneHugeCell(mib: number, declared?: number): Promise<Buffer> {
  const block = Buffer.alloc(MIB, 'A');
  function* sheetData() {
    yield HEADER;
    yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
    for (let i = 0; i < mib; i++) yield block;
    yield '</t></is></c></row>';
  }
  return xlsxOf(sheetData(), declared);
}

/**
 * An .xlsx of `mib` MiB of ordinary rows, declaring 1 KB: rows of 36 cells of 800 letters (~30 KB, within
 * deflate's 32 KB window, so the zip stays small) — under 1,000 rows per 16 MiB.
 */
function manyCells(mib: number): Promise<Buffer> {
  const row = Buffer.from(
    xlsxRow(
      2,
      Array.from({ length: 36 }, () => 'x'.repeat(800)),
    ),
  );
  const block = Buffer.concat(Array.from({ length: Math.ceil(MIB / row.length) }, () => row));
  function* sheetData() {
    yield HEADER;
    for (let i = 0; i < mib; i++) yield block;
  }
  return xlsxOf(sheetData(), 1024);
}

for (const target of await dbTargets()) {
  describe(`elder import, .xlsx text and limits (${target.name})`, () => {
    let env: TestEnv;
    let community: Client;
    let communityRegion: string;

    const elderCount = async () =>
      (await env.platform.db.select({ n: sql<number>`count(*)::int` }).from(elders))[0]!.n;

    /**
     * Uploads, runs the job to its end and returns it, with the latencies of /healthz meanwhile (ms, less
     * the time the server's thread waited for a CPU taken by other processes: test/latency.ts).
     */
    async function run(content: Buffer, name = 'elders.xlsx') {
      const latencies: number[] = [];
      const wall: number[] = [];
      let done = false;
      const probing = (async () => {
        while (!done) {
          const t = await timed(async () => {
            const res = await env.app.inject({ method: 'GET', url: '/healthz' });
            assert.equal(res.statusCode, 200);
          });
          latencies.push(t.ms);
          wall.push(t.wallMs);
          await sleep(5);
        }
      })();
      try {
        const m = multipartFile(name, XLSX, content);
        const res = await community.request(
          'POST',
          '/api/v1/elders/import?dryRun=false',
          m.payload,
          m.headers,
        );
        assert.equal(res.statusCode, 202, res.body);
        await env.services.imports.drain();
        const job = await community.get(`/api/v1/elders/import/${res.json().jobId}`);
        return { job: job.json() as Job, latencies, wall };
      } finally {
        done = true;
        await probing;
      }
    }

    before(async () => {
      env = await startTestEnv(target, {
        env: { LOG_LEVEL: 'error', IMPORT_XLSX_MAX_UNZIPPED_MB: '16', IMPORT_MAX_ROWS: '1000' },
      });
      community = await env.login('community');
      communityRegion = (await community.get('/api/v1/me')).json().regionCode;
      // Warm-up: the first upload compiles the multipart, job and reader code paths (~150 ms on the event
      // loop, once per process), which is not what the latency tests measure.
      await run(await xlsxOf([HEADER, xlsxRow(2, ['预热', '1', communityRegion])]));
    });
    after(() => env?.close());

    test('400 rows of Chinese text import exactly: no U+FFFD in names, addresses or options', async () => {
      // exceljs's reader decoded each 16–64 KiB chunk of a part on its own: a character across two chunks
      // became U+FFFD (李秀兰 → ���秀兰, stored without an error; 独居 → a bogus "not an option").
      // ~500 bytes of Chinese per row: the shared strings cross a dozen chunk boundaries, most inside a
      // character (this file read 4 rows with U+FFFD before).
      const people = [
        ...generateElders({ count: 400, seed: 2026, regionCodes: [communityRegion], today: new Date() }),
      ].map((p) => ({
        ...p,
        address: `${p.address}（${p.name}家，邻近綦江区人民医院与古南街道社区卫生服务中心）`,
        householdAddress: `重庆市綦江区${p.address}`,
      }));
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('老年人信息');
      ws.addRow(['姓名', '证件号码', '所属社区/村代码', '居住地址', '户籍地址', '居住情况', '民族']);
      for (const p of people)
        ws.addRow([
          p.name,
          p.idNumber,
          p.regionCode,
          p.address,
          p.householdAddress,
          LIVING_SITUATION_LABELS[p.livingSituation]['zh-CN'],
          p.ethnicity,
        ]);
      const before = await elderCount();
      const { job } = await run(Buffer.from(await wb.xlsx.writeBuffer()));
      assert.deepEqual([job.status, job.total, job.created, job.failed], ['completed', 400, 400, 0]);
      assert.equal(await elderCount(), before + 400);
      const stored = new Map(
        (await env.platform.db.select().from(elders)).map((e) => {
          const p = env.services.elders.plain(e);
          return [p.idNumber, p] as const;
        }),
      );
      for (const p of people) {
        const got = stored.get(p.idNumber)!;
        assert.deepEqual(
          [got.name, got.address, got.householdAddress, got.livingSituation, got.ethnicity],
          [p.name, p.address, p.householdAddress, p.livingSituation, p.ethnicity],
        );
      }
    });

    test('one 300 MiB cell in a ~300 KB .xlsx is refused at once; /healthz p99 < 100 ms meanwhile', async () => {
      // The zip directory declares 1 KB: only counting the bytes as they inflate catches it.
      const file = await oneHugeCell(300, 1024);
      assert.ok(file.length < 400 * 1024, `${file.length} bytes`);
      const before = await elderCount();
      const rss = process.memoryUsage().rss;
      const { job, latencies, wall } = await run(file);
      assert.equal(job.status, 'failed');
      assert.equal(job.errorCode, 'elder.import.cell_too_long');
      assert.match(job.errorMessage!, /32767/);
      assert.equal(await elderCount(), before);
      const p = `p99 ${p99(latencies).toFixed(1)} ms (wall clock ${p99(wall).toFixed(1)} ms) of ${latencies.length}`;
      assert.ok(p99(latencies) < 100, p);
      // The cell was never held: nowhere near the 300 MiB (RSS grew by 1.5 GB before the limits).
      const grown = (process.memoryUsage().rss - rss) / MIB;
      assert.ok(grown < 150, `RSS grew by ${grown.toFixed(0)} MiB`);
      assert.equal(pendingSpools(), 0, 'the worksheet exceljs spooled is removed');
    });

    test('an .xlsx whose directory declares more than IMPORT_XLSX_MAX_UNZIPPED_MB: refused before reading', async () => {
      const { job } = await run(await oneHugeCell(20));
      assert.deepEqual([job.status, job.errorCode], ['failed', 'elder.import.unzipped_too_large']);
      assert.match(job.errorMessage!, /16 MB/);
    });

    test('an .xlsx that inflates past IMPORT_XLSX_MAX_UNZIPPED_MB (declaring less) is refused as it inflates', async () => {
      const file = await manyCells(64);
      const before = await elderCount();
      const { job, latencies } = await run(file);
      assert.deepEqual([job.status, job.errorCode], ['failed', 'elder.import.unzipped_too_large']);
      assert.equal(await elderCount(), before);
      assert.ok(p99(latencies) < 100, `p99 ${p99(latencies).toFixed(1)} ms of ${latencies.length}`);
      assert.equal(pendingSpools(), 0);
    });

    test('more rows than IMPORT_MAX_ROWS: the file is refused, none of it imported', async () => {
      const rows = [HEADER];
      for (let r = 2; r <= 1001; r++) rows.push(xlsxRow(r, ['行', '1', communityRegion]));
      const before = await elderCount();
      const { job } = await run(await xlsxOf(rows));
      assert.deepEqual([job.status, job.errorCode], ['failed', 'elder.import.too_many_rows']);
      assert.match(job.errorMessage!, /1000/);
      assert.equal(await elderCount(), before);
    });

    test('a cell over IMPORT_MAX_CELL_CHARS in the shared strings, as rich text runs', async () => {
      // Many short runs: no one XML text is long, the cell is.
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('老年人信息');
      ws.addRow(['姓名', '证件号码', '所属社区/村代码']);
      ws.addRow([
        { richText: Array.from({ length: 3000 }, () => ({ text: '李秀兰王芳张伟刘洋陈静' })) },
        '1',
        '1',
      ]);
      const { job } = await run(Buffer.from(await wb.xlsx.writeBuffer()));
      assert.deepEqual([job.status, job.errorCode], ['failed', 'elder.import.cell_too_long']);
    });
  });
}
