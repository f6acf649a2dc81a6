import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { closePlatform, createPlatform, type Platform } from '../src/platform/context.ts';
import { anchorAuditChains } from '../src/platform/audit.anchor.ts';
import { verifyAuditChain } from '../src/platform/audit.ts';
import { openDatabase } from '../src/platform/db.ts';
import { transact } from '../src/platform/uow.ts';
import { seedDemo } from '../src/modules/seed/index.ts';
import { syncRoles } from '../src/modules/user/role.sync.ts';
import { ADMIN_URL, dbTargets, DEMO_PASSWORD, testConfig } from './harness.ts';

/**
 * docs/deployment.md: the app runs as a role without DDL and without UPDATE or
 * DELETE on audit_events and audit_anchors; an owner role applies migrations through
 * MIGRATION_DATABASE_URL. The platform must work that way, and the audit log
 * must then be append-only at the database too.
 */
const hasPostgres = (await dbTargets()).some((t) => t.name === 'postgres');

describe(
  'least-privilege database roles (PostgreSQL)',
  { skip: hasPostgres ? false : 'PostgreSQL not reachable' },
  () => {
    const suffix = randomBytes(4).toString('hex');
    const dbName = `yy_roles_${suffix}`;
    const owner = `yy_owner_${suffix}`;
    const app = `yy_app_${suffix}`;
    const urlFor = (role: string) => {
      const u = new URL(ADMIN_URL);
      u.username = role;
      u.pathname = `/${dbName}`;
      return u.toString();
    };
    const admin = async (q: string[], database = 'test') => {
      const u = new URL(ADMIN_URL);
      u.pathname = `/${database}`;
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      for (const s of q) await c.query(s);
      await c.end();
    };
    let platform: Platform;

    before(async () => {
      await admin([
        `CREATE ROLE ${owner} LOGIN`,
        `CREATE ROLE ${app} LOGIN`,
        `CREATE DATABASE ${dbName} OWNER ${owner}`,
      ]);
      await admin(
        [
          `ALTER SCHEMA public OWNER TO ${owner}`,
          `GRANT USAGE ON SCHEMA public TO ${app}`,
          `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
          `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
        ],
        dbName,
      );
      // The owner applies the migrations; then the DBA makes the audit log append-only for the app.
      const migrator = await openDatabase({ url: urlFor(app), migrationUrl: urlFor(owner) });
      await migrator.migrate();
      await migrator.close();
      await admin([`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_anchors FROM ${app}`], dbName);
      const config = testConfig({
        DATABASE_URL: urlFor(app),
        MIGRATION_DATABASE_URL: urlFor(owner),
        DEMO_PASSWORD,
        DATA_DIR: `/tmp/${dbName}`,
      });
      platform = await createPlatform(config, { broker: false });
      // The test anchors when it means to: a tick of the platform's anchoring timer just after its audited
      // commit would anchor it first (or hold the anchor lock), and its own anchor would find nothing to do.
      platform.timers.forEach(clearInterval);
      await syncRoles(platform.db);
      await seedDemo(platform);
    });
    after(async () => {
      if (platform) await closePlatform(platform);
      await admin([
        `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`,
        `DROP ROLE IF EXISTS ${app}`,
        `DROP ROLE IF EXISTS ${owner}`,
      ]);
    });

    test('the platform runs as the app role and the audit log cannot be rewritten', async () => {
      const { app: http } = await buildApp(platform);
      const login = await http.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: DEMO_PASSWORD },
      });
      assert.equal(login.statusCode, 200);
      // Drizzle wraps the driver's error; the cause carries PostgreSQL's message.
      const denied = (e: unknown) =>
        /permission denied/.test(String((e as { cause?: Error }).cause?.message ?? e));
      await assert.rejects(platform.db.execute(sql`UPDATE audit_events SET summary = 'forged'`), denied);
      await assert.rejects(platform.db.execute(sql`DELETE FROM audit_events`), denied);
      // Audited commits and anchors still work: they only insert (and move ledger_heads).
      await transact(platform, { userId: null, name: 'test' }, async (_tx, uow) =>
        uow.audit({ action: 'test.write', entityType: 'test', summary: '最小权限' }),
      );
      assert.equal(await anchorAuditChains(platform.db), true);
      assert.equal((await verifyAuditChain(platform.db)).ok, true);
      await assert.rejects(platform.db.execute(sql`DELETE FROM audit_anchors`), denied);
      await assert.rejects(platform.db.execute(sql`CREATE TABLE intruder (id int)`), denied);
      await http.close();
    });
  },
);
