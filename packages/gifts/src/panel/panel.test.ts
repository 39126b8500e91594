import { createRoom } from '@onair/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../onair-gift-panel.js';
import { type TestRoom, testRoom } from '../../../../test/support/local-room.js';
import '../onair-gift-feed.js';
import { textContrast } from '../../../../test/support/contrast.js';
import { until } from '../../../../test/support/until.js';
import type { GiftSendRequestDetail } from '../events.js';
import { giftsFeature } from '../model/feature.js';
import type { CatalogInput } from '../model/schema.js';
import { testCatalog, zhCatalog } from '../test-catalog.js';
import type { OnairGiftPanel } from './panel.js';

interface Setup {
  lang?: string;
  theme?: 'light' | 'dark';
  balance?: number;
  attrs?: Partial<Pick<OnairGiftPanel, 'confirmAbove' | 'senderName'>>;
}

async function livePanel(catalog: CatalogInput = testCatalog, setup: Setup = {}) {
  const memory = testRoom([giftsFeature({ startingBalance: setup.balance ?? 10_000 })]);
  memory.ops('gift.catalog', { catalog });
  const room = createRoom({
    room: memory.room,
    transport: memory.transport(),
    ...(setup.theme ? { theme: setup.theme } : {}),
  });
  const el = await fixture<OnairGiftPanel>(
    html`<onair-gift-panel lang=${setup.lang ?? 'en'} .room=${room} confirm-above=${setup.attrs?.confirmAbove ?? 5000}
      sender-name=${setup.attrs?.senderName ?? 'Alice'}></onair-gift-panel>`,
  );
  await until(
    el,
    () => text(el).includes(setup.lang === 'zh-CN' ? '余额' : 'Balance:') && !text(el).includes('—'),
  );
  return { el, memory, gifts: giftOps(memory), room, viewer: () => room.channel!.$viewer.get()!.id };
}

/** The ops side of a gift room, read through its commands and queries. */
function giftOps(memory: TestRoom) {
  const ledger = (viewer: string) => {
    const answer = memory.local.query('gift.ledger', { viewer });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.result as { entries: unknown[]; balance: number };
  };
  return {
    balance: (viewer: string) => ledger(viewer).balance,
    ledger: (viewer: string) => ledger(viewer).entries,
    grant: (viewer: string, amount: number) => memory.ops('gift.grant', { viewer, amount }),
    setCatalog: (catalog: CatalogInput) => memory.ops('gift.catalog', { catalog }),
  };
}

const root = (el: OnairGiftPanel) => el.shadowRoot!;
const text = (el: OnairGiftPanel) => root(el).textContent!.replace(/\s+/g, ' ');
const giftInput = (el: OnairGiftPanel, name: string) =>
  [...root(el).querySelectorAll<HTMLInputElement>('input[name="gift"]')].find((i) =>
    i.getAttribute('aria-label')!.startsWith(name),
  )!;
const sendButton = (el: OnairGiftPanel) => root(el).querySelector<HTMLButtonElement>('[part~="send"]')!;
const pick = async (el: OnairGiftPanel, name: string) => {
  giftInput(el, name).click();
  await el.updateComplete;
};

describe('<onair-gift-panel>', () => {
  describe('accessibility (axe)', () => {
    const variants: [string, CatalogInput, Setup][] = [
      ['light', testCatalog, { theme: 'light' }],
      ['dark', testCatalog, { theme: 'dark' }],
      ['zh-CN, CNY', zhCatalog, { lang: 'zh-CN' }],
    ];
    for (const [name, catalog, setup] of variants)
      it(`passes axe: ${name}`, async () => {
        const { el } = await livePanel(catalog, setup);
        await pick(el, catalog === zhCatalog ? '玫瑰' : 'Heart');
        await expect(el).to.be.accessible();
      });

    it('passes axe with the confirm step and with an insufficient-balance error', async () => {
      const { el } = await livePanel(testCatalog, { balance: 6000 });
      await pick(el, 'Rocket');
      sendButton(el).click();
      await until(el, () => !!root(el).querySelector('[part~="confirm"]'));
      await expect(el).to.be.accessible();
      root(el).querySelector<HTMLButtonElement>('[part~="confirm"] .primary')!.click();
      await oneEvent(el, 'onair-gift-sent');
      sendButton(el).click(); // 1,000 left: a second rocket is refused before anything is sent
      await until(el, () => !!root(el).querySelector('[role="alert"]'));
      await expect(el).to.be.accessible();
    });

    it('passes axe when showing an invalid config', async () => {
      const el = await fixture<OnairGiftPanel>(
        html`<onair-gift-panel .config=${{ categories: [] }}></onair-gift-panel>`,
      );
      await until(el, () => !!root(el).querySelector('[role="alert"]'));
      await expect(el).to.be.accessible();
    });
  });

  describe('sending', () => {
    it('sends with the keyboard, then continues a combo with one comboId and a new key per press', async () => {
      const { el, gifts, viewer } = await livePanel();
      giftInput(el, 'Rose').focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(giftInput(el, 'Heart').checked).to.equal(true);
      sendButton(el).focus();
      const details = [];
      for (let i = 0; i < 3; i++) {
        const sent = oneEvent(el, 'onair-gift-sent');
        await sendKeys({ press: 'Enter' });
        details.push((await sent).detail);
        await until(el, () => sendButton(el).getAttribute('aria-disabled') === 'false');
      }
      expect(details.map((d) => d.comboCount)).to.deep.equal([1, 2, 3]);
      expect(new Set(details.map((d) => d.comboId)).size).to.equal(1);
      expect(new Set(details.map((d) => d.key)).size).to.equal(3);
      expect(sendButton(el).textContent).to.include('Combo ×3');
      expect(gifts.balance(viewer())).to.equal(10_000 - 30);
      await until(el, () => text(el).includes('Balance: 9,970 coins'));
      expect(root(el).querySelector('[role="status"]')!.textContent).to.include('combo ×3');
    });

    it('charges a double-click once', async () => {
      const { el, gifts, viewer } = await livePanel();
      await pick(el, 'Heart');
      sendButton(el).click();
      sendButton(el).click();
      await oneEvent(el, 'onair-gift-sent');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(gifts.ledger(viewer())).to.have.length(1);
    });

    it('reads prices in the locale: coins in English, yuan in zh-CN', async () => {
      const en = await livePanel();
      expect(giftInput(en.el, 'Rocket').getAttribute('aria-label')).to.equal('Rocket, 5,000 coins, Limited');
      const zh = await livePanel(zhCatalog, { lang: 'zh-CN' });
      expect(giftInput(zh.el, '皇冠').getAttribute('aria-label')).to.equal('皇冠，¥520.00，限定');
      expect(text(zh.el)).to.include('余额：¥100.00');
    });

    it('picks a quantity preset or a custom one within limits', async () => {
      const { el, gifts, viewer } = await livePanel();
      await pick(el, 'Rose');
      const presets = [...root(el).querySelectorAll<HTMLInputElement>('input[name="quantity"]')];
      expect(presets).to.have.length(7);
      presets[5]!.click(); // ×520
      await el.updateComplete;
      expect(sendButton(el).textContent).to.include('520 coins');
      const custom = root(el).querySelector<HTMLInputElement>('[part~="custom-quantity"]')!;
      custom.focus();
      await sendKeys({ type: '12345' });
      await el.updateComplete;
      expect(custom.getAttribute('aria-invalid')).to.equal('true');
      const failed = oneEvent(el, 'onair-error');
      sendButton(el).click();
      expect((await failed).detail.code).to.equal('invalid_quantity');
      await sendKeys({ press: 'Backspace' });
      const sent = oneEvent(el, 'onair-gift-sent');
      sendButton(el).click();
      expect((await sent).detail.quantity).to.equal(1234);
      expect(gifts.balance(viewer())).to.equal(10_000 - 1234);
    });

    it('shows the odds of a blind box', async () => {
      const { el } = await livePanel();
      root(el).querySelector<HTMLButtonElement>('#tab-hot')!.focus();
      await sendKeys({ press: 'ArrowLeft' }); // wraps to the last tab
      await el.updateComplete;
      expect(root(el).querySelector('#tab-fun')!.getAttribute('aria-selected')).to.equal('true');
      expect(root(el).activeElement?.id).to.equal('tab-fun');
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      expect(root(el).activeElement?.id).to.equal('tab-hot');
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      await pick(el, 'Blind box');
      expect(root(el).querySelector('[part~="odds"]')!.textContent!.replace(/\s+/g, ' ')).to.include(
        'Castle 0.5%',
      );
      await expect(el).to.be.accessible();
    });

    it('asks for confirmation above the threshold; cancel sends nothing', async () => {
      const { el, gifts, viewer } = await livePanel();
      await pick(el, 'Rocket');
      sendButton(el).click();
      await until(el, () => !!root(el).querySelector('[part~="confirm"]'));
      expect(root(el).activeElement?.textContent).to.equal('Confirm');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await until(el, () => !root(el).querySelector('[part~="confirm"]'));
      expect(gifts.ledger(viewer())).to.have.length(0);
    });

    it('refuses an unaffordable send with a localized message, and asks the host to top up', async () => {
      const { el, gifts, viewer } = await livePanel(testCatalog, { balance: 5, lang: 'zh-CN' });
      await pick(el, 'Heart');
      const failed = oneEvent(el, 'onair-error');
      sendButton(el).click();
      expect((await failed).detail).to.include({
        code: 'insufficient_balance',
        message: '余额不足，请充值后再赠送。',
      });
      const topup = oneEvent(el, 'onair-topup-request');
      root(el).querySelector<HTMLButtonElement>('.recover')!.click();
      expect((await topup).detail).to.deep.equal({ balance: 5, currency: 'COIN', needed: 10 });
      gifts.grant(viewer(), 100);
      await el.refreshBalance();
      await until(el, () => text(el).includes('余额：105 金币'));
    });

    it('shows a server refusal (room closed) inside the widget, localized', async () => {
      const { el, gifts, viewer } = await livePanel(testCatalog, { lang: 'zh-CN' });
      await pick(el, 'Heart');
      const failed = oneEvent(el, 'onair-error');
      sendButton(el).click();
      // Ops close gifting before the send reaches the room: the room refuses it.
      gifts.setCatalog({ ...testCatalog, open: false });
      expect((await failed).detail).to.include({ code: 'room_closed', message: '本直播间已关闭送礼。' });
      expect(gifts.ledger(viewer())).to.have.length(0);
      await until(el, () => sendButton(el).disabled);
    });

    it('lets the host veto a send, or take it over with respondWith', async () => {
      const { el, gifts, viewer } = await livePanel();
      await pick(el, 'Heart');
      el.addEventListener('onair-gift-send-request', (event) => event.preventDefault(), { once: true });
      sendButton(el).click();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(gifts.ledger(viewer())).to.have.length(0);
      el.addEventListener(
        'onair-gift-send-request',
        (event) => {
          event.preventDefault();
          (event as CustomEvent<GiftSendRequestDetail>).detail.respondWith(Promise.resolve({ balance: 777 }));
        },
        { once: true },
      );
      const sent = oneEvent(el, 'onair-gift-sent');
      sendButton(el).click();
      expect((await sent).detail).to.include({ gift: 'heart', balance: 777, comboCount: 1 });
      expect(gifts.ledger(viewer())).to.have.length(0);
      await until(el, () => text(el).includes('Balance: 777 coins'));
    });
  });

  describe('properties and events', () => {
    it('emits nothing when code sets properties', async () => {
      const events: string[] = [];
      const types = ['onair-gift-sent', 'onair-gift-send-request', 'onair-topup-request', 'onair-error'];
      const record = (event: Event) => events.push(event.type);
      for (const type of types) document.addEventListener(type, record);
      const { el } = await livePanel();
      el.theme = 'dark';
      el.quantities = [1, 2, 3];
      el.confirmAbove = 0;
      el.senderName = 'Bob';
      await el.updateComplete;
      for (const type of types) document.removeEventListener(type, record);
      expect(events).to.deep.equal([]);
      expect(root(el).querySelectorAll('input[name="quantity"]')).to.have.length(3);
    });

    it('works from a static config, charging in the page', async () => {
      const el = await fixture<OnairGiftPanel>(
        html`<onair-gift-panel starting-balance="50" .config=${testCatalog}></onair-gift-panel>`,
      );
      await until(el, () => text(el).includes('Balance: 50 coins'));
      await pick(el, 'Heart');
      sendButton(el).click();
      await oneEvent(el, 'onair-gift-sent');
      await until(el, () => text(el).includes('Balance: 40 coins'));
      // Moved in the page: the same viewer, so the same wallet.
      document.body.append(el);
      await until(el, () => text(el).includes('Balance: 40 coins'));
    });

    it('reports telemetry: panel_open, select, send, combo, fail, topup_click', async () => {
      const events: { type: string; props: Record<string, unknown> }[] = [];
      const tracker = {
        track: (type: string, props: Record<string, unknown> = {}) => events.push({ type, props }),
      };
      const memory = testRoom([giftsFeature({ startingBalance: 20 })], { room: 'gift-telemetry' });
      memory.ops('gift.catalog', { catalog: testCatalog });
      const room = {
        ...createRoom({ room: memory.room, transport: memory.transport() }),
        telemetry: tracker,
      };
      const el = await fixture<OnairGiftPanel>(html`<onair-gift-panel .room=${room}></onair-gift-panel>`);
      await until(el, () => events.some((e) => e.type === 'gift.panel_open'));
      await until(el, () => text(el).includes('Balance: 20'));
      await pick(el, 'Heart');
      for (let i = 0; i < 2; i++) {
        const sent = oneEvent(el, 'onair-gift-sent');
        sendButton(el).click();
        await sent;
        await until(el, () => sendButton(el).getAttribute('aria-disabled') === 'false');
      }
      const failed = oneEvent(el, 'onair-error');
      sendButton(el).click();
      await failed;
      root(el).querySelector<HTMLButtonElement>('[part~="topup"]')!.click();
      const types = events.map((e) => e.type).filter((t) => t.startsWith('gift.'));
      expect(types).to.deep.equal([
        'gift.panel_open',
        'gift.select',
        'gift.send',
        'gift.send',
        'gift.combo',
        'gift.fail',
        'gift.topup_click',
      ]);
      const send = events.find((e) => e.type === 'gift.send')!.props;
      expect(send).to.include({ gift: 'heart', quantity: 1, value: 10, currency: 'COIN', comboCount: 1 });
      expect(events.find((e) => e.type === 'gift.fail')!.props).to.deep.equal({
        gift: 'heart',
        reason: 'insufficient_balance',
      });
    });

    it('runs the combo ring down, and holds it still under reduced motion', async () => {
      const { el } = await livePanel();
      await pick(el, 'Rose');
      sendButton(el).click();
      await oneEvent(el, 'onair-gift-sent');
      await until(el, () => sendButton(el).hasAttribute('data-combo'));
      const timer = () => root(el).querySelector<HTMLElement>('[part~="combo-timer"]')!;
      expect(getComputedStyle(timer()).animationName).to.equal('run-down');
      expect(timer().style.getPropertyValue('--_window')).to.match(/^\d+ms$/);
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(getComputedStyle(timer()).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    });

    it('fits 320 px without horizontal overflow', async () => {
      const { el } = await livePanel();
      el.style.width = '320px';
      await el.updateComplete;
      const base = root(el).querySelector<HTMLElement>('[part~="base"]')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
    });
  });

  describe('phone-first panel (issue 13)', () => {
    const many: CatalogInput = {
      categories: [
        {
          id: 'all',
          name: 'All',
          gifts: Array.from({ length: 11 }, (_, i) => ({
            id: `g${i}`,
            name: `Gift ${i}`,
            price: i + 1,
            icon: 'heart',
          })),
        },
      ],
    };
    const deepActive = (el: OnairGiftPanel) => root(el).activeElement as HTMLElement | null;
    const trigger = (el: OnairGiftPanel) => root(el).querySelector<HTMLButtonElement>('[part~="trigger"]');
    const sheet = (el: OnairGiftPanel) => root(el).querySelector<HTMLDialogElement>('dialog[part~="sheet"]');

    it('is a button that opens a bottom sheet in a narrow space; Escape returns focus to it', async () => {
      const { el } = await livePanel();
      el.style.width = '300px';
      await until(el, () => !!trigger(el));
      expect(el.getBoundingClientRect().height).to.be.at.most(64);
      trigger(el)!.focus();
      await sendKeys({ press: 'Enter' });
      await until(el, () => !!sheet(el)?.open);
      expect(sheet(el)!.matches(':modal')).to.equal(true);
      expect(sheet(el)!.querySelector('[part~="grid"]')).to.exist;
      for (let i = 0; i < 30; i++) {
        await sendKeys({ press: 'Tab' });
        expect(sheet(el)!.contains(deepActive(el)), `Tab ${i + 1} stays in the sheet`).to.equal(true);
      }
      await sendKeys({ press: 'Escape' });
      await until(el, () => !sheet(el)?.open);
      expect(deepActive(el) === trigger(el)).to.equal(true);
    });

    it('pages the gift grid, eight to a page, with page dots', async () => {
      const { el } = await livePanel(many);
      const pages = root(el).querySelectorAll('[part~="grid"] .page');
      expect(pages).to.have.length(2);
      expect(pages[0]!.querySelectorAll('[part~="gift"]')).to.have.length(8);
      expect(root(el).querySelectorAll('.dots > *')).to.have.length(2);
      giftInput(el, 'Gift 7').focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      expect(giftInput(el, 'Gift 8').checked).to.equal(true);
      await until(
        el,
        () => root(el).querySelector('.dots [data-current]') === root(el).querySelectorAll('.dots > *')[1],
      );
    });

    it('says the custom quantity limit in words, tied to the field', async () => {
      const { el } = await livePanel();
      await pick(el, 'Rose');
      const custom = root(el).querySelector<HTMLInputElement>('[part~="custom-quantity"]')!;
      const hint = () =>
        root(el).getElementById(custom.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
      expect(hint()).to.include('1 to 9,999');
      for (const value of ['0', '99999']) {
        custom.value = value;
        custom.dispatchEvent(new Event('input'));
        await el.updateComplete;
        expect(custom.getAttribute('aria-invalid')).to.equal('true');
        expect(hint()).to.include('Choose a quantity from 1 to 9,999');
      }
    });

    it('counts the combo on the button as the feed does', async () => {
      const memory = testRoom([giftsFeature({})]);
      memory.ops('gift.catalog', { catalog: testCatalog });
      const room = createRoom({ room: memory.room, transport: memory.transport() });
      const wrap = await fixture<HTMLElement>(
        html`<div><onair-gift-feed .room=${room}></onair-gift-feed><onair-gift-panel .room=${room} sender-name="Ann"></onair-gift-panel></div>`,
      );
      const el = wrap.querySelector('onair-gift-panel') as OnairGiftPanel;
      const feed = wrap.querySelector('onair-gift-feed')!;
      await until(el, () => !!giftInput(el, 'Heart'));
      await pick(el, 'Heart');
      for (let i = 1; i <= 6; i++) {
        const sent = oneEvent(el, 'onair-gift-sent');
        sendButton(el).click();
        await sent;
        await until(el, () => sendButton(el).getAttribute('aria-disabled') === 'false');
      }
      const counter = () => feed.shadowRoot!.querySelector('[part~="counter"]')?.textContent ?? '';
      await until(el, () => counter().includes('×6'));
      expect(sendButton(el).textContent).to.include('×6');
      expect(sendButton(el).textContent).to.not.include('×7');
    });

    it('draws the combo countdown as a ring around the combo button', async () => {
      const { el } = await livePanel();
      await pick(el, 'Rose');
      sendButton(el).click();
      await oneEvent(el, 'onair-gift-sent');
      await until(el, () => sendButton(el).hasAttribute('data-combo'));
      const ring = sendButton(el).querySelector('svg [part~="combo-timer"]');
      expect(ring?.tagName.toLowerCase()).to.equal('circle');
    });

    for (const theme of ['light', 'dark'] as const)
      it(`a disabled Send keeps 4.5:1 (${theme})`, async () => {
        const { el } = await livePanel(testCatalog, { theme });
        expect(sendButton(el).disabled).to.equal(true);
        expect(getComputedStyle(sendButton(el)).opacity).to.equal('1');
        expect(textContrast(sendButton(el))).to.be.at.least(4.5);
      });
  });

  describe('bad config', () => {
    const cases: [string, unknown, string][] = [
      ['no categories', { categories: [] }, 'categories'],
      [
        'zero price',
        { categories: [{ id: 'a', name: 'A', gifts: [{ id: 'x', name: 'X', price: 0, icon: 'rose' }] }] },
        'categories[0].gifts[0].price',
      ],
      [
        'script icon',
        {
          categories: [
            { id: 'a', name: 'A', gifts: [{ id: 'x', name: 'X', price: 1, icon: 'javascript:alert(1)' }] },
          ],
        },
        'categories[0].gifts[0].icon',
      ],
      [
        'blind box without odds',
        {
          categories: [
            { id: 'a', name: 'A', gifts: [{ id: 'x', name: 'X', price: 1, icon: 'gift', tag: 'blind-box' }] },
          ],
        },
        'categories[0].gifts[0].odds',
      ],
      ['unknown field', { ...testCatalog, colour: 'red' }, 'colour'],
      ['not an object', 'gifts', ''],
    ];
    for (const [name, config, path] of cases)
      it(`names the field: ${name}`, async () => {
        const errors: unknown[] = [];
        const onError = (event: ErrorEvent) => errors.push(event.error);
        window.addEventListener('error', onError);
        const el = document.createElement('onair-gift-panel');
        const reported = oneEvent(el, 'onair-error');
        el.config = config;
        document.body.append(el);
        const event = await reported;
        window.removeEventListener('error', onError);
        el.remove();
        expect(event.detail.code).to.equal('invalid_config');
        expect(event.detail.path).to.equal(path);
        expect(errors).to.deep.equal([]);
      });
  });

  it('leaves no subscriptions behind over 50 mount/unmount cycles', async () => {
    const memory = testRoom([giftsFeature()], { room: 'gift-leaks', flushMs: 100 });
    memory.ops('gift.catalog', { catalog: testCatalog });
    const room = createRoom({ room: memory.room, transport: memory.transport() });
    const channel = room.channel!;
    const listeners = () =>
      [channel.$state, channel.$viewer, channel.$status].map((s) => (s as unknown as { lc: number }).lc);
    const before = listeners();
    for (let i = 0; i < 50; i++) {
      const el = document.createElement('onair-gift-panel');
      el.room = room;
      document.body.append(el);
      await el.updateComplete;
      el.remove();
    }
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(listeners()).to.deep.equal(before);
  });
});
