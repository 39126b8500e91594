// Gifts on both hosts: the catalog, sends with their refusals, combos, the wallet, grants, the
// ledger, replays and restarts.
import type { AckFrame } from '@onair/core/protocol.js';
import { describe, expect } from 'vitest';
import type { Host } from './hosts.js';
import { said, scenario, type Transcript } from './scenario.js';

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
  ],
};

const withCatalog = (host: Host, t: Transcript) => t.ok(host, 'gift.catalog', { catalog: CATALOG });
const event = (ack: AckFrame) => (ack.ok ? (ack.result['event'] as Record<string, unknown>) : null);
const ledger = async (host: Host, viewer?: string) => {
  const answer = await host.query('gift.ledger', viewer === undefined ? {} : host.who(viewer));
  if (!answer.ok) throw new Error(answer.error.message);
  // Rows name viewers by storage key, whose namespace is how a host knows viewers (`a:`, `s:`).
  for (const entry of (answer.result as { entries: { viewer?: string }[] }).entries)
    entry.viewer = entry.viewer?.replace(/^[as]:/, '');
  return answer.result as {
    entries: { kind: string; amount: number; balance: number; key: string }[];
    balance?: number;
  };
};

describe('gifts conformance', () => {
  scenario(
    'gift.catalog opens gifting: catalog, feed and stats for everyone, a wallet for each viewer',
    async (host, t) => {
      const alice = await host.join('alice');
      expect(t.log('before', alice.state['gifts'])).toEqual({});
      expect(alice.mine['gifts']).toEqual({});
      await t.refused(
        host,
        'gift.catalog',
        {
          catalog: {
            categories: [{ id: 'x', name: 'X', gifts: [{ id: 'g', name: 'G', price: 0, icon: 'rose' }] }],
          },
        },
        'invalid_body',
        'catalog.categories[0].gifts[0].price',
      );
      await withCatalog(host, t);
      await host.settle();
      expect(Object.keys(alice.state['gifts'] ?? {}).sort()).toEqual(['catalog', 'feed', 'stats']);
      expect(t.log('stats', alice.state['gifts']?.['stats'])).toMatchObject({
        totalGifts: 0,
        currency: 'COIN',
      });
      const bob = await host.join('bob');
      expect(t.log('wallet', bob.mine['gifts'])).toEqual({
        wallet: { balance: 10_000, currency: 'COIN', digits: 0 },
      });
      // No gift collection leaks out: running totals are the feature's own.
      expect(Object.keys(bob.state)).not.toContain('gift_senders');
    },
  );

  scenario('gift.send debits, counts combos, and reaches the feed and stats', async (host, t) => {
    await withCatalog(host, t);
    const alice = await host.join('alice');
    const bob = await host.join('bob');
    const first = await alice.act(
      'gift.send',
      { gift: 'rose', quantity: 10, comboId: 'c1', name: 'Alice' },
      'a1',
    );
    t.log('first', said(first));
    expect(first).toMatchObject({
      ok: true,
      result: { balance: 9_900 },
      mine: { gifts: { wallet: { balance: 9_900, currency: 'COIN', digits: 0 } } },
    });
    expect(event(first)).toMatchObject({ sender: { id: 'alice', name: 'Alice' }, value: 100, comboCount: 1 });
    expect(first.ok && first.changes?.map((c) => c.id).sort()).toEqual(['feed', 'stats']);
    const second = await alice.act(
      'gift.send',
      { gift: 'rose', quantity: 10, comboId: 'c1', name: 'Alice' },
      'a2',
    );
    expect(event(second)).toMatchObject({ comboCount: 2 });
    const other = await alice.act(
      'gift.send',
      { gift: 'rose', quantity: 1, comboId: 'c2', name: 'Alice' },
      'a3',
    );
    expect(event(other)).toMatchObject({ comboCount: 1 });
    const noCombo = await bob.act('gift.send', { gift: 'rocket', quantity: 1 }, 'b1');
    expect(event(noCombo)).toMatchObject({
      comboId: 'k-b1',
      comboCount: 1,
      sender: { id: 'bob', name: 'Viewer bob' },
    });
    await host.settle();
    const stats = t.log('stats', bob.state['gifts']?.['stats']);
    expect(stats).toMatchObject({ totalGifts: 22, totalValue: 5_210, uniqueSenders: 2 });
    expect((stats as { topSenders: unknown[] }).topSenders).toEqual([
      { id: 'bob', name: 'Viewer bob', value: 5_000 },
      { id: 'alice', name: 'Alice', value: 210 },
    ]);
    const feed = bob.state['gifts']?.['feed'] as { events: { id: string }[] };
    expect(
      t.log(
        'feed',
        feed.events.map((e) => e.id),
      ),
    ).toEqual([first, second, other, noCombo].map((ack) => event(ack)!['id']));
    const book = await ledger(host, 'alice');
    expect(t.log('ledger', book)).toMatchObject({ balance: 9_790 });
    expect(book.entries.map((e) => [e.kind, e.amount, e.balance, e.key])).toEqual([
      ['send', 100, 9_900, 'a1'],
      ['send', 100, 9_800, 'a2'],
      ['send', 10, 9_790, 'a3'],
    ]);
    expect((await ledger(host)).entries).toHaveLength(4);
  });

  scenario('gift.send refusals name the rule and charge nothing', async (host, t) => {
    const alice = await host.join('alice');
    const closed = await alice.act('gift.send', { gift: 'rose', quantity: 1 });
    expect(t.log('no catalog', said(closed))).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    await withCatalog(host, t);
    const refusals: [Record<string, unknown>, string, string | undefined][] = [
      [{ gift: 'nope', quantity: 1 }, 'unknown_gift', 'payload.gift'],
      [{ gift: 'rose', quantity: 0 }, 'invalid_quantity', 'payload.quantity'],
      [{ gift: 'rose', quantity: 10_000 }, 'invalid_quantity', 'payload.quantity'],
      [{ gift: 'rose', quantity: 1.5 }, 'invalid_quantity', 'payload.quantity'],
      [{ gift: 'rose', quantity: 1, tip: 5 }, 'invalid_action', 'payload.tip'],
      [{ gift: 'rose', quantity: 1, comboId: 'bad id' }, 'invalid_action', 'payload.comboId'],
      [{ gift: 'rocket', quantity: 3 }, 'insufficient_balance', undefined],
    ];
    for (const [payload, code, path] of refusals) {
      const ack = await alice.act('gift.send', payload);
      t.log(code, said(ack));
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code } });
      expect(!ack.ok && ack.error.path).toBe(path ?? undefined);
    }
    await t.ok(host, 'gift.catalog', { catalog: { ...CATALOG, open: false } });
    const shut = await alice.act('gift.send', { gift: 'rose', quantity: 1 });
    expect(shut).toMatchObject({ ok: false, error: { code: 'room_closed' } });
    expect((await ledger(host, 'alice')).entries).toEqual([]);
    expect((await ledger(host, 'alice')).balance).toBe(10_000);
  });

  scenario('a repeated key on a second connection is charged once', async (host, t) => {
    await withCatalog(host, t);
    const first = await host.join('alice');
    const second = await host.join('alice');
    const payload = { gift: 'rose', quantity: 5 };
    const acks = await Promise.all([
      first.act('gift.send', payload, 'once'),
      second.act('gift.send', payload, 'once'),
    ]);
    const stripped = acks.map(({ changes: _, ...ack }: AckFrame & { changes?: unknown }) => ack);
    expect(stripped[0]).toEqual(stripped[1]);
    t.log('ack', said(stripped[0] as AckFrame));
    expect((await ledger(host, 'alice')).entries).toHaveLength(1);
    expect((await ledger(host, 'alice')).balance).toBe(9_950);
  });

  scenario('gift.grant credits a wallet, gift.wallet reads it, the ledger keeps both', async (host, t) => {
    await withCatalog(host, t);
    await t.refused(host, 'gift.grant', { ...host.who('alice'), amount: 0 }, 'invalid_body', 'amount');
    await t.refused(host, 'gift.grant', { viewer: 'bad id', amount: 5 }, 'invalid_body', 'viewer');
    const granted = await t.ok(host, 'gift.grant', { ...host.who('alice'), amount: 500 });
    expect(granted.result).toEqual({ viewer: 'alice', balance: 10_500 });
    const alice = await host.join('alice');
    expect(alice.mine['gifts']).toEqual({ wallet: { balance: 10_500, currency: 'COIN', digits: 0 } });
    await alice.act('gift.send', { gift: 'rocket', quantity: 2 });
    await t.ok(host, 'gift.grant', { ...host.who('alice'), amount: 250 });
    const read = await alice.act('gift.wallet', {});
    expect(t.log('wallet', said(read))).toMatchObject({
      ok: true,
      result: { wallet: { balance: 750 } },
      mine: { gifts: { wallet: { balance: 750, currency: 'COIN', digits: 0 } } },
    });
    const book = await ledger(host, 'alice');
    expect(book.entries.map((e) => [e.kind, e.amount, e.balance])).toEqual([
      ['grant', 500, 10_500],
      ['send', 10_000, 500],
      ['grant', 250, 750],
    ]);
    expect(t.log('signed', await ledger(host, 'alice'))).toEqual(book);
    const bad = await host.query('gift.ledger', { viewer: 'x', limit: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_body', path: 'limit' } });
  });

  scenario(
    'a restart keeps the catalog, feed, stats, balances, combos and keys',
    async (host, t) => {
      await withCatalog(host, t);
      const alice = await host.join('alice');
      await alice.act('gift.send', { gift: 'rose', quantity: 3, comboId: 'c1' }, 's1');
      await host.restart();
      const back = await host.join('alice');
      expect(back.mine['gifts']).toEqual({ wallet: { balance: 9_970, currency: 'COIN', digits: 0 } });
      expect(t.log('stats', back.state['gifts']?.['stats'])).toMatchObject({ totalGifts: 3, totalValue: 30 });
      const next = await back.act('gift.send', { gift: 'rose', quantity: 3, comboId: 'c1' }, 's2');
      expect(event(next)).toMatchObject({ comboCount: 2 });
      const replay = await back.act('gift.send', { gift: 'rose', quantity: 3, comboId: 'c1' }, 's1');
      expect(replay.ok && replay.result['balance']).toBe(9_970);
      expect((await ledger(host, 'alice')).balance).toBe(9_940);
    },
    { restarts: true },
  );
});
