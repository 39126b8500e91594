import type { SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { signViewerToken, verifyViewerToken } from '../src/identity.js';
import { closeAll, fakeClock, POLL, startServer, VIEWER_SECRET } from './helpers.js';

afterEach(closeAll);

describe('signed viewer tokens', () => {
  it('signs and verifies `<viewerId>.<expiresAtMs>.<base64url hmac>`', () => {
    const token = signViewerToken(VIEWER_SECRET, 'host-user-1', 2_000);
    expect(token).toMatch(/^host-user-1\.2000\.[A-Za-z0-9_-]{43}$/);
    expect(verifyViewerToken(VIEWER_SECRET, token, 1_999)).toMatchObject({
      ok: true,
      viewer: { id: 'host-user-1', signed: true },
    });
    expect(verifyViewerToken(VIEWER_SECRET, token, 2_000)).toMatchObject({
      ok: false,
      code: 'token_expired',
    });
    expect(verifyViewerToken('another-secret-0123456789', token, 0)).toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
    expect(verifyViewerToken(VIEWER_SECRET, token.replace('host-user-1', 'host-user-2'), 0)).toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
    expect(verifyViewerToken(VIEWER_SECRET, 'a.b', 0)).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('a valid token sets the viewer id; signed and anonymous ids never share votes', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock, viewerSecret: VIEWER_SECRET });
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    const token = signViewerToken(VIEWER_SECRET, 'u42', clock.now() + 60_000);
    const signed = await h.connect('r1', { token, viewer: 'ignored' });
    expect((signed.frames[0] as SnapshotFrame).viewer.id).toBe('u42');
    expect((await signed.vote('p1', ['red'])).ok).toBe(true);
    const impostor = await h.connect('r1', { viewer: 'u42' });
    expect((impostor.frames[0] as SnapshotFrame).viewer.mine.polls).toEqual({});
    expect((await impostor.vote('p1', ['blue'])).ok).toBe(true);
  });

  it('expired → token_expired, forged → unauthorized, both fatal with 4401', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock, viewerSecret: VIEWER_SECRET });
    const expired = await h.connect('r1', { token: signViewerToken(VIEWER_SECRET, 'u1', clock.now() - 1) });
    expect(expired.frames[0]).toMatchObject({ t: 'error', code: 'token_expired', fatal: true });
    expect((await expired.closed).code).toBe(4401);
    const forged = await h.connect('r1', {
      token: signViewerToken('not-the-secret-0123456', 'u1', clock.now() + 60_000),
    });
    expect(forged.frames[0]).toMatchObject({ t: 'error', code: 'unauthorized', fatal: true });
    expect((await forged.closed).code).toBe(4401);
  });

  it('a token that expires while connected stops its actions with token_expired', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock, viewerSecret: VIEWER_SECRET });
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    const client = await h.connect('r1', {
      token: signViewerToken(VIEWER_SECRET, 'u1', clock.now() + 1_000),
    });
    clock.advance(1_000);
    expect(await client.vote('p1', ['red'])).toMatchObject({ ok: false, error: { code: 'token_expired' } });
  });

  it('require-signed mode rejects anonymous viewers and accepts signed ones', async () => {
    const h = await startServer({ viewerSecret: VIEWER_SECRET, requireSignedViewers: true });
    const anonymous = await h.connect('r1', { viewer: 'anon' });
    expect(anonymous.frames[0]).toMatchObject({ t: 'error', code: 'unauthorized', fatal: true });
    expect((await anonymous.closed).code).toBe(4401);
    const signed = await h.connect('r1', {
      token: signViewerToken(VIEWER_SECRET, 'u1', Date.now() + 60_000),
    });
    expect(signed.frames[0]).toMatchObject({ t: 'snapshot', viewer: { id: 'u1' } });
  });

  it('a server without a viewer secret refuses tokens', async () => {
    const h = await startServer();
    const client = await h.connect('r1', {
      token: signViewerToken(VIEWER_SECRET, 'u1', Date.now() + 60_000),
    });
    expect(client.frames[0]).toMatchObject({ t: 'error', code: 'unauthorized' });
  });
});
