import type { Envelope } from '../envelope.js';
import type { Store } from './store.js';

/** Last resort and test double: survives nothing, but never fails. */
export function memoryStore(): Store {
  const items = new Map<string, Envelope>();
  return {
    kind: 'memory',
    put: async (list) => {
      for (const e of list) items.set(e.id, e);
    },
    del: async (ids) => {
      for (const id of ids) items.delete(id);
    },
    all: async () => [...items.values()],
    clear: async () => items.clear(),
  };
}
