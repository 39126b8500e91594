// Products on both hosts: every ops command and query with its refusals, pins and presentation
// windows, the flash-sale timer and restarts.
import { describe, expect } from 'vitest';
import { type Host, T0 } from './hosts.js';
import { scenario } from './scenario.js';

const LIPSTICK = {
  title: 'Velvet lipstick',
  price: { amount: 12_900, currency: 'CNY' },
  originalPrice: { amount: 19_900, currency: 'CNY' },
  stock: 5,
};
const put = (id: string, extra: object = {}) => ({ product: id, config: { ...LIPSTICK, ...extra } });
const list = async (host: Host) => {
  const answer = await host.query('product.list', {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.result as {
    products: { id: string }[];
    pins: { productIds: string[] };
    windows: { product: string; pinnedAt: number; unpinnedAt: number | null }[];
  };
};

describe('products conformance', () => {
  scenario('every room has an empty pins record; products arrive live', async (host, t) => {
    const viewer = await host.join('alice');
    expect(t.log('empty', viewer.state)).toMatchObject({
      products: {},
      pins: { current: { productIds: [], since: {} } },
    });
    expect(Object.keys(viewer.state)).not.toContain('pin_windows');
    const created = await t.ok(host, 'product.put', put('lip'));
    expect(created.result['product']).toMatchObject({
      id: 'lip',
      stock: 5,
      createdAt: T0,
      updatedAt: T0,
      image: null,
    });
    await host.settle();
    expect(viewer.state['products']?.['lip']).toEqual(created.result['product']);
  });

  scenario('product.put, .patch and .stock, with their refusals', async (host, t) => {
    await t.refused(host, 'product.put', put('lip', { id: 'other' }), 'invalid_body', 'config.id');
    await t.refused(
      host,
      'product.put',
      put('lip', { image: 'javascript:alert(1)' }),
      'invalid_body',
      'config.image',
    );
    await t.refused(
      host,
      'product.put',
      put('lip', { originalPrice: { amount: 1, currency: 'CNY' } }),
      'invalid_body',
      'config.originalPrice.amount',
    );
    await t.refused(host, 'product.put', put('bad id'), 'invalid_body', 'product');
    await t.ok(host, 'product.put', put('lip'));
    await host.advance(1_000);
    const replaced = await t.ok(host, 'product.put', put('lip', { title: 'Matte lipstick' }));
    expect(replaced.result['product']).toMatchObject({ createdAt: T0, updatedAt: T0 + 1_000 });
    await t.ok(host, 'product.patch', { product: 'lip', soldOut: true, tags: ['Hot'] });
    await t.refused(
      host,
      'product.patch',
      { product: 'lip', price: { amount: 30_000, currency: 'CNY' } },
      'invalid_body',
      'originalPrice.amount',
    );
    await t.refused(host, 'product.patch', { product: 'lip', colour: 'red' }, 'invalid_body', 'colour');
    await t.refused(host, 'product.patch', { product: 'nope', soldOut: true }, 'unknown_product');
    const sold = await t.ok(host, 'product.stock', { product: 'lip', delta: -8 });
    expect(sold.result['product']).toMatchObject({ stock: 0, oversold: 3 });
    await t.refused(host, 'product.stock', { product: 'lip', delta: 'lots' }, 'invalid_body', 'delta');
    await t.ok(host, 'product.put', put('untracked', { stock: undefined }));
    await t.refused(host, 'product.stock', { product: 'untracked', delta: 1 }, 'stock_not_tracked', 'stock');
    const viewer = await host.join('alice');
    expect(t.log('lip', viewer.state['products']?.['lip'])).toMatchObject({
      title: 'Matte lipstick',
      soldOut: true,
      stock: 0,
      tags: ['Hot'],
    });
  });

  scenario('pins: at most 3, replaceOldest, re-pinning keeps the window, delete unpins', async (host, t) => {
    for (const id of ['a', 'b', 'c', 'd']) await t.ok(host, 'product.put', put(id));
    const viewer = await host.join('alice');
    for (const id of ['a', 'b', 'c']) {
      await t.ok(host, 'product.pin', { product: id });
      await host.advance(10);
    }
    await t.refused(host, 'product.pin', { product: 'd' }, 'too_many_pins');
    await t.refused(host, 'product.pin', { product: 'nope' }, 'unknown_product');
    const again = await t.ok(host, 'product.pin', { product: 'b' });
    expect((again.result['pins'] as { since: Record<string, number> }).since['b']).toBe(T0 + 10);
    await t.ok(host, 'product.pin', { product: 'd', replaceOldest: true });
    await t.ok(host, 'product.unpin', { product: 'c' });
    await t.ok(host, 'product.unpin', { product: 'c' });
    await t.refused(host, 'product.unpin', { product: 'nope' }, 'unknown_product');
    await t.ok(host, 'product.delete', { product: 'd' });
    await t.refused(host, 'product.delete', { product: 'd' }, 'unknown_product');
    await host.settle();
    expect(t.log('pins', viewer.state['pins']?.['current'])).toEqual({
      productIds: ['b'],
      since: { b: T0 + 10 },
    });
    expect(viewer.state['products']?.['d']).toBeUndefined();
    const { windows, products } = t.log('list', await list(host));
    expect(products.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(
      windows.map((w) => [w.product, w.pinnedAt - T0, w.unpinnedAt === null ? null : w.unpinnedAt - T0]),
    ).toEqual([
      ['a', 0, 30],
      ['b', 10, null],
      ['c', 20, 30],
      ['d', 30, 30],
    ]);
  });

  scenario('a flash sale ends by itself at its end', async (host, t) => {
    await t.ok(host, 'product.put', put('lip', { flashSale: { endsAt: T0 + 5_000 } }));
    const viewer = await host.join('alice');
    expect(viewer.state['products']?.['lip']).toMatchObject({ flashSale: { endsAt: T0 + 5_000 } });
    await host.advance(4_999);
    expect(viewer.state['products']?.['lip']).toMatchObject({ flashSale: { endsAt: T0 + 5_000 } });
    await host.advance(1);
    expect(t.log('ended', viewer.state['products']?.['lip'])).toMatchObject({
      flashSale: null,
      updatedAt: T0 + 5_000,
    });
  });

  scenario(
    'a restart keeps products, pins, windows and running flash sales',
    async (host, t) => {
      await t.ok(host, 'product.put', put('lip', { flashSale: { endsAt: T0 + 60_000 } }));
      await t.ok(host, 'product.pin', { product: 'lip' });
      const before = await list(host);
      await host.restart();
      expect(t.log('after', await list(host))).toEqual(before);
      const viewer = await host.join('alice');
      expect(viewer.state['pins']?.['current']).toMatchObject({ productIds: ['lip'] });
      await host.advance(60_000);
      expect(viewer.state['products']?.['lip']).toMatchObject({ flashSale: null });
    },
    { restarts: true },
  );
});
