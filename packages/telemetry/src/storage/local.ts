import type { Envelope } from '../envelope.js';
import type { Store } from './store.js';

/**
 * localStorage under one key, for browsers without IndexedDB. The key is capped at `limit`
 * characters so the queue can never eat the host page's own 5 MB quota: a put past the cap
 * rejects like a quota error and the client keeps those events in memory instead.
 */
export function localStore(key: string, limit: number, ls: Storage = localStorage): Store {
  const read = (): Envelope[] => {
    try {
      return JSON.parse(ls.getItem(key) ?? '[]') as Envelope[];
    } catch {
      return [];
    }
  };
  const write = (list: Envelope[]) => {
    if (!list.length) return ls.removeItem(key);
    const json = JSON.stringify(list);
    if (json.length > limit) throw new Error('quota');
    ls.setItem(key, json);
  };
  return {
    kind: 'local',
    put: async (list) => {
      const ids = new Set(list.map((e) => e.id));
      write([...read().filter((e) => !ids.has(e.id)), ...list]);
    },
    del: async (list) => {
      const ids = new Set(list);
      write(read().filter((e) => !ids.has(e.id)));
    },
    all: async () => read(),
    clear: async () => ls.removeItem(key),
  };
}
