import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../src/modules/auth/auth.service.ts';
import { userRepo } from '../src/modules/user/user.repo.ts';
import {
  changedTables,
  dbTargets,
  everyPermissionRole,
  snapshotTables,
  startTestEnv,
  type Client,
  type TestEnv,
} from './harness.ts';

/**
 * Walks EVERY text input of EVERY API route — path parameters, query
 * strings and JSON bodies, nested objects, list items and map values, as
 * the OpenAPI document describes them — and sends NUL, a lone surrogate and
 * other characters no text field accepts in each. Each must be a 400
 * problem+json with a pointer at that field and change nothing (PRODUCT.md
 * §7); a free-text field must say which character (`common.invalid_characters`).
 * New routes and fields are covered automatically.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
}

interface Leaf {
  path: (string | number)[];
  /** Plain text (no enumeration, format or pattern): the refusal must name the bad character. */
  free: boolean;
}

/** The places in a request part where a string goes. */
function leaves(s: JsonSchema, path: (string | number)[] = [], out = new Map<string, Leaf>()) {
  const put = (free: boolean) => {
    const key = path.join('/');
    out.set(key, { path, free: free && (out.get(key)?.free ?? true) });
  };
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) leaves(alt, path, out);
  if ([s.type].flat().includes('string'))
    put(!s.enum && s.const === undefined && !s.format && !s.pattern && !s.allOf);
  for (const [k, v] of Object.entries(s.properties ?? {})) leaves(v, [...path, k], out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    leaves(s.additionalProperties, [...path, 'A.1.1'], out);
  if (s.items) leaves(s.items, [...path, 0], out);
  // Any JSON value (an assessment form's basic information): a string is one of them.
  if (path.length && Object.keys(s).length === 0) put(true);
  return out;
}

/** `{}` with `value` at `path`. */
function bodyWith(path: (string | number)[], value: string): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head!]: bodyWith(rest, value) };
}

/** A value that passes a path parameter's schema, so that the part under test is the one refused. */
const validParam = (s: JsonSchema) =>
  s.format === 'uuid' ? randomUUID() : s.pattern?.includes('\\d{12}') ? '500110001001' : 'x';

// Lone surrogates cannot be written in a URL (encodeURIComponent throws): U+FFFD is what they become.
const BODY_VALUES = ['张\u0000三', '张\ud800三', '李\udfff', '王\u0001五', '赵\u007f', '钱\u0085'];
const URL_VALUES = ['张\u0000三', '张\ufffd三', '王\u0001五'];

interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

for (const target of await dbTargets()) {
  describe(`bad characters in every text input (${target.name})`, () => {
    let env: TestEnv;
    let walker: Client;
    before(async () => {
      env = await startTestEnv(target);
      const admin = (await userRepo(env.platform.db).findByUsername('admin'))!;
      await userRepo(env.platform.db).insert(
        {
          username: 'walker',
          displayName: 'walker',
          passwordHash: await hashPassword('Walker!pass1'),
          regionCode: admin.regionCode,
          organisationId: null,
        },
        [await everyPermissionRole(env.platform.db)],
      );
      walker = await env.login('walker', 'Walker!pass1');
    });
    after(() => env?.close());

    test('each is a 400 at its field, and nothing changes', async () => {
      const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<string, Record<string, Operation>>;
      };
      const skip = new Set(['audit_events', 'sessions']);
      const before = await snapshotTables(env.platform.db, skip);
      const failures: string[] = [];
      let sent = 0;
      for (const [template, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
          const cases: { where: string; leaf: Leaf; values: string[] }[] = [];
          // Headers (Idempotency-Key) are visible ASCII by their pattern: idempotency.int.test.ts.
          for (const p of (op.parameters ?? []).filter((x) => x.in !== 'header'))
            for (const leaf of leaves(p.schema, [p.name]).values())
              cases.push({ where: p.in === 'path' ? 'params' : 'query', leaf, values: URL_VALUES });
          const body = op.requestBody?.content?.['application/json']?.schema;
          if (body)
            for (const leaf of leaves(body).values())
              cases.push({ where: 'body', leaf, values: BODY_VALUES });
          for (const { where, leaf, values } of cases)
            for (const value of values) {
              let url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
                const p = pathParams.find((x) => x.name === name)!;
                const v = where === 'params' && leaf.path[0] === name ? value : validParam(p.schema);
                return encodeURIComponent(v);
              });
              if (where === 'query') url += `?${new URLSearchParams({ [leaf.path[0]!]: value })}`;
              const res = await walker.request(
                method.toUpperCase(),
                url,
                where === 'body'
                  ? bodyWith(leaf.path, value)
                  : ['get', 'delete'].includes(method)
                    ? undefined
                    : {},
              );
              sent++;
              const pointer = `/${where}/${leaf.path.join('/')}`;
              const what = `${method.toUpperCase()} ${template} ${pointer} = ${JSON.stringify(value)}`;
              if (
                res.statusCode !== 400 ||
                !/application\/problem\+json/.test(String(res.headers['content-type']))
              ) {
                failures.push(`${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
                continue;
              }
              const errors = (res.json().errors ?? []) as { pointer: string; code: string }[];
              const here = errors.filter((e) => e.pointer === pointer);
              if (!here.length) failures.push(`${what}: no error at the field: ${res.body.slice(0, 300)}`);
              else if (leaf.free && !here.some((e) => e.code === 'common.invalid_characters'))
                failures.push(`${what}: ${here.map((e) => e.code).join(', ')}`);
            }
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(sent > 300, `sent ${sent} requests`);
      assert.deepEqual(
        changedTables(before, await snapshotTables(env.platform.db, skip)),
        [],
        'a refused request changed data',
      );
    });
  });
}
