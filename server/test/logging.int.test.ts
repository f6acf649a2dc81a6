import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../src/platform/context.ts';
import { dbTargets, startTestEnv, testConfig, type TestEnv } from './harness.ts';

/** No personal data in logs (PRODUCT.md §7): capture every line while personal data flows through the API. */
const [pglite] = await dbTargets();

describe('logs carry request ids and no personal data', () => {
  let env: TestEnv;
  const lines: string[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    // The production logger configuration, writing into memory.
    env = await startTestEnv(pglite!, { log: createLogger(testConfig({ LOG_LEVEL: 'info' }), sink) });
  });
  after(() => env?.close());

  test('sign-in, search and user creation leave no password, phone, name query or cookie in the logs', async () => {
    const admin = await env.login('admin');
    await admin.get('/api/v1/users?q=' + encodeURIComponent('张秀英'));
    const res = await admin.post('/api/v1/users', {
      username: 'logcheck',
      displayName: '日志检查',
      password: 'Secr3tPassw0rd',
      phone: '13912345678',
      roles: ['community_worker'],
      regionCode: '500110000000',
    });
    assert.equal(res.statusCode, 201, res.body);
    const all = lines.join('');
    assert.ok(all.includes('"reqId"'), 'request ids are logged');
    assert.ok(all.includes('"userId"'), 'the acting user id is logged');
    for (const secret of [
      'Secr3tPassw0rd',
      'Yiyang@2026',
      '13912345678',
      '张秀英',
      encodeURIComponent('张秀英'),
      'yy_session=',
    ])
      assert.ok(!all.includes(secret), `logs contain ${secret}`);
  });
});
