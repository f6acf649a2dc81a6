import assert from 'node:assert/strict';
import { Writable, Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { AuthContext } from '../../../platform/access.ts';
import { gbk } from '../../../../test/encodings.ts';
import { dbTargets, startTestEnv, type TestEnv } from '../../../../test/harness.ts';
import { userRepo } from '../../user/user.repo.ts';
import { regionRepo } from '../../region/region.repo.ts';
import { elders, elderTags, elderVersions } from '../elder.table.ts';
import { generateElders, type SyntheticElder } from '../elder.generator.ts';
import type { ElderImportService, OnDuplicate } from './elder.import.service.ts';
import { importServiceOf } from './elder.import.testing.ts';
import { templateCsvHeader, templateCsvRow, writeTemplateCsv } from './elder.import.sample.ts';
import { regionPrefix } from '@yiyang/contracts';

/**
 * The bulk path of the 摸底表 import (elder.import.rows.ts, worker threads,
 * COPY batches): GBK files, thousands of rows with duplicates, a failure in
 * the middle of a batch, and workers against the single-threaded path.
 */

async function csvOf(count: number, seed: number, regionCodes: string[]): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString('utf8');
      cb();
    },
  });
  await writeTemplateCsv(sink, { count, seed, regionCodes, today: new Date() });
  return text;
}

for (const target of await dbTargets()) {
  describe(`elder import, bulk path (${target.name})`, () => {
    let env: TestEnv;
    let auth: AuthContext;
    let villages: string[];
    const actor = () => ({ userId: auth.userId, name: auth.displayName });

    const service = (opts: Parameters<typeof importServiceOf>[1] = {}) => importServiceOf(env, opts);
    async function run(
      svc: ElderImportService,
      content: Buffer | string,
      opts: { onDuplicate?: OnDuplicate; dryRun?: boolean; name?: string } = {},
    ) {
      const job = await svc.start(auth, actor(), {
        regionCode: auth.regionCode!,
        dryRun: opts.dryRun ?? false,
        onDuplicate: opts.onDuplicate ?? 'skip',
        fileName: opts.name ?? 'elders.csv',
        stream: Readable.from([Buffer.from(content)]),
      });
      await svc.drain();
      return { job: await svc.get(auth, job.jobId), issues: await svc.issues(auth, job.jobId, 'en-US') };
    }
    const one = async (q: ReturnType<typeof sql>) =>
      ((await env.platform.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n;
    const count = (table: string) => one(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
    /** Elders without their first version: must always be 0. */
    const halfRows = () =>
      one(
        sql`SELECT count(*)::int AS n FROM elders e WHERE NOT EXISTS (SELECT 1 FROM elder_versions v WHERE v.elder_id = e.id)`,
      );
    /** Every record as plain values (no ids, no ciphertexts), its tags and versions, by ID number. */
    async function snapshot() {
      const { db } = env.platform;
      const tags = await db.select().from(elderTags).orderBy(elderTags.code);
      const versions = await db.select().from(elderVersions).orderBy(elderVersions.version);
      const out = new Map<string, unknown>();
      for (const e of await db.select().from(elders)) {
        const plain = env.services.elders.plain(e);
        out.set(plain.idNumber, {
          plain,
          search: [e.nameInitials, e.namePinyin, e.idNumberHash, e.phoneHash, e.version, e.status],
          tags: tags.filter((t) => t.elderId === e.id).map((t) => [t.code, t.validFrom, t.source]),
          versions: versions
            .filter((v) => v.elderId === e.id)
            .map((v) => [v.version, v.kind, v.reason, v.changedBy, v.before, v.after]),
        });
      }
      return out;
    }

    before(async () => {
      env = await startTestEnv(target, { env: { DEMO_ELDERS: '0' } });
      const admin = await userRepo(env.platform.db).findByUsername('admin');
      auth = (await env.services.auth.contextFor(admin!.id, 'session'))!;
      villages = (await regionRepo(env.platform.db).listUnder(regionPrefix(auth.regionCode!)))
        .filter((r) => r.level === 'village' && !r.retiredAt)
        .map((r) => r.code)
        .slice(0, 20);
    });
    after(() => env?.close());
    const clear = () => env.platform.database.exec('DELETE FROM elders');

    test('a GBK-encoded CSV (Excel on Chinese Windows) imports with its Chinese text intact', async () => {
      await clear();
      const people = [...generateElders({ count: 3, seed: 7, regionCodes: villages, today: new Date() })];
      const content = gbk(templateCsvHeader() + people.map(templateCsvRow).join('').replace(/\n/g, '\r\n'));
      assert.equal(content.subarray(0, 4).toString('hex'), 'd0d5c3fb', '姓名 in GBK');
      const { job, issues } = await run(service(), content);
      assert.deepEqual(issues, []);
      assert.deepEqual([job.status, job.total, job.created], ['completed', 3, 3]);
      const snap = await snapshot();
      for (const p of people) {
        const got = snap.get(p.idNumber) as { plain: { name: string; address: string; ethnicity: string } };
        assert.deepEqual(
          [got.plain.name, got.plain.address, got.plain.ethnicity],
          [p.name, p.address, p.ethnicity],
        );
      }
    });

    test('5,000 rows with duplicates in the file and in the registry: skip, then update', async () => {
      await clear();
      const svc = service({ workers: { count: 2, minBytes: 0 }, batch: 700 });
      const people = [...generateElders({ count: 5000, seed: 11, regionCodes: villages, today: new Date() })];
      // 1,000 are registered already.
      const first = await run(svc, templateCsvHeader() + people.slice(0, 1000).map(templateCsvRow).join(''));
      assert.deepEqual([first.job.status, first.job.created], ['completed', 1000]);
      // The file repeats seq 10, 510, … (file rows 13, 513, …: two header rows) at its end with another phone.
      const again = (p: SyntheticElder) => templateCsvRow({ ...p, phone: '13900000000' });
      const repeats = people.filter((p) => p.seq % 500 === 10);
      const content = templateCsvHeader() + people.map(templateCsvRow).join('') + repeats.map(again).join('');
      const skip = await run(svc, content, { onDuplicate: 'skip' });
      assert.equal(skip.job.status, 'completed');
      assert.deepEqual(
        [skip.job.total, skip.job.created, skip.job.skipped, skip.job.failed],
        [5000 + repeats.length, 4000, 1000, repeats.length],
      );
      const inFile = skip.issues.filter((i) => i.code === 'elder.import.duplicate_in_file');
      assert.deepEqual(
        inFile.map((i) => i.row),
        repeats.map((_, k) => 5003 + k),
      );
      assert.match(inFile[0]!.message, /\b13\b/, 'names the first row (seq 10 + two header rows)');
      assert.equal(skip.issues.filter((i) => i.kind === 'skipped').length, 1000);
      assert.equal(await count('elders'), 5000);
      assert.equal(await halfRows(), 0);

      // Update: rows 0–999 again with a new phone; the in-file repeats still fail.
      const update = await run(
        svc,
        templateCsvHeader() +
          people.slice(0, 1000).map(again).join('') +
          repeats.slice(0, 2).map(again).join(''),
        { onDuplicate: 'update' },
      );
      assert.deepEqual(
        [update.job.status, update.job.updated, update.job.created, update.job.failed],
        ['completed', 1000, 0, 2],
      );
      const snap = await snapshot();
      const updated = snap.get(people[5]!.idNumber) as {
        plain: { phone: string };
        versions: [number, string][];
      };
      assert.equal(updated.plain.phone, '13900000000');
      assert.deepEqual(
        updated.versions.map((v) => v[1]),
        ['create', 'update'],
      );
      assert.equal(await count('elders'), 5000);
      assert.equal(await count('elder_versions'), 6000);
    });

    test('a failure inside a batch rolls that batch back whole; the job reports it', async () => {
      await clear();
      const svc = service({
        batch: 500,
        faults: {
          midBatch(n) {
            if (n === 3) throw new Error('simulated crash between the elders and their versions');
          },
        },
      });
      const content = await csvOf(2000, 13, villages);
      const { job } = await run(svc, content);
      assert.deepEqual([job.status, job.errorCode], ['failed', 'elder.import.write_failed']);
      assert.equal(job.created, 1000, 'two whole batches');
      assert.equal(await count('elders'), 1000);
      assert.equal(await count('elder_versions'), 1000);
      assert.equal(await halfRows(), 0);
      // The tags of exactly the committed rows.
      const people = [...generateElders({ count: 1000, seed: 13, regionCodes: villages, today: new Date() })];
      assert.equal(
        await count('elder_tags'),
        people.reduce((n, p) => n + p.tags.length, 0),
      );
    });

    test('worker threads write the same records, tags, versions and report as the calling thread', async () => {
      const people = [...generateElders({ count: 1500, seed: 17, regionCodes: villages, today: new Date() })];
      const broken =
        templateCsvRow({ ...people[3]!, name: '' }) +
        templateCsvRow({ ...people[4]!, regionCode: '110101001001' });
      const content = templateCsvHeader() + people.map(templateCsvRow).join('') + broken;
      const results = [];
      for (const workers of [{ count: 2, minBytes: 0 }, { count: 0 }]) {
        await clear();
        const r = await run(service({ workers, batch: 400 }), content);
        results.push({ job: r.job, issues: r.issues, records: await snapshot() });
      }
      const [threads, single] = results as [(typeof results)[0], (typeof results)[0]];
      assert.equal(threads.job.created, 1500);
      assert.deepEqual(
        [threads.job.total, threads.job.created, threads.job.failed],
        [single.job.total, single.job.created, single.job.failed],
      );
      assert.deepEqual(threads.issues, single.issues);
      assert.equal(threads.records.size, 1500);
      assert.deepEqual(threads.records, single.records);
    });
  });
}
