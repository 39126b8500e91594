/**
 * Actions waiting for their ack. They outlive connections: the client re-sends them with the same
 * idempotency key after each snapshot, and the server answers a repeated key with its first ack.
 */
import type { ActionError, ActionFrame } from '../protocol/frames.js';
import { ActionRejectedError, type ActionResult } from './types.js';

export interface PendingAction {
  readonly frame: ActionFrame;
  readonly promise: Promise<ActionResult>;
  /** Connection generation the frame was last sent on; 0 when not sent yet. */
  sentOn: number;
}

interface Entry extends PendingAction {
  resolve(result: ActionResult): void;
  reject(error: ActionRejectedError): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface PendingActions {
  readonly size: number;
  /** Registers an action, or returns the one already waiting under the same key. */
  add(frame: ActionFrame): PendingAction;
  get(key: string): PendingAction | undefined;
  values(): IterableIterator<PendingAction>;
  resolve(key: string, result: ActionResult): void;
  reject(key: string, error: ActionError): void;
  rejectAll(error: ActionError): void;
}

/** `settled` runs after any action leaves the queue, so the channel can drop an idle connection. */
export function createPendingActions(timeoutMs: number, settled: () => void): PendingActions {
  const entries = new Map<string, Entry>();

  const take = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    clearTimeout(entry.timer);
    return entry;
  };

  const pending: PendingActions = {
    get size() {
      return entries.size;
    },
    add(frame) {
      const existing = entries.get(frame.key);
      if (existing) return existing;
      let resolve!: (result: ActionResult) => void;
      let reject!: (error: ActionRejectedError) => void;
      const promise = new Promise<ActionResult>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const timer = setTimeout(
        () =>
          pending.reject(frame.key, {
            code: 'timeout',
            message: `action ${frame.name} got no ack within ${timeoutMs} ms`,
          }),
        timeoutMs,
      );
      const entry: Entry = { frame, promise, sentOn: 0, resolve, reject, timer };
      entries.set(frame.key, entry);
      return entry;
    },
    get: (key) => entries.get(key),
    values: () => entries.values(),
    resolve(key, result) {
      take(key)?.resolve(result);
      settled();
    },
    reject(key, error) {
      take(key)?.reject(new ActionRejectedError(error));
      settled();
    },
    rejectAll(error) {
      for (const key of [...entries.keys()]) take(key)?.reject(new ActionRejectedError(error));
      settled();
    },
  };
  return pending;
}
