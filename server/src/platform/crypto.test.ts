import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { CryptoError, FieldCipher } from './crypto.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const hashKey = randomBytes(32);

function cipher(keys: Array<[string, Buffer]>, activeKeyId: string, hk: Buffer = hashKey): FieldCipher {
  return new FieldCipher({ keys: keys.map(([id, key]) => ({ id, key })), activeKeyId, hashKey: hk });
}

function throwsCode(fn: () => unknown, code: CryptoError['code']): void {
  assert.throws(fn, (e: unknown) => e instanceof CryptoError && e.code === code);
}

test('encrypt/decrypt round trip, including Chinese, empty and long text', () => {
  const c = cipher([['v1', k1]], 'v1');
  for (const text of [
    '500110194912310021',
    '重庆市綦江区古南街道幸福社区3栋2单元502号',
    '',
    'x'.repeat(10_000),
    '😀𠮷',
  ]) {
    assert.equal(c.decrypt(c.encrypt(text)), text);
  }
});

test('tokens are compact, versioned and use a fresh IV every time', () => {
  const c = cipher([['v1', k1]], 'v1');
  const a = c.encrypt('13812345678');
  const b = c.encrypt('13812345678');
  assert.match(a, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
  assert.notEqual(a, b);
  // 11 bytes of text + 16 of tag = 27 bytes = 36 base64url characters.
  assert.equal(a.length, 'v1.'.length + 16 + 1 + 36);
});

test('property: round trip for any string', () => {
  const c = cipher([['v1', k1]], 'v1');
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 64 }), (s) => c.decrypt(c.encrypt(s)) === s),
  );
});

test('tampering with any character of a token is detected', () => {
  const c = cipher([['v1', k1]], 'v1');
  const token = c.encrypt('11010519491231002X');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '.') continue;
    for (const replacement of [alphabet[(alphabet.indexOf(token[i] as string) + 1) % 64], '!']) {
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      assert.throws(() => c.decrypt(tampered), CryptoError, `position ${i} → ${replacement}`);
    }
  }
  assert.throws(() => c.decrypt(token.slice(0, -1)), CryptoError);
  assert.throws(() => c.decrypt(`${token}A`), CryptoError);
  assert.throws(() => c.decrypt(`${token}AAAA`), CryptoError);
  throwsCode(() => c.decrypt('not a token'), 'crypto.malformed_token');
  throwsCode(() => c.decrypt('v1..'), 'crypto.malformed_token');
});

test('a token relabelled to another key id, or under another context, fails', () => {
  const c = cipher(
    [
      ['v1', k1],
      ['v2', k2],
    ],
    'v2',
  );
  const token = c.encrypt('secret', 'elder.phone');
  assert.equal(c.decrypt(token, 'elder.phone'), 'secret');
  throwsCode(() => c.decrypt(token), 'crypto.decrypt_failed');
  throwsCode(() => c.decrypt(token, 'elder.id_number'), 'crypto.decrypt_failed');
  throwsCode(() => c.decrypt(token.replace(/^v2/, 'v1')), 'crypto.decrypt_failed');
  throwsCode(() => c.decrypt(token.replace(/^v2/, 'v9')), 'crypto.unknown_key');
});

test('rotation: data encrypted with v1 still decrypts after v2 becomes active', () => {
  const old = cipher([['v1', k1]], 'v1');
  const token = old.encrypt('500110194912310021');
  assert.equal(old.needsRotation(token), false);

  const rotated = cipher(
    [
      ['v1', k1],
      ['v2', k2],
    ],
    'v2',
  );
  assert.equal(rotated.decrypt(token), '500110194912310021');
  assert.equal(rotated.needsRotation(token), true);
  const fresh = rotated.rotate(token);
  assert.match(fresh, /^v2\./);
  assert.equal(rotated.needsRotation(fresh), false);
  assert.equal(rotated.rotate(fresh), fresh);
  assert.equal(rotated.decrypt(fresh), '500110194912310021');

  // Once v1 is retired, old tokens name a key that is gone.
  const retired = cipher([['v2', k2]], 'v2');
  assert.equal(retired.decrypt(fresh), '500110194912310021');
  throwsCode(() => retired.decrypt(token), 'crypto.unknown_key');
});

test('rotate keeps the context', () => {
  const c = cipher(
    [
      ['v1', k1],
      ['v2', k2],
    ],
    'v1',
  );
  const token = c.encrypt('x', 'elder.address');
  const next = cipher(
    [
      ['v1', k1],
      ['v2', k2],
    ],
    'v2',
  );
  assert.equal(next.decrypt(next.rotate(token, 'elder.address'), 'elder.address'), 'x');
});

test('fromConfig: last key is active; standard and URL-safe base64', () => {
  const c = FieldCipher.fromConfig(
    ` v1:${k1.toString('base64')}, v2:${k2.toString('base64url')} `,
    hashKey.toString('base64'),
  );
  assert.equal(c.activeKeyId, 'v2');
  assert.deepEqual(c.keyIds, ['v1', 'v2']);
  const viaBuffers = cipher(
    [
      ['v1', k1],
      ['v2', k2],
    ],
    'v2',
  );
  assert.equal(viaBuffers.decrypt(c.encrypt('ok')), 'ok');
  assert.equal(c.blindIndex('a', 'd'), viaBuffers.blindIndex('a', 'd'));
  assert.equal(Buffer.from(FieldCipher.generateKey(), 'base64').length, 32);
});

test('fromConfig: clear errors on bad keys, never echoing key material', () => {
  const good = k1.toString('base64');
  const hk = hashKey.toString('base64');
  const short = randomBytes(16).toString('base64');
  const cases: Array<[string, string, RegExp]> = [
    ['', hk, /no field encryption keys/],
    [good, hk, /must look like "<id>:<base64 key>"/],
    [`v1:${short}`, hk, /must decode to 32 bytes \(got 16\)/],
    ['v1:not base64!!', hk, /is not base64/],
    [`v1:${good},v1:${k2.toString('base64')}`, hk, /appears twice/],
    [`v1:${good},v2:${good}`, hk, /reuses the bytes/],
    [`v.1:${good}`, hk, /key id "v.1"/],
    [`v1:${Buffer.alloc(32).toString('base64')}`, hk, /constant byte pattern/],
    [`v1:${good}`, short, /hash key must decode to 32 bytes/],
    [`v1:${good}`, good, /hash key must differ/],
    [`v1:${good},`, hk, /entry 2/],
    ['v1:', hk, /"v1" is empty/],
  ];
  for (const [enc, h, message] of cases) {
    assert.throws(
      () => FieldCipher.fromConfig(enc, h),
      (e: unknown) => {
        assert.ok(e instanceof CryptoError && e.code === 'crypto.config');
        assert.match(e.message, message);
        assert.ok(!e.message.includes(good) && !e.message.includes(short), 'no key material in errors');
        return true;
      },
      enc,
    );
  }
  assert.throws(() => cipher([['v1', k1]], 'v2'), /active key id "v2" is not in the keyring/);
});

test('inspect shows key ids only', () => {
  const text = inspect(cipher([['v1', k1]], 'v1'));
  assert.equal(text, "FieldCipher { activeKeyId: 'v1', keyIds: ['v1'] }");
});

test('blind index: stable, keyed and domain-separated', () => {
  const a = cipher([['v1', k1]], 'v1');
  const b = cipher([['v9', k2]], 'v9'); // same hash key, other encryption keys
  const other = cipher([['v1', k1]], 'v1', randomBytes(32));
  const id = '11010519491231002X';
  const h = a.blindIndex(id, 'elder.id_number');
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(a.blindIndex(id, 'elder.id_number'), h);
  assert.equal(b.blindIndex(id, 'elder.id_number'), h, 'independent of encryption-key rotation');
  assert.notEqual(a.blindIndex(id, 'elder.phone'), h);
  assert.notEqual(other.blindIndex(id, 'elder.id_number'), h);
  assert.notEqual(a.blindIndex(id.toLowerCase(), 'elder.id_number'), h, 'the caller normalises');
  // Domain and value are separated by NUL, so shifting characters between them changes the hash.
  assert.notEqual(a.blindIndex('b', 'elder.a'), a.blindIndex('ab', 'elder.'));
  assert.throws(() => a.blindIndex('', 'elder.id_number'), RangeError);
  assert.throws(() => a.blindIndex('x', 'Elder\0'), RangeError);
});
