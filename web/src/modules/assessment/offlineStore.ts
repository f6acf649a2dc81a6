/**
 * IndexedDB behind the `LocalStore` interface: the downloaded assessments and
 * their drafts (decision 006). Never the service worker's cache. Cleared on
 * sign-out (`clearOfflineData`, called by the session), and a copy is removed
 * once its assessment is published.
 */
import { memoryStore, type LocalAssessment, type LocalStore } from './offlineSync.ts';

const DB_NAME = 'yiyang-offline';
const STORE = 'assessments';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE))
        req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let db: Promise<IDBDatabase> | null = null;
const database = () => (db ??= openDb());

async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const d = await database();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error);
    tx.onabort = () => reject(tx.error ?? req.error);
  });
}

function idbStore(): LocalStore {
  return {
    get: (id) => run<LocalAssessment | undefined>('readonly', (s) => s.get(id)),
    put: async (rec) => void (await run('readwrite', (s) => s.put(rec))),
    delete: async (id) => void (await run('readwrite', (s) => s.delete(id))),
    list: () => run<LocalAssessment[]>('readonly', (s) => s.getAll()),
    clear: async () => void (await run('readwrite', (s) => s.clear())),
  };
}

let store: LocalStore | null = null;

/** The device's store: IndexedDB where the browser has it, memory otherwise. */
export function offlineStore(): LocalStore {
  store ??= typeof indexedDB === 'undefined' ? memoryStore() : idbStore();
  return store;
}

/** Sign-out: nothing of the downloaded assessments stays on the device. */
export async function clearOfflineData(): Promise<void> {
  if (typeof indexedDB === 'undefined') return store?.clear();
  try {
    await offlineStore().clear();
  } catch (e) {
    console.warn('could not clear offline assessments', e);
  }
}
