// Cluster mode: three real `onair-server` processes on one real `redis-server`, real WebSocket
// viewers on each. Redis is read directly to check what was stored, and how often.
import { randomUUID } from 'node:crypto';
import type { AckFrame, SnapshotFrame } from '@onair/core/protocol.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { roomKeys } from '../src/cluster/keys.js';
import { OwnedRoom } from '../src/cluster/owner.js';
import { requestFields } from '../src/cluster/requests.js';
import { defineScripts, scripts } from '../src/cluster/scripts.js';
import { serverFeatures } from '../src/features.js';
import { type ChildServer, startChildServer } from './child-server.js';
import { idOf, POLL, TestClient, wait } from './helpers.js';
import { type RedisServer, startRedis } from './redis-server.js';

let redis: RedisServer;
let direct: Redis;
let nodes: ChildServer[] = [];
const clients: TestClient[] = [];

async function viewer(node: ChildServer, room: string, name: string): Promise<TestClient> {
  const client = await TestClient.open(`${node.liveUrl}?room=${room}`);
  clients.push(client);
  client.send({ t: 'hello', v: 1, room, credential: `${name}-credential-0123456789` });
  await client.next((f) => f.t === 'snapshot');
  return client;
}

const tally = (value: unknown) => (value as { tally: Record<string, number> }).tally;

async function createPoll(node: ChildServer, room: string): Promise<void> {
  const created = await node.ops('POST', `/v1/rooms/${room}/commands/poll.create`, {
    poll: POLL,
    open: true,
  });
  expect(created, JSON.stringify(created.body)).toMatchObject({ status: 200 });
}

/** The poll's tally as stored in Redis. */
async function storedTally(room: string): Promise<Record<string, number>> {
  return tally(JSON.parse((await direct.hget(roomKeys(room).records, 'polls\np1'))!));
}

/** The node holding the room's lease, by the node id in its token. */
async function ownerOf(room: string): Promise<ChildServer> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const lease = await direct.get(roomKeys(room).lease);
    if (lease) {
      const node = lease.split(' ')[1];
      for (const candidate of nodes) {
        const health = (await candidate.health()) as unknown as { cluster: { node: string } };
        if (health.cluster.node === node) return candidate;
      }
    }
    if (Date.now() > deadline) throw new Error(`no owner of ${room}`);
    await wait(50);
  }
}

const answer = (ack: AckFrame) => {
  const { changes: _changes, ...rest } = ack as AckFrame & { changes?: unknown };
  return rest;
};

beforeAll(async () => {
  redis = await startRedis();
  direct = new Redis(redis.url);
  nodes = await Promise.all(
    [0, 1, 2].map(() => startChildServer(['--redis', redis.url, '--redis-lease-ms', '1000'])),
  );
}, 30_000);

afterAll(async () => {
  for (const client of clients) client.ws.terminate();
  await Promise.all(nodes.map((node) => node.close()));
  direct?.disconnect();
  await redis?.stop();
});

describe('cluster mode', () => {
  it('a vote on node A reaches the viewers of nodes B and C', async () => {
    const [a, b, c] = nodes as [ChildServer, ChildServer, ChildServer];
    await createPoll(a, 'r1');
    const alice = await viewer(a, 'r1', 'alice');
    const bob = await viewer(b, 'r1', 'bob');
    const carol = await viewer(c, 'r1', 'carol');
    const ack = await alice.vote('p1', ['red'], 'vote-1');
    expect(ack).toMatchObject({ ok: true });
    for (const client of [bob, carol]) {
      const delta = await client.next(
        (f) => f.t === 'delta' && f.changes.some((ch) => ch.id === 'p1' && tally(ch.value)['red'] === 1),
      );
      expect(delta.t).toBe('delta');
    }
    expect(JSON.parse((await direct.hget(roomKeys('r1').records, 'polls\np1'))!)).toMatchObject({
      tally: { red: 1 },
    });
  });

  it('a viewer who reconnects to another node finds the same version and the next seq', async () => {
    const [a, b, c] = nodes as [ChildServer, ChildServer, ChildServer];
    await createPoll(b, 'r5');
    const first = await TestClient.open(`${a.liveUrl}?room=r5`);
    clients.push(first);
    first.send({ t: 'hello', v: 1, room: 'r5', credential: 'erin-credential-0123456789' });
    const before = await first.next<SnapshotFrame>((f) => f.t === 'snapshot');
    const voter = await viewer(b, 'r5', 'frank');
    expect(await voter.vote('p1', ['red'], 'seq-1')).toMatchObject({ ok: true });
    const delta = await first.next((f) => f.t === 'delta');
    expect(delta).toMatchObject({ seq: before.seq + 1 });
    first.ws.terminate();
    // The same viewer on node C: the room's history goes on, not a new one.
    const again = await TestClient.open(`${c.liveUrl}?room=r5`);
    clients.push(again);
    again.send({ t: 'hello', v: 1, room: 'r5', credential: 'erin-credential-0123456789' });
    const after = await again.next<SnapshotFrame>((f) => f.t === 'snapshot');
    expect(after.version).toBe(before.version);
    expect(after.seq).toBe(before.seq + 1);
    expect(tally(after.state['polls']!['p1'])).toMatchObject({ red: 1 });
    const another = await viewer(a, 'r5', 'grace');
    expect(await another.vote('p1', ['red'], 'seq-2')).toMatchObject({ ok: true });
    expect(await again.next((f) => f.t === 'delta')).toMatchObject({ seq: after.seq + 1 });
  });

  it('the same key sent to A and to B is applied once, and both get the first ack', async () => {
    const [a, b, c] = nodes as [ChildServer, ChildServer, ChildServer];
    await createPoll(c, 'r2');
    const onA = await viewer(a, 'r2', 'dave');
    const onB = await viewer(b, 'r2', 'dave');
    onA.send({ t: 'action', key: 'dup-1', name: 'poll.vote', payload: { poll: 'p1', choice: ['red'] } });
    onB.send({ t: 'action', key: 'dup-1', name: 'poll.vote', payload: { poll: 'p1', choice: ['blue'] } });
    const [ackA, ackB] = await Promise.all(
      [onA, onB].map((client) => client.next<AckFrame>((f) => f.t === 'ack' && f.key === 'dup-1')),
    );
    expect(ackA!.ok).toBe(true);
    expect(answer(ackA!)).toEqual(answer(ackB!));
    const counted = await storedTally('r2');
    expect(counted['red']! + counted['blue']!).toBe(1);
    expect(await direct.hkeys(roomKeys('r2').acks(`a:${idOf('dave')}`))).toEqual(['dup-1']);
  });

  it('a stalled owner loses its rooms to another node; what it missed is applied once', async () => {
    const [a] = nodes as [ChildServer, ChildServer, ChildServer];
    await createPoll(a, 'r3');
    const owner = await ownerOf('r3');
    const others = nodes.filter((node) => node !== owner);
    const onOwner = await viewer(owner, 'r3', 'erin');
    const elsewhere = await viewer(others[0]!, 'r3', 'frank');
    const before = await direct.get(roomKeys('r3').lease);
    process.kill(owner.pid, 'SIGSTOP');
    try {
      // Sent while the owner is stalled: answered once another node took the lease (1 s here).
      elsewhere.send({
        t: 'action',
        key: 'stalled-1',
        name: 'poll.vote',
        payload: { poll: 'p1', choice: ['red'] },
      });
      const late = await elsewhere.next<AckFrame>((f) => f.t === 'ack' && f.key === 'stalled-1', 10_000);
      expect(late.ok).toBe(true);
      const after = await direct.get(roomKeys('r3').lease);
      expect(after).not.toBe(before);
      expect(Number(after!.split(' ')[0])).toBeGreaterThan(Number(before!.split(' ')[0]));
    } finally {
      process.kill(owner.pid, 'SIGCONT');
    }
    // The old owner's node still serves its viewers: their actions go to the new owner.
    const ack = await onOwner.vote('p1', ['blue'], 'after-1');
    expect(ack.ok).toBe(true);
    await wait(300);
    expect(await storedTally('r3')).toEqual({ red: 1, blue: 1, green: 0 });
  });
});

describe('fencing', () => {
  it("refuses a stale owner's writes once another node holds the lease", async () => {
    const room = 'fenced';
    const keys = roomKeys(room);
    const lost: string[] = [];
    const deps = {
      redis: direct,
      features: serverFeatures({ gifts: {} }),
      clock: systemClock,
      random: Math.random,
      flushIntervalMs: 0,
      ackRetentionMs: 60_000,
      onError: (err: unknown) => {
        throw err;
      },
      onLost: (_room: OwnedRoom, why: string) => lost.push(why),
      roundTrip: () => {},
      onHungry: () => {},
    };
    defineScripts(direct);
    const [won, token] = (await scripts.acquire(direct, keys.lease, keys.fence, 200, 'stale')) as [
      number,
      string,
    ];
    expect(won).toBe(1);
    const stale = await OwnedRoom.load(deps, room, token);
    await wait(300); // the lease expires unrenewed: the owner is "paused"
    const [wonToo, next] = (await scripts.acquire(direct, keys.lease, keys.fence, 5_000, 'next')) as [
      number,
      string,
    ];
    expect(wonToo).toBe(1);
    const fields = requestFields({
      kind: 'command',
      node: 'nobody',
      req: '1',
      name: 'poll.create',
      input: { poll: POLL, open: true },
    });
    const id = (await direct.xadd(keys.inbox, '*', ...fields))!;
    stale.take([[id, fields]]);
    await stale.idle();
    expect(lost).toEqual(['the lease was lost (fenced)']);
    expect(await direct.hget(keys.records, 'polls\np1')).toBeNull();
    expect(await direct.hget(keys.meta, 'pos')).toBeNull();
    // The holder of the current token writes.
    const current = await OwnedRoom.load(deps, room, next);
    current.take([[id, fields]]);
    await current.idle();
    expect(lost).toHaveLength(1);
    expect(await direct.hget(keys.records, 'polls\np1')).not.toBeNull();
    expect(await direct.hget(keys.meta, 'pos')).toBe(id);
    current.dispose();
  });
});

describe('telemetry in cluster mode', () => {
  const event = (type: string, room: string) => ({
    v: 1,
    id: randomUUID(),
    type,
    ts: 900_000,
    seq: 0,
    session: '0190a000-0000-7000-8000-ffffffffffff',
    viewer: 'viewer-1',
    room,
  });
  const post = (node: ChildServer, events: unknown[]) =>
    fetch(`${node.url}/v1/events`, { method: 'POST', body: JSON.stringify({ sentAt: 900_050, events }) });

  it("counts every node's events once, whichever node they reached and however often", async () => {
    const [a, b, c] = nodes as [ChildServer, ChildServer, ChildServer];
    const votes = [0, 1, 2].map(() => event('poll.vote', 'stats-room'));
    const clicks = [0, 1].map(() => event('product.click', 'stats-room'));
    const elsewhere = event('poll.vote', 'other-room');
    expect((await post(a, votes)).status).toBe(200);
    expect((await post(b, [...clicks, elsewhere])).status).toBe(200);
    // A client that re-sends after a timeout reaches another node with the same ids.
    expect((await post(c, [votes[0], clicks[1]])).status).toBe(200);
    const expected = { total: 5, byType: { 'poll.vote': 3, 'product.click': 2 } };
    for (const node of nodes) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const stats = await node.ops('GET', '/v1/events/stats?room=stats-room');
        if (JSON.stringify(stats.body) === JSON.stringify({ room: 'stats-room', ...expected })) break;
        if (Date.now() > deadline) expect(stats.body).toEqual({ room: 'stats-room', ...expected });
        await wait(50);
      }
    }
    const all = await b.ops('GET', '/v1/events/stats');
    expect(all.body).toEqual({ room: null, total: 6, byType: { 'poll.vote': 4, 'product.click': 2 } });
    // Each batch entry was drained by one consumer and acknowledged.
    const pending = (await direct.xpending('onair:events', 'onair-stats')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
  });

  it('the Stats API says it is not available in cluster mode, rather than answering from an empty file', async () => {
    const answer = await nodes[0]!.ops('GET', '/v1/stats/rooms/stats-room?from=0&to=3600000');
    expect(answer.status).toBe(501);
    expect((answer.body as { error: { code: string } }).error.code).toBe('stats_unavailable');
  });
});
