import type { Envelope } from '../envelope.js';
import type { Store } from './store.js';

/**
 * IndexedDB: one database per client name, one object store keyed by event id. Shared by every
 * tab of the origin, so the client gives it a single owner (see lock.ts). Rejects when
 * IndexedDB is missing or blocked (some private modes), and the client falls back.
 */
export function idbStore(name: string): Promise<Store> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('q', { keyPath: 'id' });
    // Callers only fall back on a rejection; its reason is never read.
    open.onerror = reject;
    open.onsuccess = () => {
      const db = open.result;
      // Resolves on commit, not on request success: only a committed write counts as persisted.
      const run = <T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest<T> | undefined) =>
        new Promise<T | undefined>((ok, fail) => {
          const tx = db.transaction('q', mode);
          const req = body(tx.objectStore('q'));
          tx.oncomplete = () => ok(req?.result);
          tx.onerror = tx.onabort = fail;
        });
      resolve({
        kind: 'idb',
        put: (list) =>
          run('readwrite', (s) => {
            for (const e of list) s.put(e);
          }),
        del: (ids) =>
          run('readwrite', (s) => {
            for (const id of ids) s.delete(id);
          }),
        // A committed getAll() always has an array result.
        all: () => run('readonly', (s) => s.getAll()) as Promise<Envelope[]>,
        clear: () => run('readwrite', (s) => s.clear()),
      });
    };
  });
}
