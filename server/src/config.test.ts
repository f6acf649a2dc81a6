import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, describeConfig, loadConfig } from './config.ts';

test('defaults: PGlite and the embedded broker when nothing is set', () => {
  const c = loadConfig({});
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.MQTT_URL, undefined);
  assert.equal(c.PORT, 3000);
  assert.ok(c.dataDir.endsWith('/data'));
});

test('fails fast with the setting, the problem and its description', () => {
  assert.throws(
    () => loadConfig({ PORT: 'abc' }),
    (e: Error) => e instanceof ConfigError && /PORT: .*HTTP port/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /DATA_KEYS and HASH_KEY are required/);
});

test('sensitive settings are hidden when printed', () => {
  const c = loadConfig({ DATABASE_URL: 'postgres://u:secret@h/db' });
  const shown = describeConfig(c).find((s) => s.key === 'DATABASE_URL')!;
  assert.equal(shown.value, '******');
  assert.ok(!JSON.stringify(describeConfig(c)).includes('u:secret@'));
});

test('TRUST_PROXY: hops or proxy addresses, never "believe every X-Forwarded-For entry"', () => {
  assert.equal(loadConfig({}).TRUST_PROXY, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY, 1);
  assert.equal(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }).TRUST_PROXY, [
    '10.0.0.0/8',
    '192.168.1.5',
  ]);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'balancer.local' }), /TRUST_PROXY: "balancer.local"/);
});
