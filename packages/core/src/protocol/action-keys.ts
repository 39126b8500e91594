/**
 * Idempotency keys. A server remembers an applied action's key for `KEY_RETENTION_MS` at least, so a
 * retry within that window gets the first ack again. A key made here is stamped with the time it
 * was made (server time, base36 ms, then random): a server can tell a key older than its memory and
 * refuse it (`key_expired`) instead of applying it a second time. Unstamped keys work too, without
 * that guarantee.
 */

/** How long keys are remembered, and the age past which a stamped key is refused. */
export const KEY_RETENTION_MS = 24 * 60 * 60 * 1000;

const STAMPED = /^([0-9a-z]{1,11})\.[A-Za-z0-9_-]{8,116}$/;

/** A new key stamped with `now` (the client's estimate of server time). */
export function stampedKey(now: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let random = '';
  for (const byte of bytes) random += (byte & 63).toString(36).padStart(2, '0');
  return `${Math.max(0, Math.floor(now)).toString(36)}.${random}`;
}

/** When a stamped key was made, or null for a key without a stamp. */
export function keyStamp(key: string): number | null {
  const match = STAMPED.exec(key);
  return match ? Number.parseInt(match[1]!, 36) : null;
}

/** Whether `key` is stamped older than `retentionMs` before `now`: its first answer may be forgotten. */
export function keyExpired(key: string, now: number, retentionMs = KEY_RETENTION_MS): boolean {
  const stamp = keyStamp(key);
  return stamp !== null && stamp < now - retentionMs;
}

/** The refusal of a key whose first answer may be forgotten: applying it again could count it twice. */
export const KEY_EXPIRED = {
  code: 'key_expired',
  message: 'this idempotency key is older than the server remembers; nothing was changed — use a new key',
} as const;
