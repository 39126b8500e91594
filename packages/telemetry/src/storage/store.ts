import type { Envelope } from '../envelope.js';

/**
 * Where queued events live until a 2xx. Every method may reject (quota, private mode, a closed
 * database); callers treat a rejection as "not persisted here" and fall back, never as fatal.
 */
export interface Store {
  put(items: Envelope[]): Promise<unknown>;
  del(ids: string[]): Promise<unknown>;
  all(): Promise<Envelope[]>;
  clear(): Promise<unknown>;
  /** `idb`, `local` or `memory`: only shared stores need a cross-tab owner. */
  kind: string;
}
