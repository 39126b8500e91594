/** For tests: an in-page room with products (and pins), and its ops commands by name. */

import { productsFeature } from '../../packages/commerce/src/model/feature.js';
import type { PinsRecord } from '../../packages/commerce/src/model/product.js';
import type { ProductInput } from '../../packages/commerce/src/model/schema.js';
import { testRoom } from './local-room.js';

export function productRoom(
  products: readonly ProductInput[],
  pinned: readonly string[] = [],
  room?: string,
) {
  const memory = testRoom([productsFeature], room ? { room } : {});
  for (const config of products) memory.ops('product.put', { product: config.id, config });
  for (const product of pinned) memory.ops('product.pin', { product });
  return {
    memory,
    patch: (product: string, patch: object) => memory.ops('product.patch', { ...patch, product }),
    stock: (product: string, delta: number) => memory.ops('product.stock', { product, delta }),
    pin: (product: string) => memory.ops('product.pin', { product }),
    unpin: (product: string) => memory.ops('product.unpin', { product }),
    pins: () => memory.local.state()['pins']!['current'] as unknown as PinsRecord,
  };
}
