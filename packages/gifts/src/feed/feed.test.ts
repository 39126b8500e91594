import { createRoom } from '@onair/core';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../onair-gift-feed.js';
import { listenersLeftOver } from '../../../../test/support/leaks.js';
import { type TestRoom, testRoom } from '../../../../test/support/local-room.js';
import { until } from '../../../../test/support/until.js';
import { giftsFeature } from '../model/feature.js';
import { testCatalog } from '../test-catalog.js';
import type { OnairGiftFeed } from './feed.js';

async function liveFeed(
  attrs: { lang?: string; theme?: 'light' | 'dark'; max?: number; flushMs?: number } = {},
) {
  const memory = testRoom([giftsFeature({ startingBalance: 1_000_000 })], { flushMs: attrs.flushMs ?? 0 });
  memory.ops('gift.catalog', { catalog: testCatalog });
  const room = createRoom({
    room: memory.room,
    transport: memory.transport(),
    ...(attrs.theme ? { theme: attrs.theme } : {}),
  });
  const el = await fixture<OnairGiftFeed>(
    html`<onair-gift-feed lang=${attrs.lang ?? 'en'} .room=${room} max=${attrs.max ?? 5} stats big-above="1000"></onair-gift-feed>`,
  );
  await until(el, () => !!el.shadowRoot!.querySelector('[part~="stats"]'));
  return { el, memory, gifts: memory };
}

const text = (el: OnairGiftFeed) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const items = (el: OnairGiftFeed) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')];
/** A simulated viewer's send (the feed follows what the room broadcasts). */
const send = (gifts: TestRoom, viewer: string, gift: string, comboId: string, name = viewer) =>
  gifts.act(viewer, 'gift.send', { gift, quantity: 1, comboId, name });

describe('<onair-gift-feed>', () => {
  for (const [name, attrs] of [
    ['light', { theme: 'light' }],
    ['dark', { theme: 'dark' }],
    ['zh-CN', { lang: 'zh-CN' }],
  ] as const)
    it(`passes axe with items, a big gift and stats: ${name}`, async () => {
      const { el, gifts } = await liveFeed(attrs);
      send(gifts, 'alice', 'heart', 'c1', 'Alice');
      send(gifts, 'bob', 'rocket', 'c2', '小明');
      await until(el, () => items(el).length === 2);
      // Contrast is judged on the settled frame, not halfway through a fade-in.
      await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
      await expect(el).to.be.accessible();
    });

  it('merges a combo into one item whose counter grows', async () => {
    const { el, gifts } = await liveFeed();
    for (let i = 0; i < 3; i++) {
      send(gifts, 'alice', 'heart', 'c1', 'Alice');
      await until(el, () => text(el).includes(`×${i + 1}`));
    }
    expect(items(el)).to.have.length(1);
    expect(items(el)[0]!.textContent!.replace(/\s+/g, ' ')).to.include('Alice sent Heart');
    expect(items(el)[0]!.querySelector('[part~="counter"]')!.textContent).to.include('combo 3');
    send(gifts, 'alice', 'heart', 'c2', 'Alice');
    await until(el, () => items(el).length === 2);
  });

  it('keeps a bounded lane under a burst, merging combos', async () => {
    const { el, gifts } = await liveFeed({ max: 4, flushMs: 100 });
    for (let i = 0; i < 300; i++) send(gifts, `v${i % 40}`, 'rose', `combo-${i % 40}`);
    await until(el, () => text(el).includes('300'));
    expect(items(el).length).to.equal(4);
    // 300 sends over 40 combos: the last 50 events are on the record, so their combos show high counts.
    const counters = items(el).map((item) =>
      Number(item.querySelector('[aria-hidden="true"]:last-child')!.textContent!.slice(1)),
    );
    expect(Math.max(...counters)).to.be.at.least(7);
  });

  it('gives big gifts the big effect, and swaps motion for fades under reduced motion', async () => {
    const { el, gifts } = await liveFeed();
    send(gifts, 'alice', 'rocket', 'c1');
    send(gifts, 'bob', 'rose', 'c2');
    await until(el, () => items(el).length === 2);
    const [big, small] = items(el);
    expect(big!.classList.contains('big')).to.equal(true);
    expect(small!.classList.contains('big')).to.equal(false);
    expect(getComputedStyle(big!).animationName).to.equal('enter-big');
    expect(getComputedStyle(small!).animationName).to.equal('enter');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(big!).animationName).to.equal('fade');
      expect(getComputedStyle(small!.querySelector('[part~="counter"]')!).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('gives a big gift a row of its own: its value, a banner, more room (issue 13)', async () => {
    const { el, gifts } = await liveFeed({ theme: 'dark' });
    send(gifts, 'alice', 'rocket', 'c1', 'Alice');
    send(gifts, 'bob', 'rose', 'c2', 'Bob');
    await until(el, () => items(el).length === 2);
    await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
    const [big, small] = items(el);
    expect(big!.textContent).to.include('5,000 coins');
    expect(small!.textContent).to.not.include('coin');
    expect(getComputedStyle(big!).backgroundImage).to.include('gradient');
    expect(getComputedStyle(big!).boxShadow).to.not.include('inset');
    expect(big!.getBoundingClientRect().height).to.be.at.least(small!.getBoundingClientRect().height + 8);
  });

  it('shows room aggregates and top senders', async () => {
    const { el, gifts } = await liveFeed();
    send(gifts, 'alice', 'rocket', 'c1', 'Alice');
    send(gifts, 'bob', 'heart', 'c2', 'Bob');
    send(gifts, 'bob', 'heart', 'c2', 'Bob');
    await until(el, () => text(el).includes('5,020 coins'));
    const terms = [...el.shadowRoot!.querySelectorAll('[part~="stats"] dl div')].map((d) =>
      d.textContent!.replace(/\s+/g, ''),
    );
    expect(terms).to.deep.equal(['Gifts3', 'Value5,020coins', 'Senders2']);
    const top = [...el.shadowRoot!.querySelectorAll('[part~="top"] li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(top).to.deep.equal(['Alice 5,000 coins', 'Bob 20 coins']);
  });

  it('shows a late joiner the recent gifts, and lets items leave after `linger`', async () => {
    const memory = testRoom([giftsFeature()], { room: 'late' });
    memory.ops('gift.catalog', { catalog: testCatalog });
    await send(memory, 'alice', 'heart', 'c1', 'Alice');
    const room = createRoom({ room: memory.room, transport: memory.transport() });
    const el = await fixture<OnairGiftFeed>(
      html`<onair-gift-feed .room=${room} linger="600"></onair-gift-feed>`,
    );
    await until(el, () => text(el).includes('Alice sent Heart'));
    await until(el, () => items(el).length === 0, 2000);
  });

  it('announces big gifts politely', async () => {
    const { el, gifts } = await liveFeed();
    send(gifts, 'alice', 'rocket', 'c1', 'Alice');
    await until(el, () =>
      el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('Alice sent Rocket'),
    );
  });

  it('leaves no subscriptions behind over 50 mount/unmount cycles', async () => {
    const memory = testRoom([giftsFeature()], { room: 'feed-leaks', flushMs: 100 });
    memory.ops('gift.catalog', { catalog: testCatalog });
    const room = createRoom({ room: memory.room, transport: memory.transport() });
    const { before, after } = await listenersLeftOver(room, () => {
      const el = document.createElement('onair-gift-feed');
      el.room = room;
      return el;
    });
    expect(after).to.deep.equal(before);
  });

  it('reports a missing room inside the widget', async () => {
    const el = await fixture<OnairGiftFeed>(html`<onair-gift-feed></onair-gift-feed>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('onair-room');
    await expect(el).to.be.accessible();
  });
});
