// Frames stay within 16 KiB both ways on both hosts, however much a room holds: a 500-product,
// 10-poll room reaches a late joiner as a snapshot in parts and a watching viewer as deltas, and the
// library's own channel client puts the same room together from either.
import { createChannel, type Transport } from '@onair/core/channel.js';
import { byteLength, MAX_FRAME_BYTES, type RoomState, type ServerFrame } from '@onair/core/protocol.js';
import { describe, expect } from 'vitest';
import { catalogProduct } from '../../packages/server/test/child-server.js';
import type { Host } from './hosts.js';
import { scenario } from './scenario.js';

const PRODUCTS = 500;
const POLLS = 10;

const product = (n: number) => ({ product: `sku-${n}`, config: catalogProduct(n) });

const poll = (n: number) => ({
  poll: {
    id: `poll-${n}`,
    question: `Question ${n}: which shade should we show next?`,
    options: ['Ruby', 'Coral', 'Plum', 'Nude'].map((label) => ({ id: label.toLowerCase(), label })),
  },
  open: true,
});

/** A transport that records the size of every frame it carries, both ways. */
function measured(inner: Transport, sizes: { in: number[]; out: number[] }): Transport {
  return {
    connect: (handlers) =>
      inner.connect({
        ...handlers,
        frame(frame) {
          sizes.in.push(byteLength(JSON.stringify(frame)));
          handlers.frame(frame);
        },
      }),
    send(frame) {
      sizes.out.push(byteLength(JSON.stringify(frame)));
      inner.send(frame);
    },
    disconnect: () => inner.disconnect(),
  };
}

/** A page's channel client on `host`, live once its (possibly split) snapshot arrived. */
async function page(host: Host, sizes: { in: number[]; out: number[] }) {
  const channel = createChannel({ room: 'conformance', transport: measured(host.transport(), sizes) });
  const stop = channel.$state.listen(() => {});
  await until(() => channel.$status.get() === 'live');
  return { channel, stop };
}

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Collection → sorted record ids, to compare rooms without their timestamps. */
const shape = (state: RoomState) =>
  Object.fromEntries(
    Object.entries(state)
      .map(([coll, records]) => [coll, Object.keys(records).sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

describe('frames within the limit', () => {
  scenario(
    'a 500-product, 10-poll room: snapshot in parts, deltas split, every frame ≤ 16 KiB',
    async (host, t) => {
      const early = { in: [] as number[], out: [] as number[] };
      const watching = await page(host, early);
      const viewer = await host.join('alice');

      for (let n = 0; n < POLLS; n++) await t.ok(host, 'poll.create', poll(n));
      // Products arrive 50 at a time, so a delta can carry many changes at once.
      for (let n = 0; n < PRODUCTS; n += 50)
        await Promise.all(Array.from({ length: 50 }, (_, i) => host.command('product.put', product(n + i))));
      await host.settle();

      const late = { in: [] as number[], out: [] as number[] };
      const joined = await page(host, late);
      const latecomer = await host.join('bob');
      const parts = latecomer.frames.filter((f): f is ServerFrame & { t: 'snapshot' } => f.t === 'snapshot');

      const room = joined.channel.$state.get();
      expect(Object.keys(room['products'] ?? {})).toHaveLength(PRODUCTS);
      expect(Object.keys(room['polls'] ?? {})).toHaveLength(POLLS);
      const whole = byteLength(JSON.stringify(room));
      expect(whole, 'the room is far larger than one frame').toBeGreaterThan(8 * MAX_FRAME_BYTES);
      expect(parts.length, 'the late joiner got the room in parts').toBeGreaterThan(8);
      expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));

      // Everyone holds the same room: the test viewers, the watching page and the late page.
      await until(() => Object.keys(watching.channel.$state.get()['products'] ?? {}).length === PRODUCTS);
      expect(watching.channel.$state.get()).toEqual(room);
      expect(viewer.state).toEqual(room);
      expect(latecomer.state).toEqual(room);

      const frames = [...early.in, ...early.out, ...late.in, ...late.out];
      for (const bytes of frames) expect(bytes).toBeLessThanOrEqual(MAX_FRAME_BYTES);
      expect(Math.max(...early.in), 'deltas carried many products at once').toBeGreaterThan(4 * 1024);
      t.log('room', shape(room));
      t.log('snapshot parts', parts.length);

      watching.stop();
      joined.stop();
      watching.channel.close();
      joined.channel.close();
    },
  );
});
