// Gifts on the reference server: catalog ops, debit-once under concurrent retries, refusals,
// rate limit, persistence, feed and aggregates.

import { join } from 'node:path';
import type { AckFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { crowdName } from '../src/crowd-gifts.js';
import { catalogProduct } from './child-server.js';
import { closeAll, idOf, type Json, startServer, tempDir } from './helpers.js';

afterEach(closeAll);

const CATALOG = {
  categories: [
    {
      id: 'hot',
      name: 'Hot',
      gifts: [
        { id: 'rose', name: 'Rose', price: 10, icon: 'rose' },
        { id: 'rocket', name: 'Rocket', price: 5000, icon: 'rocket', tag: 'limited' },
      ],
    },
    {
      id: 'fun',
      name: 'Fun',
      gifts: [
        {
          id: 'box',
          name: 'Blind box',
          price: 100,
          icon: 'https://cdn.example.com/box.png',
          tag: 'blind-box',
          odds: [
            { label: 'Rose', permille: 900 },
            { label: 'Crown', permille: 100 },
          ],
        },
      ],
    },
  ],
};

async function giftRoom(room: string, options = {}) {
  const h = await startServer(options);
  expect((await h.ops('PUT', `/v1/rooms/${room}/gifts/catalog`, CATALOG)).status).toBe(200);
  return h;
}

const ledger = async (h: Json, room: string, viewer: string) =>
  (await h.ops('GET', `/v1/rooms/${room}/gifts/ledger?viewer=${viewer}`)).body as {
    entries: { kind: string; amount: number; key: string; comboCount: number }[];
    balance: number;
  };

describe('gift.send', () => {
  it('charges once for N parallel sends with one key, on one or several connections', async () => {
    const h = await giftRoom('g1');
    const [a, b] = await Promise.all([
      h.connect('g1', { viewer: 'alice' }),
      h.connect('g1', { viewer: 'alice' }),
    ]);
    const payload = { gift: 'rose', quantity: 10 };
    for (let i = 0; i < 5; i++) {
      a.send({ t: 'action', key: 'same-key', name: 'gift.send', payload });
      b.send({ t: 'action', key: 'same-key', name: 'gift.send', payload });
    }
    const acks: AckFrame[] = [];
    for (let i = 0; i < 5; i++) {
      acks.push(await a.next<AckFrame>((f) => f.t === 'ack'));
      acks.push(await b.next<AckFrame>((f) => f.t === 'ack'));
    }
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const events = new Set(acks.map((ack) => (ack.ok ? (ack.result['event'] as { id: string }).id : '')));
    expect(events.size).toBe(1);
    const book = await ledger(h, 'g1', idOf('alice'));
    expect(book.entries.filter((e) => e.kind === 'send')).toHaveLength(1);
    expect(book.balance).toBe(10_000 - 100);
  });

  it('acks with the event and the new balance in mine, and broadcasts feed and stats', async () => {
    const h = await giftRoom('g2');
    const [alice, bob] = await Promise.all([
      h.connect('g2', { viewer: 'alice' }),
      h.connect('g2', { viewer: 'bob' }),
    ]);
    const ack = await alice.act('gift.send', { gift: 'rocket', quantity: 1, name: 'Alice' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.mine).toEqual({ gifts: { wallet: { balance: 5000, currency: 'COIN', digits: 0 } } });
    expect(ack.result['event']).toMatchObject({
      gift: 'rocket',
      quantity: 1,
      value: 5000,
      comboCount: 1,
      sender: { id: idOf('alice'), name: 'Alice' },
    });
    const delta = await bob.next((f) => f.t === 'delta' && f.changes.some((c) => c.id === 'stats'));
    if (delta.t !== 'delta') throw new Error('expected a delta');
    const stats = delta.changes.find((c) => c.id === 'stats')!.value as Json;
    expect(stats).toMatchObject({
      totalGifts: 1,
      totalValue: 5000,
      uniqueSenders: 1,
      topSenders: [{ id: idOf('alice'), name: 'Alice', value: 5000 }],
    });
    const feed = delta.changes.find((c) => c.id === 'feed')!.value as Json;
    expect(feed.events).toHaveLength(1);
  });

  it('counts a combo across sends with one comboId', async () => {
    const h = await giftRoom('g3');
    const alice = await h.connect('g3', { viewer: 'alice' });
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ack = await alice.act('gift.send', { gift: 'rose', quantity: 1, comboId: 'c1' });
      if (ack.ok) counts.push((ack.result['event'] as { comboCount: number }).comboCount);
    }
    expect(counts).toEqual([1, 2, 3]);
    const other = await alice.act('gift.send', { gift: 'rose', quantity: 1, comboId: 'c2' });
    expect(other.ok && (other.result['event'] as { comboCount: number }).comboCount).toBe(1);
  });

  it('refuses an unaffordable send and changes nothing', async () => {
    const h = await giftRoom('g4', { gifts: { startingBalance: 4999 } });
    const alice = await h.connect('g4', { viewer: 'alice' });
    const ack = await alice.act('gift.send', { gift: 'rocket', quantity: 1 }, 'k1');
    expect(ack).toMatchObject({ ok: false, error: { code: 'insufficient_balance' } });
    expect((await ledger(h, 'g4', idOf('alice'))).entries).toHaveLength(0);
    // After a grant the same key goes through: refusals are not remembered.
    expect(
      (await h.ops('POST', '/v1/rooms/g4/gifts/grant', { viewer: idOf('alice'), amount: 1 })).body,
    ).toEqual({
      viewer: idOf('alice'),
      balance: 5000,
    });
    expect((await alice.act('gift.send', { gift: 'rocket', quantity: 1 }, 'k1')).ok).toBe(true);
    const book = await ledger(h, 'g4', idOf('alice'));
    expect(book.balance).toBe(0);
    expect(book.entries.map((e) => e.kind)).toEqual(['grant', 'send']);
  });

  it('names bad input: unknown gift, quantity, unknown field, closed room', async () => {
    const h = await giftRoom('g5');
    const alice = await h.connect('g5', { viewer: 'alice' });
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ gift: 'nope', quantity: 1 }, 'unknown_gift', 'payload.gift'],
      [{ gift: 'rose', quantity: 0 }, 'invalid_quantity', 'payload.quantity'],
      [{ gift: 'rose', quantity: 10_000 }, 'invalid_quantity', 'payload.quantity'],
      [{ gift: 'rose', quantity: 1.5 }, 'invalid_quantity', 'payload.quantity'],
      [{ gift: 'rose', quantity: 1, price: 0 }, 'invalid_action', 'payload.price'],
      [{ gift: 'rose', quantity: 1, comboId: 'bad id!' }, 'invalid_action', 'payload.comboId'],
    ];
    for (const [payload, code, path] of cases) {
      const ack = await alice.act('gift.send', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code, path } });
    }
    expect((await h.ops('PUT', '/v1/rooms/g5/gifts/catalog', { ...CATALOG, open: false })).status).toBe(200);
    expect(await alice.act('gift.send', { gift: 'rose', quantity: 1 })).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
    const none = await h.connect('no-gifts', { viewer: 'alice' });
    expect(await none.act('gift.send', { gift: 'rose', quantity: 1 })).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
    expect((await ledger(h, 'g5', idOf('alice'))).entries).toHaveLength(0);
  });

  it('rate-limits sends per viewer', async () => {
    const h = await giftRoom('g6', { gifts: { sendLimit: { rate: 1, burst: 3 } } });
    const alice = await h.connect('g6', { viewer: 'alice' });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ack = await alice.act('gift.send', { gift: 'rose', quantity: 1 });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'rate_limited', 'rate_limited']);
  });

  it('puts the wallet in the snapshot and keeps feed, stats and balances across a restart', async () => {
    const dir = tempDir();
    const db = join(dir.dir, 'gifts.db');
    try {
      let h = await giftRoom('g7', { db });
      const alice = await h.connect('g7', { viewer: 'alice' });
      const snap = alice.frames.find((f) => f.t === 'snapshot');
      expect(snap?.t === 'snapshot' && snap.viewer.mine['gifts']).toEqual({
        wallet: { balance: 10_000, currency: 'COIN', digits: 0 },
      });
      await alice.act('gift.send', { gift: 'rose', quantity: 66 });
      await h.close();
      h = await startServer({ db });
      const again = await h.connect('g7', { viewer: 'alice' });
      const snapshot = again.frames.find((f) => f.t === 'snapshot');
      if (snapshot?.t !== 'snapshot') throw new Error('no snapshot');
      expect(snapshot.viewer.mine['gifts']).toEqual({
        wallet: { balance: 10_000 - 660, currency: 'COIN', digits: 0 },
      });
      expect((snapshot.state['gifts']!['stats'] as Json).totalValue).toBe(660);
      expect((snapshot.state['gifts']!['feed'] as Json).events).toHaveLength(1);
    } finally {
      await closeAll();
      dir.remove();
    }
  });
});

describe('simulated crowd', () => {
  it('gives each crowd viewer a name of their own', () => {
    const names = Array.from({ length: 500 }, (_, viewer) => crowdName(viewer));
    expect(new Set(names).size).toBe(500);
    expect(names.slice(0, 2)).toEqual(['Mia', 'Leo']);
  });

  it('sends gifts through the protocol when the room has a catalog', async () => {
    const h = await giftRoom('crowd1');
    expect((await h.ops('POST', '/v1/rooms/crowd1/crowd', { viewers: 5, votesPerSecond: 0 })).status).toBe(
      202,
    );
    const watcher = await h.connect('crowd1', { viewer: 'watcher' });
    const delta = await watcher.next(
      (f) => f.t === 'delta' && f.changes.some((c) => c.id === 'stats'),
      5_000,
    );
    if (delta.t !== 'delta') throw new Error('expected a delta');
    expect((delta.changes.find((c) => c.id === 'stats')!.value as Json).totalGifts).toBeGreaterThan(0);
    await h.ops('DELETE', '/v1/rooms/crowd1/crowd');
  });

  it('still sends when the room is large enough for its snapshot to come in parts', async () => {
    const h = await giftRoom('crowd2');
    for (let n = 0; n < 100; n++) await h.ops('PUT', `/v1/rooms/crowd2/products/sku-${n}`, catalogProduct(n));
    await h.ops('POST', '/v1/rooms/crowd2/crowd', { viewers: 3, votesPerSecond: 0 });
    const watcher = await h.connect('crowd2', { viewer: 'watcher' });
    expect(watcher.frames[0]).toMatchObject({ t: 'snapshot', part: 0 });
    const delta = await watcher.next(
      (f) => f.t === 'delta' && f.changes.some((c) => c.id === 'stats'),
      5_000,
    );
    if (delta.t !== 'delta') throw new Error('expected a delta');
    expect((delta.changes.find((c) => c.id === 'stats')!.value as Json).totalGifts).toBeGreaterThan(0);
    await h.ops('DELETE', '/v1/rooms/crowd2/crowd');
  });
});

describe('gift ops API', () => {
  it('validates the catalog and names the field', async () => {
    const h = await startServer();
    const bad: [unknown, string][] = [
      [{ categories: [] }, 'categories'],
      [
        { categories: [{ id: 'a', name: 'A', gifts: [{ id: 'x', name: 'X', price: 0, icon: 'rose' }] }] },
        'categories[0].gifts[0].price',
      ],
      [
        {
          categories: [
            { id: 'a', name: 'A', gifts: [{ id: 'x', name: 'X', price: 1, icon: 'javascript:alert(1)' }] },
          ],
        },
        'categories[0].gifts[0].icon',
      ],
      [
        {
          categories: [
            { id: 'a', name: 'A', gifts: [{ id: 'x', name: 'X', price: 1, icon: 'rose', tag: 'blind-box' }] },
          ],
        },
        'categories[0].gifts[0].odds',
      ],
      [
        {
          categories: [
            {
              id: 'a',
              name: 'A',
              gifts: [
                { id: 'x', name: 'X', price: 1, icon: 'rose' },
                { id: 'x', name: 'Y', price: 1, icon: 'rose' },
              ],
            },
          ],
        },
        'categories[0].gifts[1].id',
      ],
      [{ ...CATALOG, colour: 'red' }, 'colour'],
    ];
    for (const [body, path] of bad) {
      const res = await h.ops('PUT', '/v1/rooms/ops1/gifts/catalog', body);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_body', path });
      expect(res.body.error.message.startsWith(`${path}: `)).toBe(true);
    }
  });

  it('refuses without the ops token and changes nothing', async () => {
    const h = await startServer();
    expect((await h.ops('PUT', '/v1/rooms/ops2/gifts/catalog', CATALOG, null)).status).toBe(401);
    expect(
      (await h.ops('POST', '/v1/rooms/ops2/gifts/grant', { viewer: 'a', amount: 5 }, 'wrong')).status,
    ).toBe(401);
    const room = await h.ops('GET', '/v1/rooms/ops2');
    expect(room.body.state.gifts).toEqual({});
    expect(
      (await h.ops('POST', '/v1/rooms/ops2/gifts/grant', { viewer: 'a', amount: 0 })).body.error,
    ).toMatchObject({ code: 'invalid_body', path: 'amount' });
    expect((await h.ops('GET', '/v1/rooms/ops2/gifts/ledger?viewer=bad%20id')).status).toBe(400);
  });
});
