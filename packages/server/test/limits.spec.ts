// The limits on bytes queued for clients and on resyncs, each with a limit small enough to meet in
// a test: a client that stops reading is cut off within seconds, the total queued for all is capped,
// and a resync storm gets a few snapshots, not one per resync.
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from '../src/live-limits.js';
import { catalogProduct, resyncStorm, stalledSocket } from './child-server.js';
import { closeAll, type Harness, startServer, wait } from './helpers.js';

afterEach(closeAll);

/** A room whose snapshot is about 100 KB. */
async function bigRoom(h: Harness, room: string): Promise<void> {
  for (let n = 0; n < 300; n += 50)
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.ops('PUT', `/v1/rooms/${room}/products/sku-${n + i}`, catalogProduct(n + i)),
      ),
    );
}

const connections = async (h: Harness) =>
  ((await h.ops('GET', '/healthz', undefined, null)).body as { connections: number }).connections;

describe('bytes queued for clients', () => {
  it('cuts off a client that stopped reading once its queue passes the limit, within seconds', async () => {
    const h = await startServer({
      limits: { maxBufferedBytes: 256 * 1024, resyncs: { rate: 1_000, burst: 1_000 } },
    });
    await bigRoom(h, 'big');
    const reader = await h.connect('big');
    const stalled = await stalledSocket(h.liveUrl, 'big');
    const closed = new Promise((resolve) => stalled.once('close', resolve));
    const started = Date.now();
    void resyncStorm([stalled], 400, 10);
    await closed;
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(5);
    expect(await connections(h)).toBe(1);
    // The reader, who reads, is still served.
    reader.send({ t: 'ping' });
    expect(await reader.next((f) => f.t === 'pong')).toMatchObject({ t: 'pong' });
  });

  it('caps the bytes queued for all clients: the furthest behind are cut off first', async () => {
    const h = await startServer({
      limits: {
        maxBufferedBytes: 64 * 1024 * 1024,
        maxTotalBufferedBytes: 1024 * 1024,
        resyncs: { rate: 1_000, burst: 1_000 },
      },
    });
    await bigRoom(h, 'big');
    const stalled = [];
    for (let i = 0; i < 10; i++) stalled.push(await stalledSocket(h.liveUrl, 'big'));
    await resyncStorm(stalled, 100, 20);
    await wait(1_000); // the guard looks every 500 ms
    const open = await connections(h);
    expect(open).toBeLessThan(10);
    const queued = stalled.filter((ws) => ws.readyState === ws.OPEN).length;
    expect(queued).toBe(open);
  });
});

describe('resync allowance', () => {
  it('answers a resync storm with a few snapshots, then one each time the allowance refills', async () => {
    const h = await startServer({ limits: { resyncs: { rate: 1, burst: 3 } } });
    const viewer = await h.connect('r1');
    for (let i = 0; i < 50; i++) viewer.send({ t: 'resync' });
    await wait(1_500);
    // The hello's snapshot, three from the burst, one more when the allowance refilled.
    const snapshots = viewer.count('snapshot');
    expect(snapshots).toBeGreaterThanOrEqual(5);
    expect(snapshots).toBeLessThanOrEqual(6);
  });
});

describe('client addresses', () => {
  it('counts an IPv6 client by its /64 and takes only an address from X-Forwarded-For', async () => {
    const fake = (forwarded: string, remoteAddress = '127.0.0.1') =>
      ({
        headers: { 'x-forwarded-for': forwarded },
        socket: { remoteAddress },
      }) as unknown as IncomingMessage;
    expect(clientAddress(fake('198.51.100.7'), false)).toBe('127.0.0.1');
    expect(clientAddress(fake('10.0.0.1, 198.51.100.7'), true)).toBe('198.51.100.7');
    expect(clientAddress(fake('198.51.100.7, not-an-address'), true)).toBe('127.0.0.1');
    expect(clientAddress(fake('<script>'), true)).toBe('127.0.0.1');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::9'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('answers an upgrade to another path in the error shape', async () => {
    const h = await startServer();
    const socket = connect(Number(new URL(h.url).port), '127.0.0.1');
    socket.write(
      'GET /v1/other HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    let text = '';
    for await (const chunk of socket) text += String(chunk);
    expect(text).toMatch(/^HTTP\/1\.1 404 /);
    expect(JSON.parse(text.split('\r\n\r\n')[1]!)).toMatchObject({ error: { code: 'not_found' } });
  });
});
