import type { AckFrame, DeltaFrame, SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, credentialOf, idOf, POLL, startServer, wait } from './helpers.js';

afterEach(closeAll);

describe('live channel', () => {
  it('sends a snapshot on join and sequenced deltas after each change', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    const viewer = await h.connect('r1', { viewer: 'alice' });
    const snapshot = viewer.frames[0] as SnapshotFrame;
    expect(snapshot).toMatchObject({
      t: 'snapshot',
      room: 'r1',
      viewer: { id: idOf('alice'), credential: credentialOf('alice'), mine: { polls: {} } },
    });
    expect(snapshot.state['polls']?.['p1']).toMatchObject({ id: 'p1', status: 'open', tally: { red: 0 } });
    expect(typeof snapshot.version).toBe('string');

    const ack = await viewer.vote('p1', ['red']);
    expect(ack).toMatchObject({
      ok: true,
      result: { poll: { tally: { red: 1 } } },
      mine: { polls: { p1: { choice: ['red'], count: 1 } } },
    });
    const delta = await viewer.next<DeltaFrame>((f) => f.t === 'delta');
    expect(delta.seq).toBe(snapshot.seq + 1);
    expect(delta.version).toBe(snapshot.version);
    expect(delta.changes).toEqual([
      { coll: 'polls', id: 'p1', value: expect.objectContaining({ tally: { red: 1, blue: 0, green: 0 } }) },
    ]);

    await h.ops('POST', '/v1/rooms/r1/polls/p1/close');
    const closed = await viewer.next<DeltaFrame>((f) => f.t === 'delta');
    expect(closed.seq).toBe(delta.seq + 1);
    expect(closed.changes[0]?.value).toMatchObject({ status: 'closed' });

    // A late joiner gets the current state, its own votes, and the current seq.
    const again = await h.connect('r1', { viewer: 'alice' });
    expect(again.frames[0]).toMatchObject({
      seq: closed.seq,
      viewer: { mine: { polls: { p1: { choice: ['red'] } } } },
    });
  });

  it('answers a resync (gap) with a fresh snapshot', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', POLL);
    const viewer = await h.connect('r1');
    await viewer.vote('p1', ['blue']);
    const delta = await viewer.next<DeltaFrame>((f) => f.t === 'delta');
    viewer.send({ t: 'resync', have: 0 });
    const fresh = await viewer.next<SnapshotFrame>((f) => f.t === 'snapshot');
    expect(fresh.seq).toBe(delta.seq);
    expect(fresh.state['polls']?.['p1']).toMatchObject({ tally: { blue: 1 } });
    expect(fresh.viewer.mine).toMatchObject({ polls: { p1: { choice: ['blue'], count: 1 } } });
  });

  it('replays the first ack for a repeated idempotency key and changes nothing', async () => {
    const h = await startServer();
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, allowChange: true });
    const viewer = await h.connect('r1', { viewer: 'bob' });
    const first = await viewer.vote('p1', ['red'], 'same-key');
    const second = await viewer.vote('p1', ['blue'], 'same-key');
    // The replay is the stored ack: the same answer, without the changed records (they may be stale).
    const { changes, ...stored } = first as AckFrame & { changes?: unknown };
    expect(changes).toEqual([
      { coll: 'polls', id: 'p1', value: expect.objectContaining({ tally: { red: 1, blue: 0, green: 0 } }) },
    ]);
    expect(second).toEqual(stored);
    const state = await h.ops('GET', '/v1/rooms/r1');
    expect(state.body.state.polls.p1.tally).toEqual({ red: 1, blue: 0, green: 0 });

    // Ten parallel sends with one key, on two connections of the same viewer: one vote.
    const other = await h.connect('r1', { viewer: 'bob' });
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : viewer).vote('p1', ['green'], 'burst-key')),
    );
    expect(
      new Set(acks.map(({ changes: _, ...a }: AckFrame & { changes?: unknown }) => JSON.stringify(a))).size,
    ).toBe(1);
    expect(acks.filter((a) => 'changes' in a)).toHaveLength(1);
    const after = await h.ops('GET', '/v1/rooms/r1');
    expect(after.body.state.polls.p1.tally).toEqual({ red: 0, blue: 0, green: 1 });
    expect(after.body.state.polls.p1.voters).toBe(1);
  });

  it('coalesces a burst of 500 votes into a few deltas with the exact final tally', async () => {
    const h = await startServer({
      limits: { viewerActions: { rate: 1000, burst: 1000 }, connectionFrames: { rate: 1000, burst: 1000 } },
    });
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, votesPerViewer: 100 });
    const watcher = await h.connect('r1', { viewer: 'watcher' });
    const voters = await Promise.all(
      Array.from({ length: 5 }, (_, i) => h.connect('r1', { viewer: `v${i}` })),
    );
    const acks = await Promise.all(
      Array.from({ length: 500 }, (_, i) => voters[i % 5]!.vote('p1', [POLL.options[i % 3]!.id])),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    await wait(250);
    const deltas = watcher.frames.filter((f): f is DeltaFrame => f.t === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.length).toBeLessThan(25);
    // Seqs are contiguous, and the last delta carries the exact tally.
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => deltas[0]!.seq + i));
    expect(deltas.at(-1)!.changes[0]!.value).toMatchObject({
      tally: { red: 167, blue: 167, green: 166 },
      voters: 5,
    });
  });

  it('answers ping with pong and server time', async () => {
    const h = await startServer();
    const viewer = await h.connect('r1');
    viewer.send({ t: 'ping' });
    const pong = await viewer.next((f) => f.t === 'pong');
    expect(Math.abs((pong as { now: number }).now - Date.now())).toBeLessThan(5_000);
  });

  it('assigns an anonymous viewer id when the hello has none', async () => {
    const h = await startServer();
    const viewer = await h.connect('r1');
    const snapshot = viewer.frames[0] as SnapshotFrame;
    expect(snapshot.viewer.id).toMatch(/^v-[\w-]{16}$/);
  });
});

describe('rooms in memory', () => {
  it('frees every room nobody is in: named by viewers or by ops, with or without records', async () => {
    const h = await startServer();
    const rooms = async () => ((await (await fetch(`${h.url}/healthz`)).json()) as { rooms: number }).rooms;
    expect(await rooms()).toBe(0);
    for (let i = 0; i < 50; i++) {
      expect((await h.ops('GET', `/v1/rooms/ops-${i}/products`)).status).toBe(200);
      expect((await h.ops('GET', `/v1/rooms/ops-${i}`)).status).toBe(200);
    }
    await h.ops('PUT', '/v1/rooms/stored/products/lip', {
      title: 'Lipstick',
      price: { amount: 100, currency: 'CNY' },
    });
    const viewers = await Promise.all(Array.from({ length: 20 }, (_, i) => h.connect(`viewer-${i}`)));
    const stored = await h.connect('stored');
    expect(await rooms()).toBe(21);
    for (const viewer of [...viewers, stored]) viewer.ws.close();
    await wait(100);
    expect(await rooms()).toBe(0);
    // A freed room comes back from the file as it was.
    const back = await h.connect('stored');
    expect((back.frames[0] as SnapshotFrame).state['products']?.['lip']).toMatchObject({ title: 'Lipstick' });
  });
});
