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

describe('anonymous identity', () => {
  it('a public id gains nothing: the feed names senders, but their votes and coins stay theirs', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    await h.ops('PUT', '/v1/rooms/r1/gifts/catalog', {
      categories: [{ id: 'c', name: 'C', gifts: [{ id: 'rose', name: 'Rose', price: 100, icon: 'rose' }] }],
    });
    const victim = await h.connect('r1', {});
    const you = (victim.frames[0] as SnapshotFrame).viewer;
    expect(you.id).toMatch(/^v-[A-Za-z0-9_-]{16}$/);
    expect(you.credential).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await victim.vote('p1', ['red'])).ok).toBe(true);
    expect((await victim.act('gift.send', { gift: 'rose', quantity: 10 })).ok).toBe(true);
    // What everyone sees: the sender's public id, never the credential.
    const watcher = await h.connect('r1', {});
    const seen = JSON.stringify(watcher.frames[0]);
    expect(seen).toContain(you.id);
    expect(seen).not.toContain(you.credential!);
    // Claiming that id, as 0.1 allowed, or passing it off as a credential: a stranger each time.
    for (const claim of [
      { viewer: you.id },
      { credential: `${you.id}-padding-0000` },
      { credential: you.id.padEnd(22, '0') },
    ]) {
      const attacker = await h.connect('r1', null);
      attacker.send({ t: 'hello', v: 1, room: 'r1', ...claim });
      const them = (await attacker.next<SnapshotFrame>((f) => f.t === 'snapshot')).viewer;
      expect(them.id).not.toBe(you.id);
      expect(them.mine).toEqual({
        polls: {},
        gifts: { wallet: { balance: 10_000, currency: 'COIN', digits: 0 } },
        surveys: {},
        quizzes: {},
        chat: {},
        follows: {},
        draws: {},
        experiments: {},
        rains: {},
        points: { balance: { balance: 0 } },
      });
    }
    // The credential is the identity: the same viewer again, on any connection, after anything.
    const again = await h.connect('r1', null);
    again.send({ t: 'hello', v: 1, room: 'r1', credential: you.credential });
    const back = (await again.next<SnapshotFrame>((f) => f.t === 'snapshot')).viewer;
    expect(back).toEqual({
      id: you.id,
      credential: you.credential,
      mine: {
        polls: { p1: { choice: ['red'], count: 1 } },
        gifts: { wallet: { balance: 9_000, currency: 'COIN', digits: 0 } },
        surveys: {},
        quizzes: {},
        chat: {},
        follows: {},
        draws: {},
        experiments: {},
        rains: {},
        points: { balance: { balance: 0 } },
      },
    });
  });

  it('refuses a malformed credential, and a token bound to another room', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock, viewerSecret: VIEWER_SECRET });
    const bad = await h.connect('r1', { credential: 'short' });
    expect(bad.frames[0]).toMatchObject({
      t: 'error',
      code: 'unauthorized',
      path: 'credential',
      fatal: true,
    });
    const token = signViewerToken(VIEWER_SECRET, 'u1', clock.now() + 60_000, 'r1');
    expect(token.split('.')).toHaveLength(4);
    const right = await h.connect('r1', { token });
    expect((right.frames[0] as SnapshotFrame).viewer.id).toBe('u1');
    const wrong = await h.connect('r2', { token });
    expect(wrong.frames[0]).toMatchObject({ t: 'error', code: 'unauthorized', path: 'token', fatal: true });
    expect((await wrong.closed).code).toBe(4401);
    expect(verifyViewerToken(VIEWER_SECRET, token.replace('.r1.', '.r2.'), clock.now(), 'r2')).toMatchObject({
      ok: false,
      code: 'unauthorized',
    });
  });
});
