import { createRoom, type RoomContext } from '@onair/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../onair-product-shelf.js';
import { productRoom } from '../../../../test/support/product-room.js';
import { until } from '../../../../test/support/until.js';
import type { ProductInput } from '../model/schema.js';
import type { OnairProductShelf } from './product-shelf.js';
import { visibleRows } from './windowing.js';

const many = (n: number): ProductInput[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    title: i % 2 ? `Silk scarf ${i}` : `Lipstick shade ${i}`,
    tags: i % 2 ? ['Silk'] : ['Matte'],
    price: { amount: 1000 + i, currency: 'CNY' },
    stock: 100,
  }));

async function liveShelf(count = 20, pinned: string[] = [], theme?: 'dark') {
  const products = productRoom(many(count), pinned);
  const { memory } = products;
  const events: { type: string; props: Record<string, unknown> }[] = [];
  const room: RoomContext = {
    ...createRoom({ room: memory.room, transport: memory.transport(), ...(theme ? { theme } : {}) }),
    telemetry: { track: (type: string, props: Record<string, unknown> = {}) => events.push({ type, props }) },
  };
  const el = await fixture<OnairProductShelf>(
    html`<onair-product-shelf .room=${room}></onair-product-shelf>`,
  );
  await until(el, () => badge(el) === String(count));
  return { el, products, events };
}

const badge = (el: OnairProductShelf) => el.shadowRoot!.querySelector('[part~="count"]')?.textContent ?? '';
const rows = (el: OnairProductShelf) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="row"]')];
const toggle = (el: OnairProductShelf) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toggle"]')!;

async function openShelf(el: OnairProductShelf) {
  toggle(el).click();
  await until(el, () => rows(el).length > 0);
}

describe('<onair-product-shelf>', () => {
  it('passes axe closed and open (light, dark, zh-CN)', async () => {
    const { el } = await liveShelf(12, ['p3']);
    await expect(el).to.be.accessible();
    await openShelf(el);
    await expect(el).to.be.accessible();
    const dark = await liveShelf(5, [], 'dark');
    dark.el.setAttribute('lang', 'zh-CN');
    await openShelf(dark.el);
    expect(dark.el.shadowRoot!.textContent).to.include('购物袋');
    await expect(dark.el).to.be.accessible();
  });

  it('opens from the button, focuses search, lists pinned first, closes on Escape with focus back', async () => {
    const { el } = await liveShelf(30, ['p7', 'p2']);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect(toggle(el).getAttribute('aria-label')).to.equal('Products, 30 items');
    toggle(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(el, () => rows(el).length > 0);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('search');
    expect(
      rows(el)
        .slice(0, 3)
        .map((r) => r.dataset.product),
    ).to.deep.equal(['p7', 'p2', 'p0']);
    expect(rows(el)[0]!.textContent).to.include('Now explaining');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(toggle(el));
  });

  it('renders only the visible rows of 500 products and scrolls through them', async () => {
    const { el } = await liveShelf(500);
    await openShelf(el);
    expect(rows(el).length).to.be.below(30);
    const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="list"]')!;
    list.scrollTop = list.scrollHeight;
    await until(el, () => rows(el).some((r) => r.dataset.product === 'p499'));
    expect(rows(el).length).to.be.below(30);
    expect(rows(el).at(-1)!.getAttribute('aria-posinset')).to.equal('500');
    expect(rows(el)[0]!.getAttribute('aria-setsize')).to.equal('500');
  });

  it('searches (debounced) by title and tags', async () => {
    const { el } = await liveShelf(40);
    await openShelf(el);
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('[part~="search"]')!;
    search.focus();
    await sendKeys({ type: 'silk' });
    await until(el, () => rows(el).every((r) => r.textContent!.includes('Silk scarf')));
    expect(el.shadowRoot!.querySelector('.count')!.textContent).to.include('20 products');
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await until(el, () => rows(el).length === 0);
    expect(el.shadowRoot!.textContent).to.include('No products match');
  });

  it('adds to cart from a row: the host answers, telemetry records click and add_to_cart', async () => {
    const { el, events } = await liveShelf(5, ['p1']);
    await openShelf(el);
    el.addEventListener('onair-add-to-cart', (event) =>
      event.detail.respondWith({ ok: true, message: 'In your bag' }),
    );
    const intent = oneEvent(el, 'onair-add-to-cart');
    rows(el)[0]!.querySelector<HTMLButtonElement>('[part~="add-to-cart"]')!.click();
    expect((await intent).detail).to.include({ productId: 'p1', pinned: true, source: 'shelf', quantity: 1 });
    await until(el, () => rows(el)[0]!.textContent!.includes('In your bag'));
    const added = events.find((e) => e.type === 'product.add_to_cart');
    expect(added?.props).to.include({ product: 'p1', pinned: true, position: 1 });
  });

  it('reports product.impression for visible rows only, once each', async () => {
    const { el, events } = await liveShelf(200, ['p5']);
    await openShelf(el);
    await new Promise((r) => setTimeout(r, 1300));
    const impressions = events.filter((e) => e.type === 'product.impression');
    const ids = impressions.map((e) => e.props.product);
    expect(ids).to.include('p5');
    expect(impressions.find((e) => e.props.product === 'p5')!.props).to.include({
      pinned: true,
      surface: 'shelf',
    });
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.length).to.be.below(12);
  });

  it('names the field of a bad static config', async () => {
    const el = document.createElement('onair-product-shelf');
    const reported = oneEvent(el, 'onair-error');
    el.config = { products: [{ id: 'a', title: 'A', price: { amount: -1, currency: 'CNY' } }] };
    document.body.append(el);
    const event = await reported;
    el.remove();
    expect(event.detail.path).to.equal('products[0].price.amount');
  });

  it('emits nothing when code sets properties', async () => {
    const seen: string[] = [];
    const record = (event: Event) => seen.push(event.type);
    for (const type of ['onair-product-click', 'onair-add-to-cart', 'onair-error'])
      document.addEventListener(type, record);
    const { el } = await liveShelf(3);
    el.open = true;
    el.link = true;
    await el.updateComplete;
    el.open = false;
    await el.updateComplete;
    for (const type of ['onair-product-click', 'onair-add-to-cart', 'onair-error'])
      document.removeEventListener(type, record);
    expect(seen).to.deep.equal([]);
  });

  it('windowing math', () => {
    expect(visibleRows(0, 400, 84, 500)).to.deep.equal({ start: 0, end: 10 });
    expect(visibleRows(84 * 100, 400, 84, 500)).to.deep.equal({ start: 96, end: 110 });
    expect(visibleRows(84 * 499, 400, 84, 500).end).to.equal(500);
    expect(visibleRows(0, 400, 84, 0)).to.deep.equal({ start: 0, end: 0 });
  });
});
