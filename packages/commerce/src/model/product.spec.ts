import { createLocalRoom } from '@onair/core/local-room.js';
import { describe, expect, it } from 'vitest';
import { attributedHref } from './attribution.js';
import { productsFeature } from './feature.js';
import { validateProduct, validateShelfConfig } from './validate.js';

const product = { id: 'p1', title: 'Lipstick', price: { amount: 12900, currency: 'CNY' }, stock: 2 };

describe('commerce rules (in-page room)', () => {
  const room = (now: () => number = Date.now) => {
    const local = createLocalRoom({
      features: [productsFeature],
      flushMs: 0,
      clock: { now, setTimer: () => ({ cancel() {} }) },
    });
    const put = (id: string) => local.command('product.put', { product: id, config: { ...product, id } });
    return { local, put };
  };

  it('pins up to 3, refuses a 4th or replaces the oldest, and keeps a window when re-pinned', () => {
    let t = 1000;
    const { local, put } = room(() => (t += 10));
    for (const n of [1, 2, 3, 4]) expect(put(`p${n}`).ok).toBe(true);
    const pins = () =>
      local.state()['pins']!['current'] as { productIds: string[]; since: Record<string, number> };
    for (const n of [1, 2, 3]) expect(local.command('product.pin', { product: `p${n}` }).ok).toBe(true);
    expect(local.command('product.pin', { product: 'p4' })).toMatchObject({
      ok: false,
      error: { code: 'too_many_pins' },
    });
    const since2 = pins().since['p2'];
    expect(local.command('product.pin', { product: 'p2' }).ok).toBe(true);
    expect(pins().since['p2']).toBe(since2);
    expect(local.command('product.pin', { product: 'p4', replaceOldest: true }).ok).toBe(true);
    expect(pins().productIds).toEqual(['p2', 'p3', 'p4']);
    const list = local.query('product.list', {});
    expect(
      list.ok &&
        (list.result['windows'] as { product: string; unpinnedAt: number | null }[]).map((w) => [
          w.product,
          w.unpinnedAt === null,
        ]),
    ).toEqual([
      ['p1', false],
      ['p2', true],
      ['p3', true],
      ['p4', true],
    ]);
  });

  it('stock never goes below 0 and a product at 0 is sold out; deleting unpins', () => {
    const { local, put } = room();
    put('p1');
    local.command('product.pin', { product: 'p1' });
    expect(local.command('product.stock', { product: 'p1', delta: -5 })).toMatchObject({
      ok: true,
      result: { product: { stock: 0, oversold: 3 } },
    });
    expect(local.command('product.delete', { product: 'p1' }).ok).toBe(true);
    const viewer = local.connect();
    expect(viewer.$state.get()['products']).toEqual({});
    expect(viewer.$state.get()['pins']?.['current']).toEqual({ productIds: [], since: {} });
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
