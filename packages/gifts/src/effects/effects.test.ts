import { createRoom } from '@onair/core';
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../onair-gift-effects.js';
import { listenersLeftOver } from '../../../../test/support/leaks.js';
import { testRoom } from '../../../../test/support/local-room.js';
import { until } from '../../../../test/support/until.js';
import { giftsFeature } from '../model/feature.js';
import { testCatalog } from '../test-catalog.js';
import type { OnairGiftEffects } from './effects.js';
import type { GiftEffect } from './effects-store.js';

/** A 400×300 stage with a button under the effect layer. */
async function stage(duration = '300ms') {
  const memory = testRoom([giftsFeature({ startingBalance: 1_000_000 })]);
  memory.ops('gift.catalog', { catalog: testCatalog });
  const room = createRoom({ room: memory.room, transport: memory.transport() });
  const wrap =
    await fixture<HTMLElement>(html`<div style="position:relative;inline-size:400px;block-size:300px;--onair-gift-effects-duration:${duration}">
    <button id="under" style="position:absolute;inset:0">Under</button>
    <onair-gift-effects .room=${room}></onair-gift-effects>
  </div>`);
  const el = wrap.querySelector('onair-gift-effects') as OnairGiftEffects;
  await el.updateComplete;
  let serial = 0;
  const send = (viewer: string, gift: string, comboId = `${viewer}-${gift}-${++serial}`) =>
    void memory.act(viewer, 'gift.send', { gift, quantity: 1, comboId, name: viewer });
  return { el, wrap, memory, send };
}

const effect = (el: OnairGiftEffects) => el.shadowRoot!.querySelector<HTMLElement>('[part~="effect"]');

describe('<onair-gift-effects>', () => {
  it('passes axe while an effect plays (the layer is hidden from assistive technology)', async () => {
    const { el, send } = await stage('5s');
    send('Mia', 'rocket');
    await until(el, () => !!effect(el));
    expect(el.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('plays big gifts only, one at a time, in order', async () => {
    const { el, send } = await stage('250ms');
    send('Leo', 'rose');
    send('Mia', 'rocket');
    send('Kai', 'rocket');
    await until(el, () => effect(el)?.textContent?.includes('Mia') ?? false);
    expect(el.shadowRoot!.querySelectorAll('[part~="effect"]')).to.have.length(1);
    await until(el, () => effect(el)?.textContent?.includes('Kai') ?? false);
    expect(el.shadowRoot!.querySelectorAll('[part~="effect"]')).to.have.length(1);
    await until(el, () => !effect(el));
  });

  it('raises the count of a playing combo instead of queueing it again', async () => {
    const { el, send } = await stage('2s');
    for (let i = 0; i < 3; i++) send('Mia', 'rocket', 'combo-1');
    await until(el, () => effect(el)?.textContent?.includes('combo 3') ?? false);
    expect(el.shadowRoot!.querySelectorAll('[part~="effect"]')).to.have.length(1);
  });

  it('never takes a tap: what is under the layer gets it', async () => {
    const { el, wrap, send } = await stage('5s');
    send('Mia', 'rocket');
    await until(el, () => !!effect(el));
    const box = wrap.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 200, box.top + 150);
    expect(hit?.id).to.equal('under');
  });

  it('bounds its queue and drops what a stage cannot show', async () => {
    const { el, send } = await stage('5s');
    el.maxQueue = 2;
    await el.updateComplete;
    for (const viewer of ['a', 'b', 'c', 'd', 'e', 'f']) send(viewer, 'rocket');
    await until(el, () => !!effect(el));
    const store = (el as unknown as { store: { waiting(): number; dropped(): number } }).store;
    expect(store.waiting()).to.equal(2);
    expect(store.dropped()).to.equal(3);
  });

  it('is calm under reduced motion: a fade in place, nothing flies', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const { el, send } = await stage('2s');
      send('Mia', 'rocket');
      await until(el, () => !!effect(el));
      expect(getComputedStyle(effect(el)!).animationName).to.equal('calm');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="icon"]')!).animationName).to.equal(
        'none',
      );
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part~="burst"]')!).display).to.equal('none');
      // The effect still lasts its length (the global reduced-motion cut would end it at once).
      await new Promise((r) => setTimeout(r, 300));
      expect(effect(el)).to.exist;
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('hands big gifts to a custom player, empties its stage after, and aborts an overlong one', async () => {
    const { el, send } = await stage();
    const played: GiftEffect[] = [];
    let aborted = false;
    el.maxDuration = 500;
    el.player = (gift, stageEl, signal) => {
      played.push(gift);
      const video = document.createElement('div');
      video.className = 'mp4';
      stageEl.append(video);
      signal.addEventListener('abort', () => (aborted = true));
      return new Promise(() => {}); // never settles: the element cuts it at max-duration
    };
    await el.updateComplete;
    send('Mia', 'rocket');
    await until(el, () => played.length === 1);
    const stageEl = el.shadowRoot!.querySelector('[part~="stage"]')!;
    expect(stageEl.querySelector('.mp4')).to.exist;
    expect(effect(el)).to.equal(null);
    expect(played[0]).to.include({ gift: 'rocket', value: 5000, count: 1 });
    await until(el, () => aborted, 2000);
    expect(stageEl.children).to.have.length(0);
  });

  it('leaves no subscriptions behind over 50 mount/unmount cycles', async () => {
    const memory = testRoom([giftsFeature()], { room: 'effects-leaks' });
    memory.ops('gift.catalog', { catalog: testCatalog });
    const room = createRoom({ room: memory.room, transport: memory.transport() });
    const { before, after } = await listenersLeftOver(room, () => {
      const el = document.createElement('onair-gift-effects');
      el.room = room;
      return el;
    });
    expect(after).to.deep.equal(before);
  });
});
