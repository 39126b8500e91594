import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, OPS_TOKEN, POLL, startServer } from './helpers.js';

afterEach(closeAll);

describe('ops API', () => {
  it('401 without or with a wrong token, and nothing changes', async () => {
    const h = await startServer();
    const missing = await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL, null);
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const wrong = await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL, 'not-the-token');
    expect(wrong.status).toBe(401);
    const almost = await h.ops('GET', '/v1/rooms/r1', undefined, `${OPS_TOKEN}x`);
    expect(almost.status).toBe(401);
    expect((await h.ops('POST', '/v1/rooms/r1/polls/p1/close', undefined, null)).status).toBe(401);
    const state = await h.ops('GET', '/v1/rooms/r1');
    expect(state.body).toMatchObject({ room: 'r1', seq: 0, state: { polls: {} } });
    expect(h.server.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 0 });
  });

  it('keeps telemetry stats behind the ops token', async () => {
    const h = await startServer();
    expect((await h.ops('GET', '/v1/events/stats', undefined, null)).status).toBe(401);
    expect((await h.ops('GET', '/v1/events/stats', undefined, 'wrong')).status).toBe(401);
    const stats = await h.ops('GET', '/v1/events/stats');
    expect(stats).toMatchObject({ status: 200, body: { room: null, total: 0 } });
  });

  it('400 naming the field for a bad body; bad JSON; 409 on a duplicate id', async () => {
    const h = await startServer();
    const bad = await h.ops('POST', '/v1/rooms/r1/polls', {
      ...POLL,
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 7 },
      ],
    });
    expect(bad).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_body',
          path: 'options[1].label',
          message: expect.stringContaining('options[1].label'),
        },
      },
    });
    const unknownField = await h.ops('POST', '/v1/rooms/r1/polls', { ...POLL, colour: 'red' });
    expect(unknownField.body.error).toMatchObject({ code: 'invalid_body', path: 'colour' });
    const json = await h.ops('POST', '/v1/rooms/r1/polls', '{"id": ');
    expect(json).toMatchObject({ status: 400, body: { error: { code: 'bad_json' } } });
    const badRoom = await h.ops('GET', '/v1/rooms/bad%20room');
    expect(badRoom).toMatchObject({ status: 400, body: { error: { code: 'invalid_room', path: 'room' } } });
    expect((await h.ops('POST', '/v1/rooms/r1/polls', POLL)).status).toBe(201);
    const dup = await h.ops('POST', '/v1/rooms/r1/polls', POLL);
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'duplicate_poll', path: 'id' } } });
    const duration = await h.ops('POST', '/v1/rooms/r1/polls/p1/open', { durationMs: 10 });
    expect(duration).toMatchObject({ status: 400, body: { error: { path: 'durationMs' } } });
    const state = await h.ops('GET', '/v1/rooms/r1');
    expect(Object.keys(state.body.state.polls)).toEqual(['p1']);
    expect(state.body.state.polls.p1.status).toBe('draft');
  });

  it('creates, opens, closes, deletes and reads a room', async () => {
    const h = await startServer();
    const viewer = await h.connect('r1');
    const created = await h.ops('POST', '/v1/rooms/r1/polls', {
      ...POLL,
      correct: ['red'],
      results: 'after-close',
    });
    expect(created).toMatchObject({
      status: 201,
      body: { poll: { id: 'p1', status: 'draft', correct: ['red'] } },
    });
    const opened = await h.ops('POST', '/v1/rooms/r1/polls/p1/open');
    expect(opened).toMatchObject({ status: 200, body: { poll: { status: 'open', closesAt: null } } });
    expect((await h.ops('POST', '/v1/rooms/r1/polls/p1/open')).body.error.code).toBe('already_open');
    await viewer.vote('p1', ['red']);
    // Ops see the whole record (tally, answers); viewers do not until close.
    const state = await h.ops('GET', '/v1/rooms/r1');
    expect(state.body).toMatchObject({
      room: 'r1',
      viewersOnline: 1,
      connections: 1,
      state: { polls: { p1: { tally: { red: 1 }, correct: ['red'] } } },
    });
    expect(typeof state.body.version).toBe('string');
    const delta = await viewer.next(
      (f) => f.t === 'delta' && f.changes.some((c) => c.value?.['status'] === 'open'),
    );
    expect(delta).toMatchObject({ changes: [{ value: { tally: null, correct: null } }] });
    const closed = await h.ops('POST', '/v1/rooms/r1/polls/p1/close');
    expect(closed.body.poll.status).toBe('closed');
    expect((await h.ops('POST', '/v1/rooms/r1/polls/p1/close')).status).toBe(200);
    expect((await h.ops('POST', '/v1/rooms/r1/polls/p1/open')).body.error.code).toBe('poll_closed');
    expect((await h.ops('POST', '/v1/rooms/r1/polls/zz/close')).status).toBe(404);
    expect(await h.ops('DELETE', '/v1/rooms/r1/polls/p1')).toMatchObject({
      status: 200,
      body: { deleted: 'p1' },
    });
    await viewer.next((f) => f.t === 'delta' && f.changes.some((c) => c.id === 'p1' && c.value === null));
    expect((await h.ops('DELETE', '/v1/rooms/r1/polls/p1')).status).toBe(404);
  });

  it('CORS: allowed origins get headers and preflights; others get none', async () => {
    const h = await startServer({ corsOrigins: ['http://demo.localhost:5173'] });
    const preflight = await fetch(`${h.url}/v1/rooms/r1/polls`, {
      method: 'OPTIONS',
      headers: { origin: 'http://demo.localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://demo.localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await fetch(`${h.url}/v1/rooms/r1`, {
      headers: { origin: 'http://evil.localhost', authorization: `Bearer ${OPS_TOKEN}` },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('healthz, and 404 in the error shape', async () => {
    const h = await startServer();
    const health = await fetch(`${h.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, connections: 0 });
    const missing = await h.ops('GET', '/v1/nowhere');
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('simulated crowd votes through the live channel, bounded, and stops', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, allowChange: true });
    const tooMany = await h.ops('POST', '/v1/rooms/r1/crowd', { viewers: 501, votesPerSecond: 10 });
    expect(tooMany).toMatchObject({ status: 400, body: { error: { path: 'viewers' } } });
    const started = await h.ops('POST', '/v1/rooms/r1/crowd', { viewers: 20, votesPerSecond: 100 });
    expect(started).toMatchObject({ status: 202, body: { crowd: { viewers: 20, votesPerSecond: 100 } } });
    const watcher = await h.connect('r1');
    await watcher.next((f) => f.t === 'delta', 5_000);
    let state = await h.ops('GET', '/v1/rooms/r1');
    for (let i = 0; i < 50 && state.body.state.polls.p1.voters < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = await h.ops('GET', '/v1/rooms/r1');
    }
    expect(state.body.state.polls.p1.voters).toBeGreaterThanOrEqual(10);
    expect(state.body.viewersOnline).toBe(21);
    expect(await h.ops('DELETE', '/v1/rooms/r1/crowd')).toMatchObject({
      status: 200,
      body: { stopped: true },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await h.ops('GET', '/v1/rooms/r1');
    expect(state.body).toMatchObject({ viewersOnline: 1, crowd: null });
  });
});
