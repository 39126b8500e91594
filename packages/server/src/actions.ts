/** The contract between the live channel and the features that handle viewer actions. */
import type { AckFrame } from '@onair/core/channel.js';
import type { Viewer } from './identity.js';
import type { Room } from './rooms.js';

export interface ActionContext {
  room: Room;
  viewer: Viewer;
  /** Idempotency key; a handler that changes state stores its ack under it in the same transaction. */
  key: string;
  now: number;
}

/**
 * Handles one action; refusals must change nothing. A change is acked once it is stored, hence the
 * promise; a string is the ack already serialized (as stored for replay). A throw or rejection is
 * answered as `internal_error`.
 */
export type ActionHandler = (
  ctx: ActionContext,
  payload: Record<string, unknown>,
) => AckFrame | Promise<AckFrame | string>;

export function refuse(key: string, code: string, message: string, path?: string): AckFrame {
  return { t: 'ack', key, ok: false, error: path ? { code, message, path } : { code, message } };
}
