import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  randomBytes,
  randomFillSync,
  type KeyObject,
} from 'node:crypto';
import { inspect } from 'node:util';

/**
 * Field-level encryption and keyed hashing for sensitive personal information
 * (PIPL Art. 51 "encryption, de-identification"; STANDARDS.md §7; PRODUCT.md §4.15).
 *
 * Token format: `<keyId>.<base64url iv>.<base64url ciphertext ‖ tag>`, e.g.
 * `v2.Zm9vYmFyYmF6cXV4.Ab3…`. AES-256-GCM, 12-byte random IV, 16-byte tag.
 * A token relabelled with another key id fails (the keyring refuses two ids
 * with the same key bytes). The optional `context` is authenticated as GCM
 * associated data, so a token made for one column cannot be moved to another.
 *
 * Random IVs: NIST SP 800-38D §8.3 limits one key to 2^32 random-IV
 * encryptions. At several fields per elder that is hundreds of millions of
 * writes; rotate the active key long before (e.g. yearly).
 */

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const DOMAIN = /^[a-z][a-z0-9_.:-]{0,63}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE64_OR_URL = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;
const GENERATE_HINT = `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

export type CryptoErrorCode =
  'crypto.config' | 'crypto.malformed_token' | 'crypto.unknown_key' | 'crypto.decrypt_failed';

/** Never carries key material or plaintext in its message. */
export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export interface FieldKey {
  id: string;
  key: Buffer;
}

export interface FieldCipherOptions {
  keys: readonly FieldKey[];
  activeKeyId: string;
  hashKey: Buffer;
}

/**
 * The keyring as KeyObjects, for a worker thread: `postMessage`/`workerData`
 * clone KeyObjects, so key bytes never travel as strings.
 */
export interface SharedFieldKeys {
  keys: [string, KeyObject][];
  activeKeyId: string;
  hashKey: KeyObject;
}

export class FieldCipher {
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
  // Key objects are built once here; encrypt/decrypt never parse key bytes.
  readonly #keys = new Map<string, KeyObject>();
  readonly #hashKey: KeyObject;
  // Associated data per key id and context, built once.
  readonly #aad = new Map<string, Buffer>();
  // IVs come from a CSPRNG pool: randomBytes(12) per call costs more than the AES itself.
  readonly #ivs = new RandomPool(IV_BYTES * 1024);

  constructor(options: FieldCipherOptions) {
    if (options.keys.length === 0) fail('no field encryption keys configured');
    const seen: Buffer[] = [];
    for (const { id, key } of options.keys) {
      if (!KEY_ID.test(id)) fail(`key id "${id}" must be 1–32 characters of A–Z a–z 0–9 _ -`);
      if (this.#keys.has(id)) fail(`key id "${id}" appears twice`);
      checkKeyBytes(key, `field encryption key "${id}"`);
      if (seen.some((k) => k.equals(key)))
        fail(`field encryption key "${id}" reuses the bytes of another key`);
      seen.push(key);
      this.#keys.set(id, createSecretKey(Buffer.from(key)));
    }
    if (!this.#keys.has(options.activeKeyId))
      fail(`active key id "${options.activeKeyId}" is not in the keyring`);
    checkKeyBytes(options.hashKey, 'blind-index hash key');
    // Key separation: the HMAC key must not double as an AES key.
    if (seen.some((k) => k.equals(options.hashKey)))
      fail('the hash key must differ from every encryption key');
    this.#hashKey = createSecretKey(Buffer.from(options.hashKey));
    this.activeKeyId = options.activeKeyId;
    this.keyIds = [...this.#keys.keys()];
  }

  /**
   * Parses `"v1:<base64>,v2:<base64>"` (the last entry is the active key) and a
   * base64 hash key, as read from the environment. Standard or URL-safe base64.
   */
  static fromConfig(encKeys: string, hashKey: string): FieldCipher {
    const entries = encKeys.split(',').map((e) => e.trim());
    if (entries.length === 1 && entries[0] === '') fail('no field encryption keys configured');
    const keys = entries.map((entry, i) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) fail(`key entry ${i + 1} must look like "<id>:<base64 key>"`);
      const id = entry.slice(0, colon).trim();
      return { id, key: decodeKey(entry.slice(colon + 1).trim(), `field encryption key "${id}"`) };
    });
    const active = keys[keys.length - 1] as FieldKey;
    return new FieldCipher({ keys, activeKeyId: active.id, hashKey: decodeKey(hashKey.trim(), 'hash key') });
  }

  /** The same keyring in a worker thread (see `share`). */
  static fromShared(shared: SharedFieldKeys): FieldCipher {
    return new FieldCipher({
      keys: shared.keys.map(([id, key]) => ({ id, key: key.export() })),
      activeKeyId: shared.activeKeyId,
      hashKey: shared.hashKey.export(),
    });
  }

  /** The keyring for `fromShared` in a worker thread of this process. */
  share(): SharedFieldKeys {
    return { keys: [...this.#keys], activeKeyId: this.activeKeyId, hashKey: this.#hashKey };
  }

  /** A fresh random key in the base64 form that `fromConfig` reads. */
  static generateKey(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }

  /**
   * AES-256-GCM with the active key. `context` (e.g. `'elder.id_number'`) is
   * optional associated data: the same context must be given to `decrypt`.
   */
  encrypt(plaintext: string, context?: string): string {
    const keyId = this.activeKeyId;
    const iv = this.#nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.#key(keyId), iv);
    if (context !== undefined) cipher.setAAD(this.#aadOf(keyId, context));
    const body = cipher.update(plaintext, 'utf8');
    cipher.final(); // GCM is a stream mode: final() emits nothing.
    const sealed = Buffer.concat([body, cipher.getAuthTag()]);
    return `${keyId}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /** Decrypts with the key named in the token; throws `CryptoError` on any tampering. */
  decrypt(token: string, context?: string): string {
    const { keyId, iv, body } = parseToken(token);
    const decipher = createDecipheriv('aes-256-gcm', this.#key(keyId), iv);
    if (context !== undefined) decipher.setAAD(this.#aadOf(keyId, context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      const text = decipher.update(body.subarray(0, body.length - TAG_BYTES), undefined, 'utf8');
      decipher.final();
      return text;
    } catch {
      throw new CryptoError('crypto.decrypt_failed', `token for key "${keyId}" failed authentication`);
    }
  }

  /** True when the token was not made with the active key; throws on a malformed token. */
  needsRotation(token: string): boolean {
    return tokenKeyId(token) !== this.activeKeyId;
  }

  /** Re-encrypts with the active key; returns the token unchanged when already current. */
  rotate(token: string, context?: string): string {
    return this.needsRotation(token) ? this.encrypt(this.decrypt(token, context), context) : token;
  }

  /**
   * Keyed hash for exact lookup and de-duplication:
   * hex HMAC-SHA256(hashKey, domain ‖ 0x00 ‖ value).
   *
   * The caller normalises `value` first (e.g. `parseCnIdNumber(...).value.normalized`,
   * digits-only phone numbers): this function hashes the exact string it gets.
   * `domain` (e.g. `'elder.id_number'`) separates uses, so equal values in
   * different columns give unrelated hashes. Empty values are refused: store
   * NULL instead, or every blank would look like a duplicate.
   */
  blindIndex(value: string, domain: string): string {
    if (!DOMAIN.test(domain)) throw new RangeError(`blind-index domain "${domain}" must match ${DOMAIN}`);
    if (value === '') throw new RangeError('blind index of an empty value');
    return createHmac('sha256', this.#hashKey).update(`${domain}\0${value}`, 'utf8').digest('hex');
  }

  [inspect.custom](): string {
    return `FieldCipher { activeKeyId: '${this.activeKeyId}', keyIds: [${this.keyIds.map((k) => `'${k}'`).join(', ')}] }`;
  }

  #key(keyId: string): KeyObject {
    const key = this.#keys.get(keyId);
    if (!key) throw new CryptoError('crypto.unknown_key', `no key "${keyId}" in the keyring`);
    return key;
  }

  #aadOf(keyId: string, context: string): Buffer {
    const k = `${keyId}\0${context}`;
    let b = this.#aad.get(k);
    if (!b) {
      b = aad(keyId, context);
      // Contexts are a handful of column names; a caller passing arbitrary text must not grow this without end.
      if (this.#aad.size < 256) this.#aad.set(k, b);
    }
    return b;
  }

  #nextIv(): Buffer {
    return this.#ivs.take(IV_BYTES);
  }
}

/**
 * CSPRNG bytes handed out from a buffer refilled in one call (randomFillSync) when used up: one OS call
 * per pool instead of one per IV or id. `take` returns a view, not a copy: use it synchronously, before
 * a later `take` can refill the pool. `size` must be a multiple of every `n` asked for.
 */
export class RandomPool {
  readonly #pool: Buffer;
  #at: number;

  constructor(size: number) {
    this.#pool = Buffer.alloc(size);
    this.#at = size;
  }

  take(n: number): Buffer {
    if (this.#at === this.#pool.length) {
      randomFillSync(this.#pool);
      this.#at = 0;
    }
    this.#at += n;
    return this.#pool.subarray(this.#at - n, this.#at);
  }
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${keyId}\0${context}`, 'utf8');
}

function fail(message: string): never {
  throw new CryptoError('crypto.config', message);
}

function checkKeyBytes(key: Buffer, label: string): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    fail(
      `${label} must be exactly ${KEY_BYTES} bytes (got ${Buffer.isBuffer(key) ? key.length : typeof key})`,
    );
  }
  // Catch placeholders such as 32 zero bytes or "AAAA…".
  if (key.every((b) => b === key[0]))
    fail(`${label} is a constant byte pattern, not a random key; ${GENERATE_HINT}`);
}

function decodeKey(text: string, label: string): Buffer {
  if (text === '') fail(`${label} is empty; ${GENERATE_HINT}`);
  if (!BASE64_OR_URL.test(text)) fail(`${label} is not base64; ${GENERATE_HINT}`);
  const key = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64');
  if (key.length !== KEY_BYTES)
    fail(`${label} must decode to ${KEY_BYTES} bytes (got ${key.length}); ${GENERATE_HINT}`);
  return key;
}

function tokenKeyId(token: string): string {
  const dot = token.indexOf('.');
  const keyId = token.slice(0, dot);
  if (dot <= 0 || !KEY_ID.test(keyId)) throw malformed();
  return keyId;
}

function parseToken(token: string): { keyId: string; iv: Buffer; body: Buffer } {
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed();
  const [keyId, ivText, bodyText] = parts as [string, string, string];
  if (!KEY_ID.test(keyId)) throw malformed();
  const iv = decodeBase64UrlStrict(ivText);
  const body = decodeBase64UrlStrict(bodyText);
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw malformed();
  return { keyId, iv, body };
}

/**
 * Node's base64url decoder skips junk characters and ignores trailing bits,
 * so several strings decode to the same bytes. Accept only the canonical one:
 * every change to a token must then fail.
 */
function decodeBase64UrlStrict(text: string): Buffer {
  if (!BASE64URL.test(text) || text.length % 4 === 1) throw malformed();
  const bytes = Buffer.from(text, 'base64url');
  const spareBits = (text.length * 6) % 8;
  const last = text.charCodeAt(text.length - 1);
  if (spareBits !== 0 && base64UrlValue(last) % (1 << spareBits) !== 0) throw malformed();
  return bytes;
}

function base64UrlValue(c: number): number {
  if (c >= 65 && c <= 90) return c - 65; // A-Z
  if (c >= 97 && c <= 122) return c - 71; // a-z
  if (c >= 48 && c <= 57) return c + 4; // 0-9
  return c === 45 ? 62 : 63; // - _
}

function malformed(): CryptoError {
  return new CryptoError('crypto.malformed_token', 'not a field-encryption token');
}
