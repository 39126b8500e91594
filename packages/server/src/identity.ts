/**
 * Viewer identity. Anonymous by default (the client keeps an id it chose or was given); a host can
 * instead issue signed viewer tokens: `<viewerId>.<expiresAtMs>.<base64url HMAC-SHA256>` over
 * `"<viewerId>.<expiresAtMs>"` with a secret shared with this server.
 *
 * Anonymous and signed ids live in separate namespaces (`a:` / `s:` keys), so an anonymous client
 * that claims a signed viewer's id cannot use or spend that viewer's votes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VIEWER_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface Viewer {
  /** The id the viewer sees in `viewer.id`. */
  id: string;
  /** Storage and rate-limit key, namespaced by how the id was established. */
  key: string;
  signed: boolean;
  /** Token expiry (epoch ms) for signed viewers. */
  expiresAt: number | null;
}

export type IdentityResult = { ok: true; viewer: Viewer } | { ok: false; code: string; message: string };

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Issues a viewer token; hosts call this on their own backend with the secret they share with us. */
export function signViewerToken(secret: string, viewerId: string, expiresAt: number): string {
  if (!VIEWER_ID.test(viewerId)) throw new TypeError(`viewerId must match ${VIEWER_ID}`);
  if (!Number.isSafeInteger(expiresAt) || expiresAt < 0) throw new TypeError('expiresAt must be epoch ms');
  const payload = `${viewerId}.${expiresAt}`;
  return `${payload}.${mac(secret, payload)}`;
}

export function verifyViewerToken(secret: string, token: string, now: number): IdentityResult {
  const parts = token.split('.');
  const [viewerId = '', expiry = '', signature = ''] = parts;
  if (parts.length !== 3 || !VIEWER_ID.test(viewerId) || !/^\d{1,16}$/.test(expiry))
    return { ok: false, code: 'unauthorized', message: 'viewer token is malformed' };
  const expected = Buffer.from(mac(secret, `${viewerId}.${expiry}`));
  const given = Buffer.from(signature);
  // Length is not secret (it is fixed by the hash); compare the bytes in constant time.
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, code: 'unauthorized', message: 'viewer token signature is invalid' };
  const expiresAt = Number(expiry);
  if (expiresAt <= now) return { ok: false, code: 'token_expired', message: 'viewer token has expired' };
  return { ok: true, viewer: { id: viewerId, key: `s:${viewerId}`, signed: true, expiresAt } };
}

export interface IdentityOptions {
  viewerSecret: string | null;
  requireSignedViewers: boolean;
}

/** Resolves the viewer of a `hello`: a valid token wins; otherwise an anonymous id (kept or new). */
export function identify(
  options: IdentityOptions,
  hello: { viewer?: string | undefined; token?: string | undefined },
  now: number,
): IdentityResult {
  if (hello.token !== undefined) {
    if (!options.viewerSecret)
      return { ok: false, code: 'unauthorized', message: 'this server does not accept viewer tokens' };
    return verifyViewerToken(options.viewerSecret, hello.token, now);
  }
  if (options.requireSignedViewers)
    return { ok: false, code: 'unauthorized', message: 'this server requires a signed viewer token' };
  const id = hello.viewer ?? `v-${randomBytes(12).toString('base64url')}`;
  return { ok: true, viewer: { id, key: `a:${id}`, signed: false, expiresAt: null } };
}
