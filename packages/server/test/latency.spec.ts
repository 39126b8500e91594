// The latency allowance the server gives a connection's actions: its own WebSocket pings, timed on
// the server's clock (a test clock here, moved while a pong is held back), the shortest recent
// round trip, capped by the engine; pongs that echo nothing the server sent do not count.
import { defineFeature, done } from '@onair/core/feature.js';
import type { AckFrame, ServerFrame } from '@onair/core/protocol.js';
import { parser, strict } from '@onair/core/validation.js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { fakeClock } from '../../../test/support/fake-clock.js';
import { closeAll, startServer } from './helpers.js';

afterEach(closeAll);

/** One action that answers with the allowance the host gave it. */
const echo = defineFeature<{ none: object }>({
  name: 'echo',
  collections: { none: {} },
  actions: {
    latency: {
      parse: parser(strict({})),
      run: (_state, _payload, ctx) => done({ latencyMs: ctx.latencyMs }),
    },
  },
});

/** A socket that answers pings only when the test says so. */
async function slowPonger(liveUrl: string) {
  const ws = new WebSocket(`${liveUrl}?room=r1`, { autoPong: false });
  const frames: ServerFrame[] = [];
  const pings: Buffer[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as ServerFrame));
  ws.on('ping', (data) => pings.push(data));
  await new Promise((resolve) => ws.once('open', resolve));
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ok()).toBe(true);
  };
  let keys = 0;
  return {
    ws,
    pings,
    until,
    async hello() {
      ws.send(JSON.stringify({ t: 'hello', v: 1, room: 'r1' }));
      await until(() => frames.some((f) => f.t === 'snapshot') && pings.length > 0);
    },
    /** The allowance the server gives this connection's next action (sent after any pong before it). */
    async latency(): Promise<number> {
      const key = `k${++keys}`;
      ws.send(JSON.stringify({ t: 'action', key, name: 'latency', payload: {} }));
      await until(() => frames.some((f) => f.t === 'ack' && f.key === key));
      const ack = frames.find((f) => f.t === 'ack' && f.key === key) as AckFrame & { ok: true };
      return (ack.result as { latencyMs: number }).latencyMs;
    },
  };
}

describe('latency allowance', () => {
  it('is the shortest round trip of the server’s own pings, capped at 250 ms', async () => {
    const clock = fakeClock(1_800_000_000_000);
    const h = await startServer({ clock, features: [echo], limits: { latencyPingMs: 60_000 } });
    const client = await slowPonger(h.liveUrl);
    await client.hello();
    expect(await client.latency()).toBe(0); // nothing measured yet

    clock.advance(120);
    client.ws.pong(client.pings[0]!);
    // A pong for nothing the server sent does not count.
    client.ws.pong(Buffer.from('rt999'));
    expect(await client.latency()).toBe(120);

    const far = await slowPonger(h.liveUrl);
    await far.hello();
    clock.advance(400);
    far.ws.pong(far.pings[0]!);
    expect(await far.latency()).toBe(250);
    expect(await client.latency()).toBe(120); // its own, not the other connection's
  });

  it('pings every connection: a browser or ws client answers by itself', async () => {
    const h = await startServer({ features: [echo], limits: { latencyPingMs: 50 } });
    const viewer = await h.connect('r1');
    let pongs = 0;
    viewer.ws.on('ping', () => pongs++);
    await new Promise((resolve) => setTimeout(resolve, 180));
    expect(pongs).toBeGreaterThanOrEqual(2);
    viewer.send({ t: 'action', key: 'k1', name: 'latency', payload: {} });
    const ack = await viewer.next<AckFrame & { ok: true }>((f) => f.t === 'ack');
    // Loopback on the real clock: a few ms at most, never the cap.
    expect((ack.result as { latencyMs: number }).latencyMs).toBeLessThan(50);
  });
});
