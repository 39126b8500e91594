// Gift rules and the panel store's idempotency keys, in Node against an in-page room.
import { ActionRejectedError, type Channel } from '@onair/core/channel.js';
import { createLocalRoom, type LocalRoom } from '@onair/core/local-room.js';
import { describe, expect, it } from 'vitest';
import { createPanelStore } from '../panel/panel-store.js';
import { testCatalog } from '../test-catalog.js';
import { giftsFeature } from './feature.js';
import { appendFeed, FEED_SIZE, type GiftEvent, invalidSend, priceSend, validateCatalog } from './gifts.js';

const settings = {
  quantities: [1, 10],
  maxQuantity: 99,
  confirmAbove: 0,
  comboWindowMs: 3000,
  senderName: 'Al',
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('gift rules', () => {
  it('prices a send and names what is wrong', () => {
    const catalog = validateCatalog(testCatalog);
    if (!catalog.ok) throw new Error('catalog');
    expect(priceSend(catalog.value, { gift: 'heart', quantity: 66 })).toMatchObject({
      ok: true,
      value: { amount: 660 },
    });
    expect(invalidSend({ path: 'quantity', key: 'int|1|9999' })).toMatchObject({
      code: 'invalid_quantity',
      path: 'payload.quantity',
    });
    expect(priceSend(catalog.value, { gift: 'nope', quantity: 1 })).toMatchObject({
      ok: false,
      error: { code: 'unknown_gift' },
    });
    expect(priceSend(null, { gift: 'heart', quantity: 1 })).toMatchObject({
      ok: false,
      error: { code: 'room_closed' },
    });
  });

  it('keeps the last FEED_SIZE events', () => {
    let events: GiftEvent[] = [];
    for (let i = 0; i < 70; i++) events = appendFeed(events, { id: String(i) } as GiftEvent);
    expect(events).toHaveLength(FEED_SIZE);
    expect(events[0]!.id).toBe('20');
    expect(events.at(-1)!.id).toBe('69');
  });

  it('refuses odds that do not add up to 1000‰', () => {
    const bad = structuredClone(testCatalog);
    bad.categories[1]!.gifts[0]!.odds![0]!.permille = 10;
    expect(validateCatalog(bad)).toMatchObject({
      ok: false,
      issues: [{ path: 'categories[1].gifts[0].odds' }],
    });
  });
});

describe('panel store keys', () => {
  function setup(): {
    channel: Channel;
    keys: string[];
    failNext: { code: string } | null;
    room: LocalRoom;
  } {
    const room = createLocalRoom({ features: [giftsFeature()], flushMs: 0 });
    room.command('gift.catalog', { catalog: testCatalog });
    const real = room.connect();
    const state = { keys: [] as string[], failNext: null as { code: string } | null };
    // The first attempt "times out" after the room applied it: the retry must reuse its key.
    const channel: Channel = {
      ...real,
      act: async <R extends object>(name: string, payload: Record<string, unknown>, key?: string) => {
        if (name === 'gift.send') state.keys.push(key!);
        const result = await real.act<R>(name, payload, key);
        if (state.failNext) {
          const error = state.failNext;
          state.failNext = null;
          throw new ActionRejectedError({ code: error.code, message: 'lost' });
        }
        return result;
      },
    };
    return Object.assign(state, { channel, room });
  }

  it('retries an unsure send with the same key, and the room charges it once', async () => {
    const s = setup();
    const store = createPanelStore(s.channel, settings);
    const off = store.$view.listen(() => {});
    await tick();
    store.selectGift('heart');
    const press = store.press();
    if (press.kind !== 'send') throw new Error(press.kind);
    s.failNext = { code: 'timeout' };
    await expect(store.send(press.request)).rejects.toMatchObject({ code: 'timeout' });
    const retry = store.$view.get().retry;
    expect(retry?.key).toBe(press.request.key);
    await store.send(retry!);
    expect(s.keys).toEqual([press.request.key, press.request.key]);
    const viewer = s.channel.$viewer.get()!.id;
    expect(s.room.query('gift.ledger', { viewer })).toMatchObject({
      ok: true,
      result: { entries: [{ kind: 'send' }] },
    });
    expect(store.$view.get().wallet?.balance).toBe(10_000 - 10);
    // A definite refusal leaves nothing to retry.
    store.selectGift('rocket');
    store.setQuantity(10);
    const big = store.press();
    expect(big).toMatchObject({ kind: 'refused', code: 'insufficient_balance' });
    off();
  });

  it('ignores a press while a send is in flight', async () => {
    const s = setup();
    const store = createPanelStore(s.channel, settings);
    const off = store.$view.listen(() => {});
    await tick();
    store.selectGift('rose');
    const first = store.press();
    if (first.kind !== 'send') throw new Error(first.kind);
    const sending = store.send(first.request);
    expect(store.press()).toEqual({ kind: 'busy' });
    await sending;
    const second = store.press();
    expect(second).toMatchObject({ kind: 'send', continuesCombo: true });
    off();
  });
});
