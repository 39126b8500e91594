import { createRoom, type RoomContext } from '@onair/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
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
const status = (el: OnairProductShelf) =>
  el.shadowRoot!.querySelector('[part~="status"]')?.textContent?.trim() ?? '';
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
    // Focus moves into the sheet, not onto the search field (a phone would pop its keyboard up).
    const active = el.shadowRoot!.activeElement;
    expect(!!active?.closest('dialog[open]')).to.equal(true);
    expect(active?.getAttribute('part')).to.not.equal('search');
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
    await until(el, () => status(el) === 'In your bag');
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

  it('says a room or config is needed, naming the shelf in both languages', async () => {
    for (const [lang, words] of [
      ['en', 'place the shelf inside <onair-room>'],
      ['zh-CN', '将货架放在 <onair-room> 中'],
    ] as const) {
      const el = await fixture<OnairProductShelf>(
        html`<onair-product-shelf lang=${lang}></onair-product-shelf>`,
      );
      await until(el, () => el.shadowRoot!.textContent!.includes(words));
      el.remove();
    }
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

  describe('bag as a bottom sheet (issue 13)', () => {
    const sheet = (el: OnairProductShelf) =>
      el.shadowRoot!.querySelector<HTMLDialogElement>('dialog[part~="sheet"]')!;
    const deepActive = (el: OnairProductShelf) => el.shadowRoot!.activeElement as HTMLElement | null;

    it('shows a focus ring on the bag button', async () => {
      const { el } = await liveShelf(3);
      const before = document.createElement('button');
      before.textContent = 'before';
      el.before(before);
      before.focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActive(el) === toggle(el)).to.equal(true);
      const style = getComputedStyle(toggle(el));
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
      before.remove();
    });

    it('opens as a modal sheet with a drag handle; Tab stays inside; Escape closes it', async () => {
      const { el } = await liveShelf(8);
      toggle(el).focus();
      await sendKeys({ press: 'Enter' });
      await until(el, () => rows(el).length > 0);
      expect(sheet(el).matches(':modal')).to.equal(true);
      expect(sheet(el).querySelector('.sheet-handle')).to.exist;
      for (let i = 0; i < 40; i++) {
        await sendKeys({ press: 'Tab' });
        expect(sheet(el).contains(deepActive(el)), `Tab ${i + 1} stays in the sheet`).to.equal(true);
      }
      await sendKeys({ press: 'Escape' });
      await until(el, () => !el.open);
      expect(deepActive(el) === toggle(el)).to.equal(true);
    });

    it('closes on a swipe down on its head', async () => {
      const { el } = await liveShelf(8);
      await openShelf(el);
      const head = sheet(el).querySelector<HTMLElement>('.sheet-head')!;
      const box = head.getBoundingClientRect();
      const at = (y: number) => ({
        pointerId: 7,
        clientX: box.left + 20,
        clientY: y,
        bubbles: true,
        button: 0,
      });
      head.dispatchEvent(new PointerEvent('pointerdown', at(box.top + 10)));
      head.dispatchEvent(new PointerEvent('pointermove', at(box.top + 60)));
      head.dispatchEvent(new PointerEvent('pointerup', at(box.top + 130)));
      await until(el, () => !el.open);
      expect(sheet(el).open).to.equal(false);
    });

    it('closes on a press on the scrim', async () => {
      const { el } = await liveShelf(8);
      await openShelf(el);
      await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
      // Above the sheet is the scrim (a press there lands on the dialog itself, not its content).
      const top = sheet(el).getBoundingClientRect().top;
      await sendMouse({ type: 'click', position: [10, Math.max(1, Math.floor(top / 2))] });
      await until(el, () => !el.open);
      expect(sheet(el).open).to.equal(false);
    });

    it('keeps focus after Add to cart, so Escape still closes the bag', async () => {
      const { el } = await liveShelf(5);
      el.addEventListener('onair-add-to-cart', (event) =>
        event.detail.respondWith(new Promise((r) => setTimeout(() => r({ ok: true }), 60))),
      );
      await openShelf(el);
      rows(el)[0]!.querySelector<HTMLButtonElement>('[part~="add-to-cart"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await until(el, () => status(el) === 'Added to cart');
      expect(!!deepActive(el)).to.equal(true);
      await sendKeys({ press: 'Escape' });
      await until(el, () => !el.open);
      expect(deepActive(el) === toggle(el)).to.equal(true);
    });

    it('clears "Added to cart" by itself, and the rows do not move', async () => {
      const { el } = await liveShelf(5);
      el.addEventListener('onair-add-to-cart', (event) => event.detail.respondWith({ ok: true }));
      await openShelf(el);
      await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
      const top = () => rows(el)[1]!.getBoundingClientRect().top;
      const before = top();
      rows(el)[0]!.querySelector<HTMLButtonElement>('[part~="add-to-cart"]')!.click();
      await until(el, () => status(el) === 'Added to cart');
      expect(top()).to.equal(before);
      await until(el, () => status(el) === '', 5000);
    });

    it('opens a product’s details in the sheet when its row is tapped, and goes back', async () => {
      const { el, events } = await liveShelf(5);
      await openShelf(el);
      rows(el)[2]!.querySelector<HTMLElement>('.title')!.click();
      await until(el, () => !!sheet(el).querySelector('.details'));
      const details = sheet(el).querySelector('.details')!;
      expect(sheet(el).textContent).to.include('Lipstick shade 2');
      expect(details.querySelector('[part~="add-to-cart"]')).to.exist;
      expect(details.querySelector('[part~="buy-now"]')).to.exist;
      expect(events.some((e) => e.type === 'product.detail_open' && e.props.product === 'p2')).to.equal(true);
      expect(deepActive(el)?.textContent).to.include('All products');
      sheet(el).querySelector<HTMLButtonElement>('.back')!.click();
      await until(el, () => !!deepActive(el)?.closest('[part~="row"]'));
      expect(deepActive(el)!.closest('[part~="row"]')!.getAttribute('data-product')).to.equal('p2');
    });

    it('shows sold counts and promotions of products that have them', async () => {
      const { memory, patch } = productRoom(many(3));
      patch('p1', { sold: 25000, promotion: '满199减20' });
      const room = createRoom({ room: memory.room, transport: memory.transport() });
      const el = await fixture<OnairProductShelf>(
        html`<onair-product-shelf lang="zh-CN" .room=${room}></onair-product-shelf>`,
      );
      await until(el, () => badge(el) === '3');
      await openShelf(el);
      const row = rows(el).find((r) => r.dataset.product === 'p1')!;
      expect(row.textContent).to.include('已售 2.5万');
      expect(row.textContent).to.include('满199减20');
    });
  });

  it('windowing math', () => {
    expect(visibleRows(0, 400, 84, 500)).to.deep.equal({ start: 0, end: 10 });
    expect(visibleRows(84 * 100, 400, 84, 500)).to.deep.equal({ start: 96, end: 110 });
    expect(visibleRows(84 * 499, 400, 84, 500).end).to.equal(500);
    expect(visibleRows(0, 400, 84, 0)).to.deep.equal({ start: 0, end: 0 });
  });
});
