import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { PERMISSIONS } from '@yiyang/contracts';
import { assign, release } from '../src/platform/assignments.ts';
import { elderFamily } from '../src/modules/elder/elder.table.ts';
import { linkElderAccount } from '../src/modules/elder/elder.scope.ts';
import type { RegisteredRoute } from '../src/app.ts';
import { hashPassword } from '../src/modules/auth/auth.service.ts';
import { organisationRepo } from '../src/modules/organisation/organisation.repo.ts';
import { regions } from '../src/modules/region/region.table.ts';
import { userRepo } from '../src/modules/user/user.repo.ts';
import { rolePermissions } from '../src/modules/user/user.table.ts';
import { modules } from '../src/modules/index.ts';
import type { AuthzWorld } from '../src/platform/module.ts';
import {
  changedTables,
  dbTargets,
  everyPermissionRole,
  multipartFile,
  snapshotTables,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.ts';
import { validIdNumber } from './builders.ts';

/**
 * Walks EVERY registered API route with users of another community, of
 * another street and of an unrelated organisation, and with the three
 * relationship scopes (decision 010): an elder's own account, a family
 * member, a caregiver whose assignments to the victim are not current —
 * each holding every permission, so only scope can stop them — and fails
 * when a route leaks the victim community's data or changes anything. New
 * routes are covered automatically: a route without an `authz` probe fails
 * this test. The victim's resources come from every module's manifest
 * (`authz`, in the order of modules/index.ts). Commands that replay their
 * result are walked with an `Idempotency-Key` too.
 */
const UNSNAPSHOTTED = new Set([
  'audit_events',
  // The audit ledger's bookkeeping moves with audit_events (decision 014); audit_anchors, written by a
  // timer, no snapshot compares (harness.ts).
  'ledger_heads',
  'outbox_events',
  'sessions',
]);

for (const target of await dbTargets()) {
  describe(`authorization walk over every route (${target.name})`, () => {
    let env: TestEnv;
    let fixtures: Record<string, string>;
    let markers: string[];
    let attackers: Record<string, Client>;
    let owner: Client;
    let rel: Awaited<ReturnType<typeof relationshipAttackers>>;

    before(async () => {
      env = await startTestEnv(target);
      const db = env.platform.db;
      // A role with every permission, so that a refusal can only come from scope.
      const allRole = await everyPermissionRole(db);

      const victimUser = (await userRepo(db).findByUsername('community'))!;
      const victimRegion = victimUser.regionCode!;
      const victimOrg = (await organisationRepo(db).findById(victimUser.organisationId!))!;
      const communities = await db.select().from(regions).where(eq(regions.kind, 'community'));
      const other = communities.find((c) => c.parentCode !== victimRegion.slice(0, 9) + '000')!;
      assert.ok(other, 'demo district has a community in another street');
      const otherStreet = other.parentCode!;
      const otherOrg = await organisationRepo(db).insert({
        name: '无关服务机构',
        type: 'provider',
        regionCode: other.code,
      });

      const passwordHash = await hashPassword('Attack3r!pass');
      const mk = (username: string, regionCode: string | null, organisationId: string | null) =>
        userRepo(db).insert({ username, displayName: username, passwordHash, regionCode, organisationId }, [
          allRole,
        ]);
      await mk('att_comm', other.code, null);
      await mk('att_street', otherStreet, null);
      await mk('att_org', null, otherOrg.id);
      await mk('own_comm', victimRegion, null);
      owner = await env.login('own_comm', 'Attack3r!pass');

      // Each module's resources of the victim community, in list order.
      const world: AuthzWorld = {
        platform: env.platform,
        victim: {
          userId: victimUser.id,
          regionCode: victimRegion,
          organisationId: victimOrg.id,
          auth: (await env.services.auth.contextFor(victimUser.id, 'session'))!,
        },
        owner,
        login: (username, password) => env.login(username, password),
        passwordHash,
        password: 'Attack3r!pass',
      };
      fixtures = {};
      for (const { module: m, services, deps } of env.built.modules) {
        if (!m.authz) continue;
        for (const [k, v] of Object.entries(await (await m.authz())(world, services, deps))) {
          assert.ok(!(k in fixtures), `authz fixture ${k} of module ${m.name} is also another module's`);
          fixtures[k] = v;
        }
      }
      assert.equal(env.built.modules.length, modules.length);
      rel = await relationshipAttackers(victimRegion, other.code, otherOrg.id, passwordHash);
      await rel.bind(fixtures['victim.elderId']!, fixtures['victim.familyMemberId']!);
      // `shared.*` fixtures fill probes but are not the victim's alone (a catalogue item, a provider's caregiver
      // who also serves elsewhere, a date): another scope may rightly show them.
      const victimOnly = Object.entries(fixtures).filter(([k]) => !k.startsWith('shared.'));
      markers = [victimOrg.name, victimUser.displayName, ...victimOnly.map(([, v]) => v)];
      attackers = {
        'another community': await env.login('att_comm', 'Attack3r!pass'),
        'another street': await env.login('att_street', 'Attack3r!pass'),
        'an unrelated organisation': await env.login('att_org', 'Attack3r!pass'),
        'an elder account': await env.login('att_elder', 'Attack3r!pass'),
        'a family member': await env.login('att_family', 'Attack3r!pass'),
        'a caregiver outside the assignment': await env.login('att_caregiver', 'Attack3r!pass'),
      };
    });
    after(() => env?.close());

    /**
     * The relationship scopes' attackers, each holding every permission (the personal roles are given them
     * all here) and bound, where they live, to the victim community — which must grant them nothing:
     * - an elder account, linked to its own record in another community;
     * - a family member bound with consent to an elder of another community, and bound to the victim
     *   elder too, but without consent;
     * - a caregiver of an unrelated provider whose assignments to the victim elder have ended, have not yet
     *   begun, or were released.
     */
    async function relationshipAttackers(
      victimRegion: string,
      otherRegion: string,
      otherOrgId: string,
      passwordHash: string,
    ) {
      const db = env.platform.db;
      await db
        .insert(rolePermissions)
        .values(
          ['elder', 'family_member'].flatMap((roleCode) =>
            PERMISSIONS.map((permissionCode) => ({ roleCode, permissionCode })),
          ),
        )
        .onConflictDoNothing();
      const users = userRepo(db);
      const mkUser = (username: string, role: string, regionCode: string | null, org: string | null) =>
        users.insert({ username, displayName: username, passwordHash, regionCode, organisationId: org }, [
          role,
        ]);
      const elderUser = await mkUser('att_elder', 'elder', victimRegion, null);
      const familyUser = await mkUser('att_family', 'family_member', victimRegion, null);
      const caregiver = await mkUser('att_caregiver', 'test_all', null, otherOrgId);
      const admin = (await env.services.auth.contextFor(
        (await users.findByUsername('admin'))!.id,
        'session',
      ))!;
      const elderIn = (name: string, first17: string) =>
        env.services.elders.create(
          admin,
          { userId: null, name: 'test' },
          {
            name,
            idType: 'resident_id',
            idNumber: validIdNumber(first17),
            regionCode: otherRegion,
            householdLocal: true,
          },
        );
      const ownElder = await elderIn('自己的老人', '65010219460303123');
      const motherElder = await elderIn('绑定的老人', '65010219470404123');
      await linkElderAccount(db, ownElder.id, elderUser.id);
      const [motherBinding] = await db
        .insert(elderFamily)
        .values({
          elderId: motherElder.id,
          userId: familyUser.id,
          name: '绑定家属',
          relationship: 'son',
          mayActFor: true,
          consentedAt: new Date(),
          consentScope: ['personal_info', 'share_with_family'],
          consentVersion: 'test-1',
        })
        .returning();
      return {
        ownElderId: ownElder.id,
        motherElderId: motherElder.id,
        motherBindingId: motherBinding!.id,
        caregiverId: caregiver.id,
        victimElderId: '',
        /** Binds the family attacker to the victim elder without consent; the caregiver's stale assignments. */
        async bind(victimElderId: string, victimMemberId: string) {
          this.victimElderId = victimElderId;
          await db
            .update(elderFamily)
            .set({ userId: familyUser.id })
            .where(eq(elderFamily.id, victimMemberId));
          const hour = 3_600_000;
          const visit = (validFrom: Date, validTo: Date | null) => ({
            subjectType: 'test_visit',
            subjectId: crypto.randomUUID(),
            userId: caregiver.id,
            elderId: victimElderId,
            validFrom,
            validTo,
          });
          await assign(db, visit(new Date(Date.now() - 3 * hour), new Date(Date.now() - hour)));
          await assign(db, visit(new Date(Date.now() + hour), new Date(Date.now() + 3 * hour)));
          const released = visit(new Date(Date.now() - hour), null);
          await assign(db, released);
          await release(db, released);
        },
      };
    }

    const substitute = (value: unknown): unknown => {
      if (typeof value === 'string')
        return value.replace(/\{\{([\w.]+)\}\}/g, (_, k: string) => {
          assert.ok(k in fixtures, `unknown authz fixture ${k}`);
          return fixtures[k]!;
        });
      if (Array.isArray(value)) return value.map(substitute);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
      return value;
    };

    const urlOf = (r: RegisteredRoute): string => {
      const probe = r.authz!;
      let url = r.url.replace(/:(\w+)/g, (_, name: string) => {
        const v = probe.params?.[name];
        assert.ok(v, `${r.method} ${r.url}: authz probe names no value for :${name}`);
        return encodeURIComponent(substitute(v) as string);
      });
      if (probe.query) url += `?${new URLSearchParams(substitute(probe.query) as Record<string, string>)}`;
      return url;
    };

    /** Commands that replay their result are walked with a key (its claim must not outlive a refusal). */
    const keyOf = (r: RegisteredRoute): Record<string, string> =>
      r.idempotent === true ? { 'idempotency-key': `walk:${r.method}:${r.url}` } : {};

    /** The probe's body: JSON, or a file upload as multipart/form-data. */
    const requestOf = (r: RegisteredRoute): { body: unknown; headers?: Record<string, string> } => {
      const probe = r.authz!;
      if (probe.upload) {
        const u = probe.upload;
        const m = multipartFile(u.fileName, u.contentType, substitute(u.content) as string);
        return { body: m.payload, headers: m.headers };
      }
      if (probe.body) return { body: substitute(probe.body) };
      return { body: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} };
    };

    const snapshot = () => snapshotTables(env.platform.db, UNSNAPSHOTTED);

    test('every API route declares access and an authz probe', () => {
      const missing = env.routes
        .filter((r) => r.access !== 'public' && !r.authz)
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(missing, [], 'routes without an authz probe (add config.authz beside the route)');
      assert.ok(env.routes.length >= 20, `expected the full route table, got ${env.routes.length}`);
    });

    test('every API route belongs to a module of the list, and every module with routes is walked', () => {
      const names = new Set<string>(modules.map((m) => m.name));
      const stray = env.routes
        .filter((r) => (r.module === null ? r.url !== '/api/v1/events' : !names.has(r.module)))
        .map((r) => `${r.method} ${r.url} (${r.module ?? 'app.ts'})`);
      assert.deepEqual(stray, [], 'API routes registered outside a module manifest');
      const walked = new Set(env.routes.filter((r) => r.authz && !r.authz.skip).map((r) => r.module));
      const unwalked = modules.filter((m) => 'routes' in m && !walked.has(m.name)).map((m) => m.name);
      // auth's routes act only on the caller (sign-in, own profile): each declares why it is skipped.
      assert.deepEqual(unwalked, ['auth']);
    });

    test("victim.* fixtures are the victim's alone: no audit entry outside its street names one", async () => {
      // A marker that another scope may rightly see (a seeded caregiver who also serves elsewhere) would make
      // the walk below fail on whichever community it picks as "another": name such values `shared.*`.
      const street = (await userRepo(env.platform.db).findByUsername('community'))!.regionCode!.slice(0, 9);
      const outside: string[] = [];
      for (const [k, v] of Object.entries(fixtures)) {
        if (k.startsWith('shared.')) continue;
        const res = (await env.platform.db.execute(
          sql`SELECT action, region_code FROM audit_events a WHERE a::text LIKE ${`%${v}%`} AND (region_code IS NULL OR region_code NOT LIKE ${`${street}%`}) LIMIT 1`,
        )) as unknown as { rows: { action: string; region_code: string | null }[] };
        for (const r of res.rows) outside.push(`${k} in ${r.action} at ${r.region_code ?? 'no region'}`);
      }
      assert.deepEqual(outside, []);
    });

    test("no route leaks or changes another scope's data", async () => {
      const before = await snapshot();
      const failures: string[] = [];
      let attacked = 0;
      for (const r of env.routes) {
        if (r.access === 'public' || !r.authz || r.authz.skip) continue;
        const url = urlOf(r);
        const { body, headers } = requestOf(r);
        for (const [who, client] of Object.entries(attackers)) {
          attacked++;
          const res = await client.request(r.method, url, body, { ...headers, ...keyOf(r) });
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          if (res.statusCode >= 500)
            failures.push(`${r.method} ${url} as ${who}: ${res.statusCode} ${res.body}`);
          else if (ok && r.method !== 'GET')
            failures.push(`${r.method} ${url} as ${who}: allowed (${res.statusCode})`);
          else if (ok) {
            const leaked = markers.filter((m) => res.body.includes(m));
            const named = (m: string) => Object.keys(fixtures).find((k) => fixtures[k] === m) ?? m;
            if (leaked.length)
              failures.push(`${r.method} ${url} as ${who}: leaked ${leaked.map(named).join(', ')}`);
          } else if (![403, 404, 422].includes(res.statusCode)) {
            failures.push(`${r.method} ${url} as ${who}: unexpected ${res.statusCode} ${res.body}`);
          }
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(attacked > 40, `attacked ${attacked} route/user pairs`);
      assert.deepEqual(changedTables(before, await snapshot()), [], 'an attack changed data');
    });

    test('the same probes succeed for a user of the victim community (the probes are real)', async () => {
      const failures: string[] = [];
      for (const r of env.routes) {
        if (r.access === 'public' || !r.authz || r.authz.skip || r.authz.noControl) continue;
        const url = urlOf(r);
        const { body, headers } = requestOf(r);
        const res = await owner.request(r.method, url, body, { ...headers, ...keyOf(r) });
        if (res.statusCode >= 300) failures.push(`${r.method} ${url}: ${res.statusCode} ${res.body}`);
        if (r.method === 'GET' && r.url.includes(':') && !markers.some((m) => res.body.includes(m)))
          failures.push(`${r.method} ${url}: owner response shows none of the victim's data`);
        if (r.idempotent !== true || res.statusCode >= 300) continue;
        // A retry (a lost answer on a phone) gets the first result again, not a second change or a conflict.
        const again = await owner.request(r.method, url, body, { ...headers, ...keyOf(r) });
        if (
          again.statusCode !== res.statusCode ||
          again.body !== res.body ||
          !again.headers['idempotent-replayed']
        )
          failures.push(`${r.method} ${url}: retry got ${again.statusCode} ${again.body}`);
      }
      assert.deepEqual(failures, []);
    });

    test("an Idempotency-Key replays only its own user's result", async () => {
      const failures: string[] = [];
      for (const r of env.routes.filter(
        (x) => x.idempotent === true && !x.authz?.skip && !x.authz?.noControl,
      )) {
        const url = urlOf(r);
        const { body, headers } = requestOf(r);
        // The owner's key of the walk above, whose result is stored: another user gets a refusal, not it.
        for (const [who, client] of Object.entries(attackers)) {
          const res = await client.request(r.method, url, body, { ...headers, ...keyOf(r) });
          if (res.statusCode < 300 || res.headers['idempotent-replayed'])
            failures.push(`${r.method} ${url} as ${who}: ${res.statusCode} ${res.body}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('every command says whether a retry replays it (Idempotency-Key) or why it needs no key', () => {
      const commands = env.routes.filter((r) => r.method !== 'GET');
      const undeclared = commands
        .filter((r) => r.idempotent !== true && !r.idempotent?.exempt?.trim())
        .map((r) => `${r.method} ${r.url}`);
      assert.deepEqual(undeclared, [], 'declare config.idempotent: true, or { exempt: why }');
      const replayed = commands.filter((r) => r.idempotent === true).map((r) => `${r.method} ${r.url}`);
      // What a phone or tablet may send again after a lost answer (decision 015).
      for (const c of [
        'POST /api/v1/elders',
        'PATCH /api/v1/elders/:id',
        'PUT /api/v1/assessments/:id/form',
        'POST /api/v1/assessments/:id/submit',
        'POST /api/v1/assessments/:id/sign',
      ])
        assert.ok(replayed.includes(c), `${c} replays its result`);
    });

    test('an elder account reads its own record, masked, and no other', async () => {
      const elder = attackers['an elder account']!;
      const own = await elder.get(`/api/v1/elders/${rel.ownElderId}`);
      assert.equal(own.statusCode, 200, own.body);
      const view = own.json() as { nameMasked: string; idNumberMasked: string };
      assert.equal(view.nameMasked, '自***人');
      assert.match(view.idNumberMasked, /\*{6}/);
      assert.ok(!own.body.includes('650102194603031'), 'no full ID number');
      assert.equal((await elder.get(`/api/v1/elders/${rel.victimElderId}`)).statusCode, 404);
      assert.equal((await elder.get(`/api/v1/elders/${rel.motherElderId}`)).statusCode, 404);
      const list = (await elder.get('/api/v1/elders')).json() as { items: { id: string }[] };
      assert.deepEqual(
        list.items.map((i) => i.id),
        [rel.ownElderId],
      );
    });

    test('a family member reads the elders bound to them with consent, and only while it holds', async () => {
      const family = attackers['a family member']!;
      assert.equal((await family.get(`/api/v1/elders/${rel.motherElderId}`)).statusCode, 200);
      // Bound to the victim elder too, but without consent: nothing.
      assert.equal((await family.get(`/api/v1/elders/${rel.victimElderId}`)).statusCode, 404);
      assert.equal((await family.get(`/api/v1/elders/${rel.ownElderId}`)).statusCode, 404, 'not bound');
      const list = (await family.get('/api/v1/elders')).json() as { items: { id: string }[] };
      assert.deepEqual(
        list.items.map((i) => i.id),
        [rel.motherElderId],
      );
      // The consent is withdrawn (through the registry, by staff of the elder's county): at once, not after a cache.
      const admin = await env.login('admin');
      const withdrawn = await admin.patch(
        `/api/v1/elders/${rel.motherElderId}/family/${rel.motherBindingId}`,
        {
          consent: null,
        },
      );
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      assert.equal((await family.get(`/api/v1/elders/${rel.motherElderId}`)).statusCode, 404);
    });

    test('the demo elder and family accounts see their demo elder, and nothing else', async () => {
      const seen = async (username: string) => {
        const c = await env.login(username);
        const list = (await c.get('/api/v1/elders')).json() as {
          items: { id: string; regionCode: string }[];
        };
        const me = (await c.get('/api/v1/me')).json() as { displayName: string; regionCode: string | null };
        return { items: list.items, me };
      };
      const elder = await seen('elder');
      const family = await seen('family');
      assert.equal(elder.items.length, 1, 'the elder account is one registry record');
      assert.deepEqual(family.items, elder.items, 'the family account is bound to that elder, with consent');
      assert.match(elder.me.displayName, /^老人/);
      assert.equal(elder.me.regionCode, null, 'where they live grants them nothing');
    });

    test('a caregiver reads an elder only while an assignment concerning them is current', async () => {
      const caregiver = attackers['a caregiver outside the assignment']!;
      const url = `/api/v1/elders/${rel.victimElderId}`;
      assert.equal((await caregiver.get(url)).statusCode, 404, 'ended, future and released assignments');
      const visit = {
        subjectType: 'test_visit',
        subjectId: crypto.randomUUID(),
        userId: rel.caregiverId,
        elderId: rel.victimElderId,
      };
      await assign(env.platform.db, { ...visit, validTo: new Date(Date.now() + 3_600_000) });
      const during = await caregiver.get(url);
      assert.equal(during.statusCode, 200, during.body);
      assert.equal((during.json() as { nameMasked: string }).nameMasked, '受**人');
      await release(env.platform.db, visit);
      assert.equal((await caregiver.get(url)).statusCode, 404, 'released: the task is over');
    });
  });
}
