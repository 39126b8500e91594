// A database written by release 0.1 (fixtures/release-0.1.db, made by that release's own server)
// opens, migrates to the generic store and keeps everything: polls and tallies, every viewer's
// votes, wallets, the ledger and its combos, products, pins and presentation windows.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AckFrame, SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, expect, it } from 'vitest';
import { signViewerToken } from '../src/identity.js';
import { MIGRATIONS } from '../src/migrations.js';
import { closeAll, fakeClock, startServer, tempDir, VIEWER_SECRET } from './helpers.js';

afterEach(closeAll);

/** A few seconds after release 0.1 wrote the fixture (its rows' timestamps are just before). */
const WRITTEN_AT = 1_796_647_380_000;

it('opens a release 0.1 database and finds everything in it', async () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'onair.db');
  copyFileSync(join(import.meta.dirname, 'fixtures/release-0.1.db'), db);
  try {
    // The clock of the moment the fixture was written: its timed poll and flash sale still run.
    const clock = fakeClock(WRITTEN_AT);
    const h = await startServer({ db, viewerSecret: VIEWER_SECRET, clock });
    const version = h.server.db.pragma('user_version', { simple: true });
    expect(version).toBe(MIGRATIONS.length); // every step ran
    const tables = h.server.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((row) => (row as { name: string }).name);
    expect(tables).toEqual([
      'action_acks',
      'campaign_rooms',
      'campaign_versions',
      'logs',
      'ops_audit',
      'ops_tokens',
      'records',
      'rooms',
      'telemetry_events',
      'viewer_records',
    ]);

    // Polls: the closed quiz reveals its answer, the open multi-vote poll keeps its tally and voters.
    const room = (await h.ops('GET', '/v1/rooms/up')).body;
    expect(room.seq).toBe(4); // as 0.1 left it on shutdown
    const { quiz, multi, draft, timed } = room.state.polls;
    expect(quiz).toMatchObject({
      status: 'closed',
      tally: { paris: 1, rome: 1 },
      voters: 2,
      correct: ['paris'],
    });
    expect(multi).toMatchObject({ status: 'open', tally: { red: 1, blue: 2, green: 1 }, voters: 2 });
    expect(draft).toMatchObject({ status: 'draft', voters: 0 });
    expect(timed).toMatchObject({ status: 'open', voters: 1 });

    // A signed viewer finds her own votes and wallet, her combo goes on, and a key 0.1 acked is
    // still answered with its first ack.
    const carol = await h.connect('up', {
      token: signViewerToken(VIEWER_SECRET, 'carol', Date.now() + 60_000),
    });
    const snap = carol.frames[0] as SnapshotFrame;
    expect(snap.viewer.mine['polls']).toEqual({ multi: { choice: ['blue'], count: 1 } });
    expect(snap.viewer.mine['gifts']).toEqual({ wallet: { balance: 9_990, currency: 'COIN', digits: 0 } });
    const combo = (await carol.act('gift.send', {
      gift: 'rose',
      quantity: 1,
      comboId: 'k-carol-g1',
    })) as AckFrame;
    expect(combo.ok && combo.result['event']).toMatchObject({ comboId: 'k-carol-g1', comboCount: 2 });
    const replay = await carol.vote('multi', ['red'], 'carol-multi');
    expect(replay).toMatchObject({ ok: true, mine: { polls: { multi: { choice: ['blue'], count: 1 } } } });

    // 0.1's anonymous viewers proved nothing with their ids, so nobody can claim them any more; what
    // they did is all there: their votes, wallets and ledger rows.
    const claimer = await h.connect('up', { viewer: 'alice' });
    expect((claimer.frames[0] as SnapshotFrame).viewer.mine['polls']).toEqual({});
    const votes = h.server.db
      .prepare(
        "SELECT id, value FROM viewer_records WHERE room = 'up' AND viewer = 'a:alice' AND coll = 'polls' ORDER BY id",
      )
      .all();
    expect(votes).toEqual([
      { id: 'multi', value: '{"choice":["green"],"count":2}' },
      { id: 'quiz', value: '{"choice":["paris"],"count":1}' },
    ]);
    expect((await h.ops('GET', '/v1/rooms/up/gifts/ledger?viewer=alice')).body.balance).toBe(9_800);

    // Gifts: feed, totals and top senders rebuilt from the ledger; the ledger itself, with grants.
    const gifts = snap.state['gifts']!;
    expect(
      (gifts['feed'] as { events: { sender: { id: string } }[] }).events.map((e) => e.sender.id),
    ).toEqual(['alice', 'alice', 'bob', 'carol']);
    expect(gifts['stats']).toMatchObject({ totalGifts: 22, totalValue: 5_210, uniqueSenders: 3 });
    expect((gifts['stats'] as { topSenders: { id: string; value: number }[] }).topSenders).toEqual([
      { id: 'bob', name: 'Viewer bob', value: 5_000 },
      { id: 'alice', name: 'Alice', value: 200 },
      { id: 'carol', name: 'Viewer arol', value: 10 },
    ]);
    const bob = (await h.ops('GET', '/v1/rooms/up/gifts/ledger?viewer=bob')).body;
    expect(bob.balance).toBe(5_700);
    expect(bob.entries.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ['grant', 700],
      ['send', 5_000],
    ]);
    const all = (await h.ops('GET', '/v1/rooms/up/gifts/ledger')).body.entries;
    expect(all).toHaveLength(6); // five from 0.1, carol's combo send above
    expect(all[1]).toMatchObject({
      viewer: 'a:alice',
      key: 'alice-g1',
      comboId: 'c1',
      comboCount: 1,
      balance: 9_900,
    });

    // Products, pins (lip then serum) and presentation windows, the closed one included.
    const products = (await h.ops('GET', '/v1/rooms/up/products')).body;
    expect(products.products.map((p: { id: string }) => p.id)).toEqual(['lip', 'mask', 'serum']);
    expect(products.products[0]).toMatchObject({
      stock: 47,
      originalPrice: { amount: 19_900 },
      tags: ['hot'],
    });
    expect(products.pins.productIds).toEqual(['lip', 'serum']);
    expect(
      products.windows.map((w: { product: string; unpinnedAt: number | null }) => [
        w.product,
        w.unpinnedAt !== null,
      ]),
    ).toEqual([
      ['mask', true],
      ['lip', false],
      ['serum', false],
    ]);
    expect(snap.state['pins']?.['current']).toEqual(products.pins);

    // Timers come back: the timed poll closes at its deadline, the flash sale ends at its end.
    clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await h.ops('GET', '/v1/rooms/up')).body.state.polls.timed.status).toBe('closed');
    clock.advance(86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const serum = (await h.ops('GET', '/v1/rooms/up/products')).body.products[2];
    expect(serum).toMatchObject({ id: 'serum', flashSale: null });
  } finally {
    await closeAll();
    tmp.remove();
  }
});
