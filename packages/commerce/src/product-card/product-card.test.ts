import { createRoom, type RoomContext } from '@onair/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../onair-product-card.js';
import '@onair/core/onair-room.js';
import { parseColor, textContrast } from '../../../../test/support/contrast.js';
import { productRoom } from '../../../../test/support/product-room.js';
import { until } from '../../../../test/support/until.js';
import type { ProductInput } from '../model/schema.js';
import type { OnairProductCard } from './product-card.js';

const lipstick: ProductInput = {
  id: 'lip-1',
  title: 'Velvet lipstick #520',
  image: 'https://images.example.com/lipstick.jpg',
  tags: ['Long-lasting', 'Matte'],
  description: 'A soft matte finish that lasts all day.',
  price: { amount: 12900, currency: 'CNY' },
  originalPrice: { amount: 19900, currency: 'CNY' },
  stock: 5,
  href: 'https://shop.example.com/p/lip-1?ref=live',
  variants: [
    { id: 'red', label: 'Red' },
    { id: 'nude', label: 'Nude' },
  ],
};
const serum: ProductInput = { id: 'serum', title: 'Night serum', price: { amount: 25900, currency: 'CNY' } };

type Tracked = { type: string; props: Record<string, unknown> };

/** An in-page room with products and a tracker; `attrs` go on the card. */
async function liveCard(
  template: (room: RoomContext) => ReturnType<typeof html>,
  options: { pinned?: string[]; theme?: 'light' | 'dark' } = {},
) {
  const products = productRoom([lipstick, serum], options.pinned ?? []);
  const { memory } = products;
  const events: Tracked[] = [];
  const tracker = {
    track: (type: string, props: Record<string, unknown> = {}) => events.push({ type, props }),
  };
  const room: RoomContext = {
    ...createRoom({
      room: memory.room,
      transport: memory.transport(),
      ...(options.theme ? { theme: options.theme } : {}),
    }),
    telemetry: tracker,
  };
  const el = await fixture<OnairProductCard>(template(room));
  await until(el, () => !!el.shadowRoot?.querySelector('[part~="base"]') && !text(el).includes('Loading'));
  return { el, memory, products, events, room };
}

/** Lets entry animations finish, so axe measures the colors a viewer sees. */
async function settled(el: OnairProductCard): Promise<OnairProductCard> {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
  return el;
}

const part = <T extends Element = HTMLElement>(el: OnairProductCard, name: string) =>
  el.shadowRoot!.querySelector<T & HTMLElement>(`[part~="${name}"]`);
const text = (el: OnairProductCard) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('<onair-product-card>', () => {
  describe('accessibility (axe)', () => {
    for (const theme of ['light', 'dark'] as const)
      it(`passes axe: room product, ${theme}`, async () => {
        const { el } = await liveCard(
          (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
          { theme },
        );
        await expect(await settled(el)).to.be.accessible();
      });

    it('passes axe: pinned, zh-CN, link mode', async () => {
      const { el } = await liveCard(
        (room) => html`<onair-product-card lang="zh-CN" pinned link .room=${room}></onair-product-card>`,
        { pinned: ['lip-1'] },
      );
      expect(text(el)).to.include('讲解中');
      expect(text(el)).to.include('6.5折');
      await expect(await settled(el)).to.be.accessible();
    });

    it('passes axe: sold out, and with the details popover open', async () => {
      const { el, products } = await liveCard(
        (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
      );
      part(el, 'details-button')!.click();
      await until(el, () => !!part(el, 'popover'));
      await expect(await settled(el)).to.be.accessible();
      products.patch('lip-1', { soldOut: true });
      await until(el, () => !!part(el, 'sold-out'));
      await expect(await settled(el)).to.be.accessible();
    });

    it('passes axe with an invalid config', async () => {
      const el = await fixture<OnairProductCard>(
        html`<onair-product-card .config=${{ ...lipstick, image: 'javascript:alert(1)' }}></onair-product-card>`,
      );
      await until(el, () => !!el.shadowRoot!.querySelector('[role="alert"]'));
      await expect(await settled(el)).to.be.accessible();
    });
  });

  it('shows price, original price, discount, tags and low stock; stock decrements show live', async () => {
    const { el, products } = await liveCard(
      (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
    );
    expect(part(el, 'price')!.textContent).to.include('129.00');
    expect(part(el, 'original-price')!.textContent).to.include('199.00');
    expect(part(el, 'discount')!.textContent).to.equal('−35%');
    expect(text(el)).to.include('Long-lasting');
    expect(part(el, 'stock')!.textContent).to.include('Only 5 left');
    products.stock('lip-1', -2);
    await until(el, () => part(el, 'stock')?.textContent?.includes('Only 3 left') ?? false);
    products.stock('lip-1', -3);
    await until(el, () => !!part(el, 'sold-out'));
    expect(part<HTMLButtonElement>(el, 'add-to-cart')!.disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.include('sold out');
  });

  it('follows the pin live and keeps its box when unpinned', async () => {
    const { el, products } = await liveCard(
      (room) => html`<onair-product-card pinned .room=${room}></onair-product-card>`,
    );
    expect(part(el, 'base')!.hasAttribute('data-empty')).to.equal(true);
    products.pin('serum');
    await until(el, () => text(el).includes('Night serum'));
    expect(part(el, 'badge')!.textContent).to.equal('Now explaining');
    const height = part(el, 'base')!.getBoundingClientRect().height;
    products.unpin('serum');
    await until(el, () => part(el, 'base')!.hasAttribute('data-empty'));
    expect(part(el, 'base')!.getBoundingClientRect().height).to.be.at.least(height - 1);
    products.pin('lip-1');
    await until(el, () => text(el).includes('Velvet lipstick'));
  });

  it('add to cart: the host answers through respondWith and the card shows it', async () => {
    const { el, events } = await liveCard(
      (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
    );
    let resolve!: (answer: { ok: true }) => void;
    el.addEventListener('onair-add-to-cart', (event) => {
      expect(event.cancelable).to.equal(true);
      expect(event.detail).to.include({
        productId: 'lip-1',
        variant: 'red',
        quantity: 1,
        source: 'card',
        pinned: false,
      });
      event.detail.respondWith(new Promise((r) => (resolve = r)));
    });
    part(el, 'add-to-cart')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => part(el, 'add-to-cart')!.textContent!.includes('Adding'));
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    resolve({ ok: true });
    await until(el, () => part(el, 'status')!.textContent === 'Added to cart');
    expect(events.map((e) => e.type)).to.include.members(['product.click', 'product.add_to_cart']);
    expect(events.find((e) => e.type === 'product.add_to_cart')!.props).to.include({
      product: 'lip-1',
      quantity: 1,
      price: 12900,
      currency: 'CNY',
    });
  });

  it('a failed answer shows the host message and fires onair-error', async () => {
    const { el, events } = await liveCard(
      (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
    );
    el.addEventListener('onair-buy-now', (event) =>
      event.detail.respondWith({ ok: false, message: 'Out of stock in your region' }),
    );
    const failed = oneEvent(el, 'onair-error');
    part(el, 'buy-now')!.click();
    expect((await failed).detail).to.include({ code: 'cart_failed' });
    await until(el, () => !!el.shadowRoot!.querySelector('[role="alert"]'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include(
      'Out of stock in your region',
    );
    expect(events.some((e) => e.type === 'product.buy_now')).to.equal(false);
    expect(events.some((e) => e.type === 'product.cart_failed')).to.equal(true);
  });

  it('a canceled intent does nothing more; an unanswered one without a link says shopping is unavailable', async () => {
    const { el } = await liveCard(
      (room) => html`<onair-product-card product="serum" .room=${room}></onair-product-card>`,
    );
    el.addEventListener('onair-add-to-cart', (event) => event.preventDefault(), { once: true });
    part(el, 'add-to-cart')!.click();
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    part(el, 'add-to-cart')!.click();
    await until(el, () => !!el.shadowRoot!.querySelector('[role="alert"]'));
    expect(text(el)).to.include('Shopping is not available');
  });

  it('link mode appends attribution to an http(s) product link', async () => {
    const { el } = await liveCard(
      (room) =>
        html`<onair-product-card product="lip-1" link campaign="spring" .room=${room}></onair-product-card>`,
    );
    const url = new URL(part<HTMLAnchorElement>(el, 'buy-now')!.href);
    expect(url.origin + url.pathname).to.equal('https://shop.example.com/p/lip-1');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      ref: 'live',
      utm_source: 'onair',
      utm_medium: 'live',
      utm_campaign: 'spring',
      onair_room: el.room!.room,
      onair_product: 'lip-1',
    });
    let clicked: unknown = null;
    el.addEventListener('onair-product-click', (event) => {
      clicked = event.detail;
      event.preventDefault(); // keeps the test page where it is
    });
    part(el, 'buy-now')!.click();
    expect(clicked).to.include({ productId: 'lip-1', source: 'card', href: url.href });
  });

  describe('details popover', () => {
    it('moves focus in, closes on Escape and returns focus to the trigger', async () => {
      const { el, events } = await liveCard(
        (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
      );
      const trigger = part(el, 'details-button')!;
      trigger.focus();
      await sendKeys({ press: 'Enter' });
      await until(el, () => !!part(el, 'popover'));
      const popover = part(el, 'popover')!;
      expect(popover.getAttribute('role')).to.equal('dialog');
      expect(popover.getAttribute('aria-labelledby')).to.equal('popover-title');
      expect(el.shadowRoot!.activeElement).to.equal(popover);
      expect(trigger.getAttribute('aria-expanded')).to.equal('true');
      expect(events.some((e) => e.type === 'product.detail_open')).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(part(el, 'popover')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'details-button'));
    });

    it('stays on screen in a 400 px viewport', async () => {
      await setViewport({ width: 400, height: 640 });
      try {
        const { el } = await liveCard(
          (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
        );
        part(el, 'details-button')!.click();
        await until(el, () => !!part(el, 'popover')?.style.left);
        await new Promise((r) => requestAnimationFrame(r));
        const box = part(el, 'popover')!.getBoundingClientRect();
        expect(box.left).to.be.at.least(0);
        expect(box.right).to.be.at.most(400);
        expect(box.top).to.be.at.least(0);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  });

  describe('phone-first look (issue 13)', () => {
    /** A card in a box of `width` px (the space a page gives it), in a viewport of `viewport` px. */
    async function sized(width: number, viewport = 800, options: { theme?: 'light' | 'dark' } = {}) {
      await setViewport({ width: viewport, height: 700 });
      return liveCard(
        (room) =>
          html`<onair-product-card style="inline-size:${width}px" product="lip-1" .room=${room}></onair-product-card>`,
        options,
      );
    }
    afterEach(() => setViewport({ width: 800, height: 600 }));
    /** The text of `el` sits on one line (visually hidden 1 px helpers aside). */
    const oneLine = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const rects = [...range.getClientRects()].filter((r) => r.width > 2 && r.height > 2);
      return new Set(rects.map((r) => Math.round(r.bottom))).size === 1;
    };

    for (const theme of ['light', 'dark'] as const)
      it(`the details popover is opaque, themed and readable (${theme})`, async () => {
        const { el } = await sized(480, 1000, { theme });
        part(el, 'details-button')!.click();
        await until(el, () => !!part(el, 'popover')?.style.left);
        await settled(el);
        const popover = part(el, 'popover')!;
        const background = parseColor(getComputedStyle(popover).backgroundColor);
        expect(background[3]).to.equal(1);
        expect(textContrast(popover.querySelector('.description')!)).to.be.at.least(4.5);
        const add = popover.querySelector<HTMLElement>('[part~="add-to-cart"]')!;
        expect(getComputedStyle(add).borderStyle).to.equal('solid');
        expect(textContrast(add)).to.be.at.least(4.5);
        // It does not sit on the card it came from.
        const card = el.shadowRoot!.querySelector('.card')!.getBoundingClientRect();
        const box = popover.getBoundingClientRect();
        expect(box.bottom <= card.top + 1 || box.top >= card.bottom - 1).to.equal(true);
      });

    it('closes the popover when focus tabs out of it', async () => {
      const { el } = await sized(480, 1000);
      const after = document.createElement('button');
      after.textContent = 'after';
      el.after(after);
      part(el, 'details-button')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(el, () => !!part(el, 'popover'));
      const focusables = part(el, 'popover')!.querySelectorAll('button, select, input');
      (focusables[focusables.length - 1] as HTMLElement).focus();
      await sendKeys({ press: 'Tab' });
      await until(el, () => !part(el, 'popover'));
      expect(document.activeElement === after).to.equal(true);
      after.remove();
    });

    for (const width of [288, 343])
      it(`is a compact overlay card in ${width} px: one action, details in a bottom sheet`, async () => {
        const { el } = await sized(width, width + 32);
        const box = el.getBoundingClientRect();
        expect(box.height).to.be.at.most(120);
        const visible = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="actions"] > *')].filter(
          (b) => b.getClientRects().length > 0,
        );
        expect(visible.map((b) => b.getAttribute('part'))).to.deep.equal(['buy-now']);
        expect(oneLine(part(el, 'price')!)).to.equal(true);
        part(el, 'title')!.click();
        await until(el, () => !!el.shadowRoot!.querySelector('dialog[open]'));
        await settled(el);
        const sheet = el.shadowRoot!.querySelector('dialog[open]')!;
        expect(sheet.matches(':modal')).to.equal(true);
        const rect = sheet.getBoundingClientRect();
        expect(rect.top).to.be.at.least(0);
        expect(rect.bottom).to.be.at.most(innerHeight + 1);
        expect(rect.left).to.be.at.least(0);
        expect(rect.right).to.be.at.most(innerWidth + 1);
        expect(parseColor(getComputedStyle(sheet).backgroundColor)[3]).to.equal(1);
        expect(sheet.textContent).to.include('A soft matte finish');
        await sendKeys({ press: 'Escape' });
        await until(el, () => !el.shadowRoot!.querySelector('dialog[open]'));
        expect(el.shadowRoot!.activeElement === part(el, 'title')).to.equal(true);
      });

    it('never breaks a price or a button label across lines', async () => {
      const { el, products } = await sized(320, 360);
      products.patch('lip-1', {
        price: { amount: 123456789, currency: 'CNY' },
        originalPrice: { amount: 223456789, currency: 'CNY' },
      });
      await until(el, () => part(el, 'price')!.textContent!.includes('1,234,567.89'));
      expect(oneLine(part(el, 'price')!)).to.equal(true);
      const { el: wide, products: wideProducts } = await sized(380, 420);
      wideProducts.patch('lip-1', {
        price: { amount: 123456789, currency: 'CNY' },
        originalPrice: { amount: 223456789, currency: 'CNY' },
      });
      await until(wide, () => part(wide, 'original-price')!.textContent!.includes('2,234,567.89'));
      expect(oneLine(part(wide, 'price')!)).to.equal(true);
      expect(oneLine(part(wide, 'original-price')!)).to.equal(true);
      for (const button of wide.shadowRoot!.querySelectorAll('[part~="actions"] > *'))
        if (button.getClientRects().length) expect(oneLine(button), button.textContent!).to.equal(true);
    });

    it('clears "Added to cart" by itself without moving the card', async () => {
      const { el } = await sized(480, 1000);
      el.addEventListener('onair-add-to-cart', (event) => event.detail.respondWith({ ok: true }));
      const before = el.getBoundingClientRect().height;
      part(el, 'add-to-cart')!.click();
      await until(el, () => part(el, 'status')!.textContent === 'Added to cart');
      expect(el.getBoundingClientRect().height).to.equal(before);
      await until(el, () => part(el, 'status')!.textContent === '', 5000);
      expect(el.getBoundingClientRect().height).to.equal(before);
    });

    it('keeps focus on the card after add to cart answers', async () => {
      const { el } = await sized(480, 1000);
      el.addEventListener('onair-add-to-cart', (event) =>
        event.detail.respondWith(new Promise((r) => setTimeout(() => r({ ok: true }), 50))),
      );
      part(el, 'add-to-cart')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(el, () => part(el, 'status')!.textContent === 'Added to cart');
      expect(!!el.shadowRoot!.activeElement).to.equal(true);
    });

    it('shows sold-out buttons at 4.5:1, marked by more than opacity', async () => {
      const { el, products } = await sized(420, 1000, { theme: 'dark' });
      products.patch('lip-1', { soldOut: true });
      await until(el, () => !!part(el, 'sold-out'));
      await settled(el);
      const buy = part(el, 'buy-now')!;
      expect(getComputedStyle(buy).opacity).to.equal('1');
      expect(getComputedStyle(buy).borderStyle).to.equal('dashed');
      expect(textContrast(buy)).to.be.at.least(4.5);
    });

    it('explains the quantity limit in words', async () => {
      const { el } = await sized(480, 1000);
      part(el, 'details-button')!.click();
      await until(el, () => !!part(el, 'popover'));
      const input = part(el, 'popover')!.querySelector<HTMLInputElement>('input[type="number"]')!;
      const hint = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby') ?? '');
      expect(hint?.textContent).to.include('1 to 5');
    });

    it('shows a sold count and a promotion when the product has them', async () => {
      const { el, products } = await sized(320, 360);
      products.patch('lip-1', { sold: 12345, promotion: 'Save ¥20 over ¥199' });
      await until(el, () => text(el).includes('12K sold'));
      expect(text(el)).to.include('Save ¥20 over ¥199');
    });

    it('shows its promotion attribute instead of the product’s (an experiment’s variation)', async () => {
      const { el, products } = await sized(320, 360);
      products.patch('lip-1', { promotion: 'Save ¥20 over ¥199' });
      el.setAttribute('promotion', '限时直降 20 元');
      await until(el, () => text(el).includes('限时直降 20 元'));
      expect(text(el)).not.to.include('Save ¥20 over ¥199');
      el.removeAttribute('promotion');
      await until(el, () => text(el).includes('Save ¥20 over ¥199'));
    });
  });

  describe('bad config', () => {
    const cases: [string, unknown, string][] = [
      ['javascript: image', { ...lipstick, image: 'javascript:alert(1)' }, 'image'],
      ['javascript: href', { ...lipstick, href: 'javascript:alert(1)' }, 'href'],
      ['negative price', { ...lipstick, price: { amount: -100, currency: 'CNY' } }, 'price.amount'],
      ['fractional price', { ...lipstick, price: { amount: 12.5, currency: 'CNY' } }, 'price.amount'],
      ['bad currency', { ...lipstick, price: { amount: 100, currency: '¥' } }, 'price.currency'],
      [
        'original below price',
        { ...lipstick, originalPrice: { amount: 100, currency: 'CNY' } },
        'originalPrice.amount',
      ],
      ['missing title', { id: 'x', price: { amount: 1, currency: 'CNY' } }, 'title'],
      ['unknown field', { ...lipstick, colour: 'red' }, 'colour'],
    ];
    for (const [name, config, path] of cases)
      it(`names the field: ${name}`, async () => {
        const errors: unknown[] = [];
        const onError = (event: ErrorEvent) => errors.push(event.error);
        window.addEventListener('error', onError);
        const el = document.createElement('onair-product-card');
        const reported = oneEvent(el, 'onair-error');
        el.config = config;
        document.body.append(el);
        const event = await reported;
        window.removeEventListener('error', onError);
        el.remove();
        expect(event.detail.code).to.equal('invalid_config');
        expect(event.detail.path).to.equal(path);
        expect(event.detail.message.startsWith(`${path}: `)).to.equal(true);
        expect(errors).to.deep.equal([]);
      });

    it('says a room or config is needed', async () => {
      const el = await fixture<OnairProductCard>(html`<onair-product-card product="x"></onair-product-card>`);
      expect(text(el)).to.include('<onair-room>');
    });
  });

  it('a static config renders without a room', async () => {
    const el = await fixture<OnairProductCard>(
      html`<onair-product-card .config=${serum}></onair-product-card>`,
    );
    await until(el, () => !!part(el, 'price'));
    expect(text(el)).to.include('Night serum');
  });

  it('emits nothing when code sets properties', async () => {
    const seen: string[] = [];
    const types = ['onair-product-click', 'onair-add-to-cart', 'onair-buy-now', 'onair-error'];
    const record = (event: Event) => seen.push(event.type);
    for (const type of types) document.addEventListener(type, record);
    const { el } = await liveCard(
      (room) => html`<onair-product-card product="lip-1" .room=${room}></onair-product-card>`,
    );
    el.theme = 'dark';
    el.productId = 'serum';
    el.link = true;
    el.pinned = true;
    el.index = 2;
    await el.updateComplete;
    for (const type of types) document.removeEventListener(type, record);
    expect(seen).to.deep.equal([]);
  });

  it('reports product.impression once per presentation window, with pinned', async () => {
    const { el, events, products } = await liveCard(
      (room) => html`<onair-product-card pinned .room=${room}></onair-product-card>`,
      { pinned: ['lip-1'] },
    );
    await new Promise((r) => setTimeout(r, 1200));
    const impressions = () => events.filter((e) => e.type === 'product.impression');
    expect(impressions().length).to.equal(1);
    expect(impressions()[0]!.props).to.include({
      product: 'lip-1',
      pinned: true,
      position: 1,
      surface: 'card',
    });
    expect(impressions()[0]!.props.window).to.equal(products.pins().since['lip-1']);
    await new Promise((r) => setTimeout(r, 300));
    expect(impressions().length).to.equal(1);
    // A new presentation window is a new impression.
    products.unpin('lip-1');
    await new Promise((r) => setTimeout(r, 20));
    products.pin('lip-1');
    await until(el, () => text(el).includes('Velvet'));
    await new Promise((r) => setTimeout(r, 1200));
    expect(impressions().length).to.equal(2);
  });

  it('leaves no subscriptions behind over 50 mount/unmount cycles', async () => {
    const { memory } = productRoom([lipstick], ['lip-1'], 'leaks');
    const room = createRoom({ room: memory.room, transport: memory.transport() });
    const channel = room.channel!;
    const listeners = () =>
      [channel.$state, channel.$viewer, channel.$status].map((s) => (s as unknown as { lc: number }).lc);
    const before = listeners();
    for (let i = 0; i < 50; i++) {
      const el = document.createElement('onair-product-card');
      el.pinned = i % 2 === 0;
      el.productId = 'lip-1';
      el.room = room;
      document.body.append(el);
      await el.updateComplete;
      el.remove();
    }
    await new Promise((r) => setTimeout(r, 2200));
    expect(listeners()).to.deep.equal(before);
  });
});
