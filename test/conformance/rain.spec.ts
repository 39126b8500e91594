// Red-packet rain on every host: a rain scheduled by ops, grabs before the start and after the end
// refused by the server's clock, concurrent grabs past the pool (the budget never exceeded), the
// per-viewer cap, grabs faster than a person refused, wallet and ledger credits equal to the grabs,
// and a restart mid-rain.
import type { AckFrame } from '@onair/core/protocol.js';
import type { RainRecord } from '@onair/games/model.js';
import { describe, expect } from 'vitest';
import { type Host, T0, type Viewer } from './hosts.js';
import { said, scenario, type Transcript } from './scenario.js';

const CATALOG = {
  categories: [{ id: 'hot', name: 'Hot', gifts: [{ id: 'rose', name: 'Rose', price: 10, icon: 'rose' }] }],
};
const STARTING = 10_000;

const rainOf = (viewer: Viewer, id = 'r1') => viewer.state['rains']?.[id] as RainRecord | undefined;
const grab = (viewer: Viewer, rain = 'r1', key?: string) => viewer.act('rain.grab', { rain }, key);
const code = (ack: AckFrame) => (ack.ok ? 'ok' : ack.error.code);
const amount = (ack: AckFrame) => (ack.ok ? (ack.result['amount'] as number) : 0);

const withCatalog = (host: Host, t: Transcript) => t.ok(host, 'gift.catalog', { catalog: CATALOG });

/** The rain's grabs as the `rain` log holds them, viewers named without their host's key prefix. */
async function grabs(host: Host, rain = 'r1') {
  const answer = await host.query('rain.grabs', { rain });
  if (!answer.ok) throw new Error(answer.error.message);
  const result = answer.result as { grabs: { viewer: string; amount: number }[]; credited: number };
  return { ...result, grabs: result.grabs.map((g) => ({ ...g, viewer: g.viewer.replace(/^[as]:/, '') })) };
}

/** Ledger rows of kind `rain` for `viewer`, and the balance the ledger reports. */
async function ledger(host: Host, viewer: string) {
  const answer = await host.query('gift.ledger', host.who(viewer));
  if (!answer.ok) throw new Error(answer.error.message);
  const result = answer.result as { entries: { kind: string; amount: number }[]; balance: number };
  return { rows: result.entries.filter((e) => e.kind === 'rain'), balance: result.balance };
}

describe('red-packet rain conformance', () => {
  scenario('ops schedule a rain; grabs only while it rains by the server clock; cancel', async (host, t) => {
    await t.refused(
      host,
      'rain.create',
      { rain: { id: 'r1', unit: 'points', budget: 100, count: 20, minimum: 6 } },
      'invalid_body',
      'rain.minimum',
    );
    await t.refused(
      host,
      'rain.create',
      { rain: { id: 'r1', unit: 'points', budget: 10, count: 20 } },
      'invalid_body',
      'rain.count',
    );
    await t.refused(
      host,
      'rain.create',
      { rain: { id: 'r1', unit: 'coins', budget: 100, count: 5 } },
      'no_wallet',
      'rain.unit',
    );
    await t.refused(
      host,
      'rain.create',
      { rain: { id: 'r1', unit: 'points', budget: 100, count: 5, startsAt: T0 - 1 } },
      'invalid_start',
      'rain.startsAt',
    );
    const created = await t.ok(host, 'rain.create', {
      rain: {
        id: 'r1',
        title: 'Brand day',
        unit: 'points',
        budget: 500,
        count: 10,
        minimum: 5,
        durationMs: 10_000,
        startsAt: T0 + 5_000,
      },
    });
    expect(created.result).toMatchObject({
      rain: { status: 'scheduled', startsAt: T0 + 5_000, endsAt: T0 + 15_000 },
    });
    await t.refused(
      host,
      'rain.create',
      { rain: { id: 'r1', unit: 'points', budget: 5, count: 5 } },
      'duplicate_rain',
      'rain.id',
    );
    const alice = await host.join('alice');
    // Viewers see the rain, never its packets' amounts.
    expect(t.log('scheduled', rainOf(alice))).toMatchObject({ status: 'scheduled', count: 10, grabbed: 0 });
    expect(alice.state['rainPools']).toBeUndefined();

    expect(t.log('early', said(await grab(alice)))).toMatchObject({
      ok: false,
      error: { code: 'rain_not_started' },
    });
    await host.advance(4_999);
    expect(code(await grab(alice))).toBe('rain_not_started');
    await host.advance(1);
    expect(rainOf(alice)?.status).toBe('raining');
    const first = t.log('first grab', said(await grab(alice)));
    expect(first).toMatchObject({ ok: true, result: { rain: 'r1', packets: 1 } });
    const got = (first as { result: { amount: number } }).result.amount;
    expect(got).toBeGreaterThanOrEqual(5);
    expect(alice.mine['points']).toEqual({ balance: { balance: got } });
    await host.settle();
    expect(rainOf(alice)).toMatchObject({
      grabbed: 1,
      paid: got,
      grabbers: 1,
      top: [{ id: 'alice', total: got }],
    });

    await host.advance(10_000); // the end, to the ms
    expect(rainOf(alice)?.status).toBe('ended');
    expect(t.log('late', said(await grab(alice)))).toMatchObject({
      ok: false,
      error: { code: 'rain_ended' },
    });
    await t.refused(host, 'rain.cancel', { rain: 'r1' }, 'rain_ended');

    await t.ok(host, 'rain.create', { rain: { id: 'r2', unit: 'points', budget: 50, count: 5 } });
    await t.refused(host, 'rain.delete', { rain: 'r2' }, 'rain_running');
    await t.ok(host, 'rain.cancel', { rain: 'r2' });
    await t.ok(host, 'rain.cancel', { rain: 'r2' }); // a retry changes nothing
    expect(code(await grab(alice, 'r2'))).toBe('rain_cancelled');
    await t.ok(host, 'rain.delete', { rain: 'r2' });
    await t.refused(host, 'rain.cancel', { rain: 'r2' }, 'unknown_rain');
    expect(t.log('unknown', said(await grab(alice, 'nope')))).toMatchObject({
      ok: false,
      error: { code: 'unknown_rain', path: 'payload.rain' },
    });
  });

  scenario(
    'concurrent grabs past the pool: the budget is never exceeded, credits equal grabs',
    async (host, t) => {
      await withCatalog(host, t);
      await t.ok(host, 'rain.create', {
        rain: { id: 'r1', unit: 'coins', budget: 1_000, count: 6, minimum: 50, maxPerViewer: 1 },
      });
      const names = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9'];
      const viewers = await Promise.all(names.map((n) => host.join(n)));
      const acks = await Promise.all(viewers.map((v) => grab(v)));
      // Which viewer is first depends on the network; what the pool gives out does not.
      expect(t.log('codes', acks.map(code).sort())).toEqual([
        ...Array(6).fill('ok'),
        ...Array(4).fill('rain_empty'),
      ]);
      const amounts = acks.map(amount).filter((a) => a > 0);
      t.log(
        'amounts',
        [...amounts].sort((a, b) => a - b),
      );
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(1_000);
      expect(Math.min(...amounts)).toBeGreaterThanOrEqual(50);
      await host.settle();
      const { top: _top, ...rest } = rainOf(viewers[0]!)!;
      expect(t.log('rain', rest)).toMatchObject({
        status: 'ended',
        grabbed: 6,
        paid: 1_000,
        grabbers: 6,
      });
      expect(rainOf(viewers[0]!)?.top.map((g) => g.total)).toEqual([...amounts].sort((a, b) => b - a));

      const log = await grabs(host);
      expect(log.credited).toBe(1_000);
      expect(log.grabs).toHaveLength(6);
      for (const [i, ack] of acks.entries()) {
        const { rows, balance } = await ledger(host, names[i]!);
        expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(amount(ack));
        expect(balance).toBe(STARTING + amount(ack));
        // The wallet the viewer was told of is the one the ledger keeps.
        if (ack.ok)
          expect(ack.mine?.['gifts']).toEqual({
            wallet: { balance: STARTING + amount(ack), currency: 'COIN', digits: 0 },
          });
      }
    },
  );

  scenario('at most M packets per viewer; a grab faster than a person is refused', async (host, t) => {
    await t.ok(host, 'rain.create', {
      rain: { id: 'r1', unit: 'points', budget: 1_000, count: 20, maxPerViewer: 2 },
    });
    const alice = await host.join('alice');
    const again = await host.join('alice'); // a second tab of the same viewer
    const both = await Promise.all([grab(alice), grab(again)]);
    expect(t.log('two tabs at once', both.map(code).sort())).toEqual(['grab_too_fast', 'ok']);
    await host.advance(149);
    expect(t.log('149 ms later', code(await grab(alice)))).toBe('grab_too_fast');
    await host.advance(1);
    expect(t.log('150 ms later', said(await grab(again)))).toMatchObject({
      ok: true,
      result: { packets: 2 },
    });
    await host.advance(1_000);
    expect(t.log('past the cap', said(await grab(alice)))).toMatchObject({
      ok: false,
      error: { code: 'grab_limit' },
    });
    await host.settle();
    expect(rainOf(alice)).toMatchObject({ grabbed: 2, grabbers: 1 });
    const log = await grabs(host);
    expect(log.grabs.map((g) => g.viewer)).toEqual(['alice', 'alice']);
    // The tab that grabbed last holds the balance after both grabs.
    expect(again.mine['points']).toEqual({ balance: { balance: log.credited } });
  });

  scenario(
    'a restart mid-rain keeps the pool, the grabs, the wallet and the timers',
    async (host, t) => {
      await withCatalog(host, t);
      await t.ok(host, 'rain.create', {
        rain: { id: 'r1', unit: 'coins', budget: 300, count: 3, maxPerViewer: 2, durationMs: 10_000 },
      });
      const alice = await host.join('alice');
      const first = amount(await grab(alice));
      await host.advance(1_000);
      await host.restart();
      const back = await host.join('alice');
      expect(t.log('after restart', rainOf(back))).toMatchObject({
        status: 'raining',
        grabbed: 1,
        paid: first,
      });
      expect(back.mine['rains']).toMatchObject({ r1: { packets: [first], total: first } });
      const second = amount(await grab(back));
      expect(second).toBeGreaterThan(0);
      await host.advance(200);
      expect(code(await grab(back))).toBe('grab_limit');
      const bob = await host.join('bob');
      const third = amount(await grab(bob));
      t.log('amounts', [first, second, third]);
      expect(first + second + third).toBe(300);
      expect((await ledger(host, 'alice')).balance).toBe(STARTING + first + second);
      expect((await grabs(host)).credited).toBe(300);
      await host.advance(9_000);
      expect(rainOf(bob)?.status).toBe('ended');
    },
    { restarts: true },
  );
});
