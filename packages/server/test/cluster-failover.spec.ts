// Cluster mode under failure: `kill -9` of a room's owner in the middle of a burst of gifts, then a
// `kill -9` of Redis itself (AOF, `appendfsync always`) and its restart. Every acknowledged action
// must be in Redis exactly once — each gift charged once — read back from Redis directly.
import type { AckFrame } from '@onair/core/protocol.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomKeys, walletKey } from '../src/cluster/keys.js';
import { type ChildServer, startChildServer } from './child-server.js';
import { idOf, TestClient, wait } from './helpers.js';
import { type RedisServer, startRedis } from './redis-server.js';

const ROOM = 'failover';
const CATALOG = {
  categories: [{ id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 10, icon: 'rose' }] }],
};
const STARTING = 10_000;

let redis: RedisServer;
let direct: Redis;
let nodes: ChildServer[] = [];
/** Every node started, the killed one too: each is closed (its folder removed) at the end. */
let started: ChildServer[] = [];
const sockets: TestClient[] = [];

/** A viewer that sends gifts and, like the channel client, sends unanswered ones again after reconnecting. */
class Sender {
  readonly name: string;
  node: ChildServer;
  client!: TestClient;
  readonly acks = new Map<string, AckFrame>();
  private readonly sent: string[] = [];

  constructor(name: string, node: ChildServer) {
    this.name = name;
    this.node = node;
  }

  get key(): string {
    return `a:${idOf(this.name)}`;
  }

  async connect(node: ChildServer): Promise<void> {
    this.node = node;
    this.client = await TestClient.open(`${node.liveUrl}?room=${ROOM}`);
    sockets.push(this.client);
    this.client.ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as AckFrame;
      if (frame.t === 'ack' && !this.acks.has(frame.key)) this.acks.set(frame.key, frame);
    });
    this.client.send({ t: 'hello', v: 1, room: ROOM, credential: `${this.name}-credential-0123456789` });
    await this.client.next((f) => f.t === 'snapshot');
  }

  send(n: number): void {
    for (let i = 0; i < n; i++) {
      const key = `${this.name}-${this.sent.length}`;
      this.sent.push(key);
      this.gift(key);
    }
  }

  /** Sends every action without an answer again, same keys. */
  resend(): void {
    for (const key of this.sent) if (!this.acks.has(key)) this.gift(key);
  }

  async answered(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sent.some((key) => !this.acks.has(key))) {
      if (Date.now() > deadline)
        throw new Error(`${this.name}: ${this.sent.filter((k) => !this.acks.has(k)).length} unanswered`);
      await wait(50);
    }
  }

  private gift(key: string): void {
    if (this.client.ws.readyState !== this.client.ws.OPEN) return;
    this.client.send({ t: 'action', key, name: 'gift.send', payload: { gift: 'rose', quantity: 1 } });
  }
}

/** Every gift Redis holds for a viewer: ledger keys (each must appear once) and the wallet. */
async function stored(sender: Sender): Promise<{ keys: string[]; balance: number; acks: number }> {
  const rows = await direct.xrange(roomKeys(ROOM).log('ledger'), '-', '+');
  const keys = rows
    .map(([, flat]) => Object.fromEntries(flat.flatMap((_, i) => (i % 2 ? [] : [[flat[i], flat[i + 1]]]))))
    .filter((row) => row['v'] === sender.key)
    .map((row) => row['k'] as string);
  const wallet = await direct.hget(walletKey(sender.key), 'gifts\nwallet');
  const acks = await direct.hlen(roomKeys(ROOM).acks(sender.key));
  return { keys, balance: wallet ? (JSON.parse(wallet) as { balance: number }).balance : STARTING, acks };
}

async function ownerOf(): Promise<ChildServer> {
  const lease = await direct.get(roomKeys(ROOM).lease);
  const node = lease?.split(' ')[1];
  for (const candidate of nodes) {
    const health = (await candidate.health()) as unknown as { cluster: { node: string } };
    if (health.cluster.node === node) return candidate;
  }
  throw new Error(`no owner of ${ROOM}`);
}

beforeAll(async () => {
  redis = await startRedis({ aof: true });
  direct = new Redis(redis.url, { maxRetriesPerRequest: null });
  nodes = await Promise.all(
    [0, 1, 2].map(() => startChildServer(['--redis', redis.url, '--redis-lease-ms', '1000'])),
  );
  started = [...nodes];
}, 30_000);

afterAll(async () => {
  for (const socket of sockets) socket.ws.terminate();
  await Promise.all(started.map((node) => node.close()));
  direct?.disconnect();
  await redis?.stop();
});

describe('cluster failover', () => {
  it('kill -9 of the owner mid-burst loses no acked gift and charges none twice; Redis restarted from its AOF keeps them', async () => {
    const created = await nodes[0]!.ops('POST', `/v1/rooms/${ROOM}/commands/gift.catalog`, {
      catalog: CATALOG,
    });
    expect(created.status).toBe(200);
    const owner = await ownerOf();
    const survivors = nodes.filter((node) => node !== owner);
    // Two viewers on each node, the owner's included.
    const senders = nodes.flatMap((node, i) => [new Sender(`v${i}a`, node), new Sender(`v${i}b`, node)]);
    await Promise.all(senders.map((sender) => sender.connect(sender.node)));

    for (const sender of senders) sender.send(5);
    // Mid-burst: some answered, more in flight.
    const deadline = Date.now() + 5_000;
    while ([...senders].reduce((n, s) => n + s.acks.size, 0) < 6 && Date.now() < deadline) await wait(5);
    for (const sender of senders) sender.send(4);
    process.kill(owner.pid, 'SIGKILL');
    const acksAtKill = senders.reduce((n, s) => n + s.acks.size, 0);
    // Killed mid-burst: some answered, some not.
    expect(acksAtKill).toBeGreaterThan(0);
    expect(acksAtKill).toBeLessThan(senders.length * 9);
    console.log(`owner killed with ${acksAtKill} of ${senders.length * 9} gifts answered`);
    nodes = nodes.filter((node) => node !== owner);

    // The dead node's viewers reconnect elsewhere and send what was not answered, same keys.
    await Promise.all(
      senders
        .filter((sender) => sender.node === owner)
        .map(async (sender, i) => {
          await sender.connect(survivors[i % survivors.length]!);
          sender.resend();
        }),
    );
    for (const sender of senders) await sender.answered(15_000);

    const check = async () => {
      for (const sender of senders) {
        const { keys, balance, acks } = await stored(sender);
        const accepted = [...sender.acks.values()].filter((ack) => ack.ok).map((ack) => ack.key);
        expect(accepted, sender.name).toHaveLength(9);
        // Every accepted gift is in the ledger once, and charged once.
        expect(keys.sort(), sender.name).toEqual(accepted.sort());
        expect(balance, sender.name).toBe(STARTING - 10 * accepted.length);
        expect(acks, sender.name).toBe(accepted.length);
      }
    };
    await check();

    // Redis dies too, and comes back from its append-only file.
    await redis.restart();
    await check();
  }, 60_000);
});
