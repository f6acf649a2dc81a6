import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { regionPrefix } from '@yiyang/contracts';
import type { AuthContext } from '../../../platform/access.ts';
import { dbTargets, startTestEnv, type TestEnv } from '../../../../test/harness.ts';
import { regionRepo } from '../../region/region.repo.ts';
import { userRepo } from '../../user/user.repo.ts';
import { generateElders } from '../elder.generator.ts';
import { deferElderIndexes, restoreDeferredIndexes } from './elder.import.indexes.ts';
import { elderImportRepo } from './elder.import.repo.ts';
import { templateCsvHeader, templateCsvRow } from './elder.import.sample.ts';
import { IMPORT_STALE_MS, type ElderImportService } from './elder.import.service.ts';
import { importServiceOf } from './elder.import.testing.ts';
import { elderImportJobs } from './elder.import.table.ts';

/**
 * Bulk mode of the import (decision 008): the secondary indexes of `elders`
 * are dropped for a large import and built at its end; after a success, a
 * failure or a crash, the table ends up with exactly the indexes it had.
 */
for (const target of await dbTargets()) {
  describe(`elder import, deferred indexes (${target.name})`, () => {
    let env: TestEnv;
    let auth: AuthContext;
    let content: string;
    const actor = () => ({ userId: auth.userId, name: auth.displayName });
    const service = (opts: Parameters<typeof importServiceOf>[1] = {}) =>
      importServiceOf(env, { bulk: { minRows: 0 }, batch: 300, ...opts });
    const query = async <T>(q: ReturnType<typeof sql>) =>
      ((await env.platform.db.execute(q)) as unknown as { rows: T[] }).rows;
    /** Every index of elders with its definition. */
    const indexes = async () =>
      (
        await query<{ d: string }>(
          sql`SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = 'elders'::regclass`,
        )
      )
        .map((r) => r.d)
        .sort();
    const count = async (table: string) =>
      (await query<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;
    let all: string[];

    async function run(svc: ElderImportService) {
      const job = await svc.start(auth, actor(), {
        regionCode: auth.regionCode!,
        dryRun: false,
        onDuplicate: 'skip',
        fileName: 'elders.csv',
        stream: Readable.from([Buffer.from(content)]),
      });
      await svc.drain();
      return svc.get(auth, job.jobId);
    }

    before(async () => {
      env = await startTestEnv(target, { env: { DEMO_ELDERS: '0' } });
      const admin = await userRepo(env.platform.db).findByUsername('admin');
      auth = (await env.services.auth.contextFor(admin!.id, 'session'))!;
      const villages = (await regionRepo(env.platform.db).listUnder(regionPrefix(auth.regionCode!)))
        .filter((r) => r.level === 'village' && !r.retiredAt)
        .map((r) => r.code)
        .slice(0, 10);
      const people = [...generateElders({ count: 1000, seed: 23, regionCodes: villages, today: new Date() })];
      content = templateCsvHeader() + people.map(templateCsvRow).join('');
      all = await indexes();
      assert.ok(all.length >= 10, 'elders has its secondary indexes to begin with');
    });
    after(() => env?.close());

    test('a bulk import builds the indexes once at its end: same indexes, same rows', async () => {
      await env.platform.database.exec('DELETE FROM elders');
      const job = await run(service());
      assert.deepEqual([job.status, job.created], ['completed', 1000]);
      assert.deepEqual(await indexes(), all);
      assert.equal(await count('elder_deferred_indexes'), 0);
      // The rebuilt GIN answers a name search as before.
      const [one] = await query<{ name: string }>(sql`SELECT name FROM elders LIMIT 1`);
      const found = await query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM elders WHERE name_grams @> ARRAY[${one!.name}]::text[]`,
      );
      assert.ok(found[0]!.n >= 1);
    });

    test('a failed bulk import keeps its committed batches and gets its indexes back', async () => {
      await env.platform.database.exec('DELETE FROM elders');
      const svc = service({
        faults: {
          midBatch(n) {
            if (n === 2) throw new Error('simulated crash between the elders and their versions');
          },
        },
      });
      const job = await run(svc);
      assert.deepEqual(
        [job.status, job.errorCode, job.created],
        ['failed', 'elder.import.write_failed', 300],
      );
      assert.equal(await count('elders'), 300);
      assert.equal(await count('elder_versions'), 300);
      assert.deepEqual(await indexes(), all);
      assert.equal(await count('elder_deferred_indexes'), 0);
    });

    test('after a crash, the indexes a dead job deferred come back (start-up, next import); a live job keeps them', async () => {
      const { db } = env.platform;
      const job = await elderImportRepo(db).insertJob({
        regionCode: auth.regionCode!,
        createdByName: 'test',
        fileName: 'crashed.csv',
        format: 'csv',
        dryRun: false,
        onDuplicate: 'skip',
        status: 'running',
      });
      const dropped = await deferElderIndexes(db, job.id);
      assert.ok(dropped >= 8);
      assert.equal((await indexes()).length, all.length - dropped);
      assert.equal(await count('elder_deferred_indexes'), dropped);
      // The job still runs (fresh heartbeat): its indexes are its own business.
      assert.equal(await restoreDeferredIndexes(db, { orphans: true, staleMs: IMPORT_STALE_MS }), 0);
      // Its instance died: the heartbeat goes stale, and the start-up repair (or the next import) rebuilds.
      await db
        .update(elderImportJobs)
        .set({ updatedAt: new Date(Date.now() - IMPORT_STALE_MS - 60_000) })
        .where(eq(elderImportJobs.id, job.id));
      await env.platform.database.exec('DELETE FROM elders');
      const next = await run(service({ bulk: undefined }));
      assert.equal(next.status, 'completed');
      assert.deepEqual(await indexes(), all);
      assert.equal(await count('elder_deferred_indexes'), 0);
    });

    if (target.name === 'postgres')
      test('bulk mode gives up when the table is busy, and the import runs with its indexes', async () => {
        const { db } = env.platform;
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let locked!: () => void;
        const isLocked = new Promise<void>((r) => (locked = r));
        // A long reader of elders holds ACCESS SHARE until released.
        const reader = db.transaction(async (tx) => {
          await tx.execute(sql`LOCK TABLE elders IN ACCESS SHARE MODE`);
          locked();
          await held;
        });
        await isLocked;
        try {
          const job = await elderImportRepo(db).insertJob({
            regionCode: auth.regionCode!,
            createdByName: 'test',
            fileName: 'busy.csv',
            format: 'csv',
            dryRun: false,
            onDuplicate: 'skip',
          });
          assert.equal(await deferElderIndexes(db, job.id, 200), 0);
          assert.deepEqual(await indexes(), all);
        } finally {
          release();
          await reader;
        }
      });
  });
}
