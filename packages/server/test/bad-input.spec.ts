import type { ErrorFrame, SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeAll, POLL, startServer, type TestClient, wait } from './helpers.js';

afterEach(closeAll);

const isError = (f: { t: string }) => f.t === 'error';

/** The connection still works: a ping gets its pong. */
async function alive(client: TestClient): Promise<void> {
  client.send({ t: 'ping' });
  await client.next((f) => f.t === 'pong');
}

describe('bad input on the live channel', () => {
  it('malformed JSON → bad_json, connection survives', async () => {
    const h = await startServer();
    const client = await h.connect('r1');
    client.send('{"t": "ping"');
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({
      code: 'bad_json',
      message: expect.any(String),
    });
    await alive(client);
  });

  it('unknown frame type → unknown_type naming the type', async () => {
    const h = await startServer();
    const client = await h.connect('r1');
    client.send({ t: 'teleport' });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({
      code: 'unknown_type',
      path: 't',
      message: expect.stringContaining('teleport'),
    });
    client.send([1, 2]);
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({ code: 'invalid_frame' });
    await alive(client);
  });

  it('frame over 16 KiB → frame_too_large, connection survives; over 64 KiB the socket closes', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    const client = await h.connect('r1');
    client.send({
      t: 'action',
      key: 'big',
      name: 'poll.vote',
      payload: { poll: 'p1', choice: ['red'], pad: 'x'.repeat(17_000) },
    });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({
      code: 'frame_too_large',
      message: expect.stringContaining('16384'),
    });
    await alive(client);
    const state = await h.ops('GET', '/v1/rooms/r1');
    expect(state.body.state.polls.p1.voters).toBe(0);
    client.send('x'.repeat(70_000));
    expect((await client.closed).code).toBe(1009);
  });

  it('wrong field types → invalid_frame with the path', async () => {
    const h = await startServer();
    const client = await h.connect('r1');
    client.send({ t: 'action', key: 5, name: 'poll.vote', payload: {} });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({ code: 'invalid_frame', path: 'key' });
    // With a readable key, the refusal comes as that action's ack.
    client.send({ t: 'action', key: 'k1', name: 'poll.vote', payload: 'nope' });
    expect(await client.next((f) => f.t === 'ack')).toMatchObject({
      key: 'k1',
      ok: false,
      error: { code: 'invalid_frame', path: 'payload' },
    });
    client.send({ t: 'resync', have: -1 });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({ code: 'invalid_frame', path: 'have' });
    await alive(client);
  });

  it('frames before hello → hello_required; a bad hello closes with a final code', async () => {
    const h = await startServer();
    const client = await h.connect('r1', null);
    client.send({ t: 'ping' });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({ code: 'hello_required' });
    client.send({ t: 'hello', v: 2, room: 'r1' });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({
      code: 'unsupported_version',
      path: 'v',
      fatal: true,
    });
    expect((await client.closed).code).toBe(1008);

    const mismatch = await h.connect('r1', null);
    mismatch.send({ t: 'hello', v: 1, room: 'r2' });
    expect(await mismatch.next<ErrorFrame>(isError)).toMatchObject({ code: 'room_mismatch', fatal: true });
    expect((await mismatch.closed).code).toBe(1008);

    const badRoom = await h.connect('r1', null);
    badRoom.send({ t: 'hello', v: 1, room: 'no spaces allowed' });
    expect(await badRoom.next<ErrorFrame>(isError)).toMatchObject({ code: 'invalid_frame', path: 'room' });
  });

  it('binary frames are refused; unknown paths get no upgrade', async () => {
    const h = await startServer();
    const client = await h.connect('r1');
    client.ws.send(Buffer.from('{"t":"ping"}'), { binary: true });
    expect(await client.next<ErrorFrame>(isError)).toMatchObject({ code: 'invalid_frame' });
    await alive(client);
    const refused = new WebSocket(`${h.url.replace('http', 'ws')}/v1/elsewhere`);
    const status = await new Promise((resolve) =>
      refused.on('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(status).toBe(404);
  });
});

describe('rate limits', () => {
  it('per connection: excess frames get a rate_limited error frame and the connection survives', async () => {
    const h = await startServer({ limits: { connectionFrames: { rate: 5, burst: 10 } } });
    const client = await h.connect('r1');
    for (let i = 0; i < 30; i++) client.send({ t: 'ping' });
    const error = await client.next<ErrorFrame>(isError);
    expect(error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('5/s') });
    expect(error.fatal).toBeUndefined();
    // Burst 10, minus the hello: 9 pongs, and only one notice for the whole burst.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(client.count('pong')).toBe(9 + 0);
    expect(client.count('error')).toBe(1);
    await alive(client);
  });

  it('per viewer, across connections: excess actions are acked rate_limited', async () => {
    const h = await startServer({ limits: { viewerActions: { rate: 1, burst: 3 } } });
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, allowChange: true });
    const a = await h.connect('r1', { viewer: 'same' });
    const b = await h.connect('r1', { viewer: 'same' });
    const acks = await Promise.all([a, b, a, b].map((c) => c.vote('p1', ['red'])));
    expect(acks.filter((ack) => ack.ok)).toHaveLength(3);
    expect(acks.find((ack) => !ack.ok)).toMatchObject({
      error: { code: 'rate_limited', message: expect.stringContaining('retry in') },
    });
    const other = await h.connect('r1', { viewer: 'other' });
    expect((await other.vote('p1', ['red'])).ok).toBe(true);
    await alive(a);
  });

  it('answers resyncs within the allowance at once, then one at a time as it refills', async () => {
    const h = await startServer({ limits: { resyncs: { rate: 5, burst: 2 } } });
    const client = await h.connect('r1');
    for (let i = 0; i < 10; i++) client.send({ t: 'resync' });
    await wait(50);
    const snapshots = () => client.frames.filter((f): f is SnapshotFrame => f.t === 'snapshot').length;
    expect(snapshots()).toBe(1 + 2); // the hello's, then the allowance
    await wait(250); // one token back (5/s): the waiting resync is answered, the rest were folded into it
    expect(snapshots()).toBe(1 + 3);
    await wait(300);
    expect(snapshots()).toBe(1 + 3);
  });
});
