/**
 * The device's offline store, shared by every module that works offline (the assessment tablet, the
 * caregiver's day): one IndexedDB database with one object store per kind of record, behind `KeyedStore`,
 * a per-record lock for read-modify-write, and an in-memory twin for tests and browsers without IndexedDB.
 * Never the service worker's cache. Everything is cleared on sign-out (`clearOfflineData`).
 */

export interface KeyedStore<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  put(rec: T): Promise<void>;
  delete(id: string): Promise<void>;
  list(): Promise<T[]>;
  clear(): Promise<void>;
}

const DB_NAME = 'yiyang-offline';
/** Every object store of the database; adding one bumps the version (an upgrade creates what is missing). */
const STORES = ['assessments', 'visitDays', 'actionQueue'] as const;
export type StoreName = (typeof STORES)[number];
const VERSION = 2;

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      for (const name of STORES)
        if (!req.result.objectStoreNames.contains(name))
          req.result.createObjectStore(name, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let db: Promise<IDBDatabase> | null = null;
const database = () => (db ??= openDb());

function idbStore<T extends { id: string }>(name: StoreName): KeyedStore<T> {
  async function run<R>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> {
    const d = await database();
    return new Promise((resolve, reject) => {
      const tx = d.transaction(name, mode);
      const req = fn(tx.objectStore(name));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? req.error);
      tx.onabort = () => reject(tx.error ?? req.error);
    });
  }
  return {
    get: (id) => run<T | undefined>('readonly', (s) => s.get(id)),
    put: async (rec) => void (await run('readwrite', (s) => s.put(rec))),
    delete: async (id) => void (await run('readwrite', (s) => s.delete(id))),
    list: () => run<T[]>('readonly', (s) => s.getAll()),
    clear: async () => void (await run('readwrite', (s) => s.clear())),
  };
}

/** In-memory store (tests, and browsers without IndexedDB); copies on the way in and out, like IndexedDB. */
export function memoryStore<T extends { id: string }>(): KeyedStore<T> {
  const m = new Map<string, T>();
  const copy = <V>(v: V): V => structuredClone(v);
  return {
    get: async (id) => {
      const v = m.get(id);
      return v ? copy(v) : undefined;
    },
    put: async (rec) => void m.set(rec.id, copy(rec)),
    delete: async (id) => void m.delete(id),
    list: async () => [...m.values()].map(copy),
    clear: async () => m.clear(),
  };
}

const stores = new Map<StoreName, KeyedStore<never>>();

/** The device's store of this name: IndexedDB where the browser has it, memory otherwise. */
export function deviceStore<T extends { id: string }>(name: StoreName): KeyedStore<T> {
  let s = stores.get(name);
  if (!s) {
    s = (typeof indexedDB === 'undefined' ? memoryStore<T>() : idbStore<T>(name)) as KeyedStore<never>;
    stores.set(name, s);
  }
  return s as unknown as KeyedStore<T>;
}

/** Sign-out: nothing of the downloaded work stays on the device. */
export async function clearOfflineData(): Promise<void> {
  for (const name of STORES) {
    try {
      await deviceStore(name).clear();
    } catch (e) {
      console.warn(`could not clear offline ${name}`, e);
    }
  }
}

// One read-modify-write at a time per record: a change made while a sync is in flight must not be
// overwritten by the sync's bookkeeping.
const locks = new Map<string, Promise<unknown>>();
export function withLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(id) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(
    id,
    next.catch(() => undefined),
  );
  return next;
}
