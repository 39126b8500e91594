import { createChannel, createMemoryRoom } from '@onair/core/channel.js';
import { describe, expect, it } from 'vitest';
import { attributedHref } from './attribution.js';
import { serveProducts } from './memory.js';
import { validateProduct, validateShelfConfig } from './validate.js';

const product = { id: 'p1', title: 'Lipstick', price: { amount: 12900, currency: 'CNY' }, stock: 2 };

describe('commerce rules (memory room)', () => {
  it('pins up to 3, refuses a 4th or replaces the oldest, and keeps a window when re-pinned', () => {
    let t = 1000;
    const room = createMemoryRoom({ room: 'r' });
    const products = serveProducts(room, {
      products: [1, 2, 3, 4].map((n) => ({ ...product, id: `p${n}` })),
      now: () => (t += 10),
    });
    for (const n of [1, 2, 3]) expect(products.pin(`p${n}`).ok).toBe(true);
    const refused = products.pin('p4');
    expect(refused).toMatchObject({ ok: false, status: 409, error: { code: 'too_many_pins' } });
    const since2 = products.pins().since.p2;
    expect(products.pin('p2').ok).toBe(true);
    expect(products.pins().since.p2).toBe(since2);
    expect(products.pin('p4', { replaceOldest: true }).ok).toBe(true);
    expect(products.pins().productIds).toEqual(['p2', 'p3', 'p4']);
    expect(room.state().pins?.current).toEqual(products.pins());
  });

  it('stock never goes below 0 and a product at 0 is sold out; deleting unpins', async () => {
    const room = createMemoryRoom({ room: 'r' });
    const products = serveProducts(room, { products: [product], pinned: ['p1'] });
    const sold = products.stock('p1', -5);
    expect(sold).toMatchObject({ ok: true, value: { stock: 0, oversold: 3 } });
    expect(products.remove('p1').ok).toBe(true);
    expect(products.pins().productIds).toEqual([]);
    const viewer = createChannel({ room: 'r', transport: room.transport(), schedule: (f) => f() });
    viewer.connect();
    await new Promise((r) => setTimeout(r, 10));
    expect(viewer.$state.get().products ?? {}).toEqual({});
    expect(viewer.$state.get().pins?.current).toEqual({ productIds: [], since: {} });
    viewer.close();
  });

  it('validates products and shelves, naming the field', () => {
    const bad = (input: unknown) => {
      const result = validateProduct(input);
      return result.ok ? null : result.issues[0]?.path;
    };
    expect(bad({ ...product, image: 'javascript:alert(1)' })).toBe('image');
    expect(bad({ ...product, price: { amount: -1, currency: 'CNY' } })).toBe('price.amount');
    expect(bad({ ...product, originalPrice: { amount: 1, currency: 'CNY' } })).toBe('originalPrice.amount');
    expect(
      bad({
        ...product,
        variants: [
          { id: 'a', label: 'A' },
          { id: 'a', label: 'B' },
        ],
      }),
    ).toBe('variants[1].id');
    expect(bad(product)).toBeNull();
    const shelf = validateShelfConfig({ products: [product, product], pinned: ['nope'] });
    expect(shelf.ok ? [] : shelf.issues.map((i) => i.path)).toEqual(['products[1].id', 'pinned[0]']);
  });

  it('appends attribution only to http(s) links', () => {
    const href = attributedHref('https://shop.example.com/p?id=1', {
      room: 'r1',
      product: 'p1',
      campaign: 'c',
    });
    expect(href).toBe(
      'https://shop.example.com/p?id=1&utm_source=onair&utm_medium=live&utm_campaign=c&onair_room=r1&onair_product=p1',
    );
    expect(attributedHref('javascript:alert(1)', { room: 'r1', product: 'p1' })).toBeNull();
    expect(attributedHref('/relative', { room: 'r1', product: 'p1' })).toBeNull();
    expect(attributedHref(null, { room: 'r1', product: 'p1' })).toBeNull();
  });
});
