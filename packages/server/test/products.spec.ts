import type { DeltaFrame, SnapshotFrame } from '@onair/core/protocol.js';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, fakeClock, startServer, tempDir } from './helpers.js';

afterEach(closeAll);

const lipstick = {
  title: 'Velvet lipstick #520',
  image: 'https://cdn.example.com/lipstick.jpg',
  tags: ['Long-lasting', 'Matte'],
  price: { amount: 12900, currency: 'CNY' },
  originalPrice: { amount: 19900, currency: 'CNY' },
  stock: 20,
};
const product = (n: number) => ({ ...lipstick, title: `Product ${n}` });

describe('products ops API', () => {
  it('creates a product and broadcasts it; a late joiner gets products and pins in the snapshot', async () => {
    const h = await startServer();
    const viewer = await h.connect('r1');
    const snapshot = viewer.frames.find((f) => f.t === 'snapshot') as SnapshotFrame;
    expect(snapshot.state.pins).toEqual({ current: { productIds: [], since: {} } });
    const put = await h.ops('PUT', '/v1/rooms/r1/products/lip-1', lipstick);
    expect(put.status).toBe(200);
    expect(put.body.product).toMatchObject({ id: 'lip-1', stock: 20, soldOut: false, variants: [] });
    const delta = await viewer.next<DeltaFrame>((f) => f.t === 'delta');
    expect(delta.changes).toEqual([{ coll: 'products', id: 'lip-1', value: put.body.product }]);

    expect((await h.ops('POST', '/v1/rooms/r1/products/lip-1/pin')).status).toBe(200);
    const late = await h.connect('r1');
    const lateSnapshot = late.frames.find((f) => f.t === 'snapshot') as SnapshotFrame;
    expect(lateSnapshot.state.products?.['lip-1']).toMatchObject({ title: 'Velvet lipstick #520' });
    expect(lateSnapshot.state.pins?.current).toMatchObject({ productIds: ['lip-1'] });
  });

  it('pins at most 3: the 4th is refused with 409 unless replaceOldest; deltas carry the window start', async () => {
    const clock = fakeClock();
    const h = await startServer({ clock });
    for (const n of [1, 2, 3, 4]) await h.ops('PUT', `/v1/rooms/r1/products/p${n}`, product(n));
    const viewer = await h.connect('r1');
    for (const n of [1, 2, 3]) {
      clock.advance(1000);
      expect((await h.ops('POST', `/v1/rooms/r1/products/p${n}/pin`)).status).toBe(200);
    }
    const refused = await h.ops('POST', '/v1/rooms/r1/products/p4/pin');
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'too_many_pins' } } });
    expect(refused.body.error.message).toContain('replaceOldest');
    clock.advance(1000);
    const replaced = await h.ops('POST', '/v1/rooms/r1/products/p4/pin', { replaceOldest: true });
    expect(replaced.body.pins.productIds).toEqual(['p2', 'p3', 'p4']);
    expect(replaced.body.pins.since.p4).toBe(clock.now());
    expect(replaced.body.pins.since.p1).toBeUndefined();
    // Pinning a pinned product keeps its window.
    const again = await h.ops('POST', '/v1/rooms/r1/products/p2/pin');
    expect(again.body.pins.since.p2).toBe(replaced.body.pins.since.p2);

    await expect
      .poll(() => {
        const deltas = viewer.frames.filter((f): f is DeltaFrame => f.t === 'delta');
        const last = deltas
          .flatMap((d) => d.changes)
          .filter((c) => c.coll === 'pins')
          .at(-1);
        return (last?.value as { productIds: string[] } | undefined)?.productIds;
      })
      .toEqual(['p2', 'p3', 'p4']);

    const unpinned = await h.ops('POST', '/v1/rooms/r1/products/p3/unpin');
    expect(unpinned.body.pins.productIds).toEqual(['p2', 'p4']);
    const list = await h.ops('GET', '/v1/rooms/r1/products');
    const windows = list.body.windows as { product: string; pinnedAt: number; unpinnedAt: number | null }[];
    expect(windows.find((w) => w.product === 'p1')?.unpinnedAt).toBe(replaced.body.pins.since.p4);
    expect(windows.find((w) => w.product === 'p3')?.unpinnedAt).toBe(clock.now());
    expect(windows.find((w) => w.product === 'p4')?.unpinnedAt).toBeNull();
  });

  it('shows host-reported stock decrements live and clamps an oversell at 0', async () => {
    const h = await startServer();
    await h.ops('PUT', '/v1/rooms/r1/products/lip-1', lipstick);
    const viewer = await h.connect('r1');
    const sold = await h.ops('POST', '/v1/rooms/r1/products/lip-1/stock', { delta: -3 });
    expect(sold.body.product).toMatchObject({ stock: 17, oversold: 0 });
    const delta = await viewer.next<DeltaFrame>(
      (f) => f.t === 'delta' && f.changes.some((c) => c.coll === 'products' && c.value?.stock === 17),
    );
    expect(delta.changes[0]?.value).not.toHaveProperty('oversold');
    const oversell = await h.ops('POST', '/v1/rooms/r1/products/lip-1/stock', { delta: -20 });
    expect(oversell.body.product).toMatchObject({ stock: 0, oversold: 3 });
    const patch = await h.ops('PATCH', '/v1/rooms/r1/products/lip-1', {
      price: { amount: 9900, currency: 'CNY' },
      soldOut: true,
    });
    expect(patch.body.product).toMatchObject({ price: { amount: 9900 }, soldOut: true, stock: 0 });
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const h = await startServer();
    const cases: [string, string, unknown, string, string][] = [
      ['PUT', 'lip-1', { ...lipstick, image: 'javascript:alert(1)' }, 'image', 'http(s)'],
      ['PUT', 'lip-1', { ...lipstick, href: 'data:text/html,x' }, 'href', 'http(s)'],
      [
        'PUT',
        'lip-1',
        { ...lipstick, price: { amount: -1, currency: 'CNY' } },
        'price.amount',
        'whole number',
      ],
      [
        'PUT',
        'lip-1',
        { ...lipstick, price: { amount: 1.5, currency: 'CNY' } },
        'price.amount',
        'whole number',
      ],
      [
        'PUT',
        'lip-1',
        { ...lipstick, price: { amount: 100, currency: 'yuan' } },
        'price.currency',
        'ISO 4217',
      ],
      [
        'PUT',
        'lip-1',
        { ...lipstick, originalPrice: { amount: 100, currency: 'CNY' } },
        'originalPrice.amount',
        'from 12900',
      ],
      [
        'PUT',
        'lip-1',
        { ...lipstick, originalPrice: { amount: 99900, currency: 'USD' } },
        'originalPrice.currency',
        'CNY',
      ],
      ['PUT', 'lip-1', { ...lipstick, title: '' }, 'title', '1–80'],
      ['PUT', 'lip-1', { ...lipstick, colour: 'red' }, 'colour', 'unknown field'],
      ['PUT', 'lip-1', { ...lipstick, id: 'other' }, 'id', 'URL'],
      ['PUT', 'lip-1', { ...lipstick, tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'tags', '0–5'],
    ];
    for (const [method, id, body, path, words] of cases) {
      const res = await h.ops(method, `/v1/rooms/r1/products/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_body', path });
      expect(res.body.error.message).toContain(path);
      expect(res.body.error.message).toContain(words);
    }
    expect((await h.ops('PUT', '/v1/rooms/r1/products/bad%20id', lipstick)).body.error).toMatchObject({
      code: 'invalid_product',
      path: 'product',
    });
    expect((await h.ops('PUT', '/v1/rooms/r1/products/lip-1', '{"title": ')).body.error.code).toBe(
      'bad_json',
    );
    expect((await h.ops('PATCH', '/v1/rooms/r1/products/nope', { soldOut: true })).status).toBe(404);
    expect((await h.ops('POST', '/v1/rooms/r1/products/nope/pin')).body.error.code).toBe('unknown_product');
    expect(h.server.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 0 });

    await h.ops('PUT', '/v1/rooms/r1/products/lip-1', lipstick);
    const stock = await h.ops('POST', '/v1/rooms/r1/products/lip-1/stock', { delta: 'lots' });
    expect(stock.body.error).toMatchObject({ code: 'invalid_body', path: 'delta' });
    const price = await h.ops('PATCH', '/v1/rooms/r1/products/lip-1', {
      price: { amount: -5, currency: 'CNY' },
    });
    expect(price.body.error).toMatchObject({ path: 'price.amount' });
    const above = await h.ops('PATCH', '/v1/rooms/r1/products/lip-1', {
      price: { amount: 99999, currency: 'CNY' },
    });
    expect(above.body.error).toMatchObject({ path: 'originalPrice.amount' });
    const pinBody = await h.ops('POST', '/v1/rooms/r1/products/lip-1/pin', { replace: true });
    expect(pinBody.body.error).toMatchObject({ path: 'replace' });
    await h.ops('PUT', '/v1/rooms/r1/products/untracked', { ...lipstick, stock: undefined });
    const untracked = await h.ops('POST', '/v1/rooms/r1/products/untracked/stock', { delta: -1 });
    expect(untracked).toMatchObject({ status: 409, body: { error: { code: 'stock_not_tracked' } } });
    const list = await h.ops('GET', '/v1/rooms/r1/products');
    expect(list.body.products.find((p: { id: string }) => p.id === 'lip-1')).toMatchObject({
      stock: 20,
      price: { amount: 12900 },
    });
  });

  it('401 without the ops token, and nothing changes', async () => {
    const h = await startServer();
    expect((await h.ops('PUT', '/v1/rooms/r1/products/lip-1', lipstick, null)).status).toBe(401);
    expect((await h.ops('PUT', '/v1/rooms/r1/products/lip-1', lipstick, 'wrong')).status).toBe(401);
    expect((await h.ops('GET', '/v1/rooms/r1/products', undefined, null)).status).toBe(401);
    expect(h.server.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual({ n: 0 });
  });

  it('deleting a pinned product unpins it; everything survives a restart', async () => {
    const tmp = tempDir();
    const db = `${tmp.dir}/onair.db`;
    try {
      const h = await startServer({ db });
      await h.ops('PUT', '/v1/rooms/r1/products/a', product(1));
      await h.ops('PUT', '/v1/rooms/r1/products/b', product(2));
      await h.ops('POST', '/v1/rooms/r1/products/a/pin');
      await h.ops('POST', '/v1/rooms/r1/products/b/pin');
      const viewer = await h.connect('r1');
      expect((await h.ops('DELETE', '/v1/rooms/r1/products/a')).body).toEqual({ deleted: 'a' });
      const delta = await viewer.next<DeltaFrame>((f) => f.t === 'delta');
      expect(delta.changes).toEqual(
        expect.arrayContaining([
          { coll: 'products', id: 'a', value: null },
          { coll: 'pins', id: 'current', value: expect.objectContaining({ productIds: ['b'] }) },
        ]),
      );
      await h.close();
      const again = await startServer({ db });
      const late = await again.connect('r1');
      const snapshot = late.frames.find((f) => f.t === 'snapshot') as SnapshotFrame;
      expect(Object.keys(snapshot.state.products ?? {})).toEqual(['b']);
      expect(snapshot.state.pins?.current).toMatchObject({ productIds: ['b'] });
    } finally {
      tmp.remove();
    }
  });

  it('answers CORS preflight for PUT and PATCH', async () => {
    const h = await startServer({ corsOrigins: ['http://127.0.0.1:5173'] });
    const res = await fetch(`${h.url}/v1/rooms/r1/products/lip-1`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:5173',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });
});
