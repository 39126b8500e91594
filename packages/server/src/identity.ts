/**
 * Viewer identity. Two kinds, in separate namespaces (`a:` / `s:` storage keys):
 *
 * - **Anonymous**: the server hands each new viewer a *credential* — 128 random bits the client
 *   keeps and sends back in `hello.credential`, and that nobody else ever sees. What other viewers
 *   see is its *public id*, `v-` + the first 96 bits of SHA-256(credential): one-way, so knowing a
 *   viewer's public id (a gift's sender) gains nothing. No server state: any node, before or after a
 *   restart, derives the same public id from the same credential.
 * - **Signed**: the host's backend issues `<viewerId>.<expiresAtMs>[.<room>].<base64url HMAC-SHA256>`
 *   over everything before the signature, with a secret shared with this server. The viewer id is
 *   the host's own (and the public id); a token naming a room is valid in that room only.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isReservedKey } from '@onair/core/protocol.js';

const VIEWER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CREDENTIAL = /^[A-Za-z0-9_-]{22,64}$/;

export interface Viewer {
  /** The id other viewers may see, and the viewer sees in `viewer.id`. */
  id: string;
  /** Storage and rate-limit key, namespaced by how the id was established. */
  key: string;
  signed: boolean;
  /** Token expiry (epoch ms) for signed viewers. */
  expiresAt: number | null;
  /** An anonymous viewer's credential, returned to them alone in their snapshot. */
  credential?: string;
}

export type IdentityResult =
  | { ok: true; viewer: Viewer }
  | { ok: false; code: string; message: string; path: string };

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * Issues a viewer token; hosts call this on their own backend with the secret they share with us.
 * With `room`, the token is valid in that room only.
 */
export function signViewerToken(secret: string, viewerId: string, expiresAt: number, room?: string): string {
  if (!VIEWER_ID.test(viewerId) || isReservedKey(viewerId))
    throw new TypeError(`viewerId must match ${VIEWER_ID}`);
  if (room !== undefined && (!VIEWER_ID.test(room) || isReservedKey(room)))
    throw new TypeError(`room must match ${VIEWER_ID}`);
  if (!Number.isSafeInteger(expiresAt) || expiresAt < 0) throw new TypeError('expiresAt must be epoch ms');
  const payload = room === undefined ? `${viewerId}.${expiresAt}` : `${viewerId}.${expiresAt}.${room}`;
  return `${payload}.${mac(secret, payload)}`;
}

/** Checks a token's shape, signature, expiry and (when it names one) room. */
export function verifyViewerToken(secret: string, token: string, now: number, room?: string): IdentityResult {
  const fail = (code: string, message: string): IdentityResult => ({
    ok: false,
    code,
    message,
    path: 'token',
  });
  const parts = token.split('.');
  const [viewerId = '', expiry = ''] = parts;
  const audience = parts.length === 4 ? parts[2]! : undefined;
  const signature = parts.at(-1) ?? '';
  if (
    (parts.length !== 3 && parts.length !== 4) ||
    !VIEWER_ID.test(viewerId) ||
    isReservedKey(viewerId) ||
    !/^\d{1,16}$/.test(expiry) ||
    (audience !== undefined && !VIEWER_ID.test(audience))
  )
    return fail('unauthorized', 'viewer token is malformed');
  const expected = Buffer.from(mac(secret, parts.slice(0, -1).join('.')));
  const given = Buffer.from(signature);
  // Length is not secret (it is fixed by the hash); compare the bytes in constant time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return fail('unauthorized', 'viewer token signature is invalid');
  if (audience !== undefined && room !== undefined && audience !== room)
    return fail('unauthorized', `viewer token is for room "${audience}"`);
  const expiresAt = Number(expiry);
  if (expiresAt <= now) return fail('token_expired', 'viewer token has expired');
  return { ok: true, viewer: { id: viewerId, key: `s:${viewerId}`, signed: true, expiresAt } };
}

/** The public id of an anonymous credential: one-way, so the id never leads back to it. */
export function publicId(credential: string): string {
  return `v-${createHash('sha256').update(credential).digest('base64url').slice(0, 16)}`;
}

export interface IdentityOptions {
  viewerSecret: string | null;
  requireSignedViewers: boolean;
}

/**
 * Resolves the viewer of a `hello` in `room`: a valid token wins; else the anonymous credential the
 * client kept, or a new one. A bare `hello.viewer` (0.1's anonymous id) proves nothing and is not
 * used: such a client becomes a new anonymous viewer.
 */
export function identify(
  options: IdentityOptions,
  hello: { token?: string | undefined; credential?: string | undefined },
  room: string,
  now: number,
): IdentityResult {
  if (hello.token !== undefined) {
    if (!options.viewerSecret)
      return {
        ok: false,
        code: 'unauthorized',
        message: 'this server does not accept viewer tokens',
        path: 'token',
      };
    return verifyViewerToken(options.viewerSecret, hello.token, now, room);
  }
  if (options.requireSignedViewers)
    return {
      ok: false,
      code: 'unauthorized',
      message: 'this server requires a signed viewer token',
      path: 'token',
    };
  if (hello.credential !== undefined && !CREDENTIAL.test(hello.credential))
    return { ok: false, code: 'unauthorized', message: 'credential is malformed', path: 'credential' };
  const credential = hello.credential ?? randomBytes(16).toString('base64url');
  const id = publicId(credential);
  return { ok: true, viewer: { id, key: `a:${id}`, signed: false, expiresAt: null, credential } };
}
