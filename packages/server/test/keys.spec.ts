// Idempotency keys past retention: a stamped key the server may have forgotten is refused
// (`key_expired`), and a key the gift ledger holds is never charged again, whatever its age.
import { stampedKey } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, fakeClock, idOf, POLL, startServer } from './helpers.js';

afterEach(closeAll);

const DAY = 24 * 60 * 60 * 1000;
const CATALOG = {
  categories: [{ id: 'c', name: 'C', gifts: [{ id: 'rose', name: 'Rose', price: 100, icon: 'rose' }] }],
};

describe('idempotency keys past retention', () => {
  it('answers a stamped key with its ack while remembered, then key_expired; nothing counted twice', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock });
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, votesPerViewer: 3 });
    const viewer = await h.connect('r1', { viewer: 'alice' });
    const key = stampedKey(clock.now());
    const first = await viewer.vote('p1', ['red'], key);
    expect(first.ok).toBe(true);
    clock.advance(DAY - 1_000);
    expect(await viewer.vote('p1', ['red'], key)).toMatchObject({ ok: true, key });
    clock.advance(2 * DAY); // the hourly purge ran: the ack is gone
    const late = await viewer.vote('p1', ['red'], key);
    expect(late).toMatchObject({ ok: false, error: { code: 'key_expired' } });
    expect((await h.ops('GET', '/v1/rooms/r1')).body.state.polls.p1.tally).toEqual({
      red: 1,
      blue: 0,
      green: 0,
    });
    // A new key works as ever.
    expect((await viewer.vote('p1', ['blue'], stampedKey(clock.now()))).ok).toBe(true);
  });

  it('never charges a gift key twice, even an unstamped one whose ack is long gone', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock });
    await h.ops('PUT', '/v1/rooms/g1/gifts/catalog', CATALOG);
    const viewer = await h.connect('g1', { viewer: 'alice' });
    expect((await viewer.act('gift.send', { gift: 'rose', quantity: 1 }, 'legacy-key')).ok).toBe(true);
    clock.advance(3 * DAY);
    const again = await viewer.act('gift.send', { gift: 'rose', quantity: 1 }, 'legacy-key');
    expect(again).toMatchObject({ ok: false, error: { code: 'key_expired' } });
    const ledger = (await h.ops('GET', `/v1/rooms/g1/gifts/ledger?viewer=${idOf('alice')}`)).body;
    expect(ledger.entries).toHaveLength(1);
    expect(ledger.balance).toBe(9_900);
    // Others in the same group commit are not hurt by it.
    expect((await viewer.act('gift.send', { gift: 'rose', quantity: 1 })).ok).toBe(true);
  });
});

describe('replays and rate limits', () => {
  it('answers a repeated key with its ack even when the viewer is over its action budget', async () => {
    const h = await startServer({ limits: { viewerActions: { rate: 0.001, burst: 2 } } });
    await h.ops('POST', '/v1/rooms/r1/polls?open=true', { ...POLL, votesPerViewer: 5 });
    const viewer = await h.connect('r1', { viewer: 'alice' });
    const first = await viewer.vote('p1', ['red'], 'k-first');
    expect((await viewer.vote('p1', ['red'], 'k-second')).ok).toBe(true);
    expect(await viewer.vote('p1', ['red'], 'k-third')).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    const { changes: _, ...stored } = first as typeof first & { changes?: unknown };
    for (let i = 0; i < 5; i++) expect(await viewer.vote('p1', ['blue'], 'k-first')).toEqual(stored);
  });
});
