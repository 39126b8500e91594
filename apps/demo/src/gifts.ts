/**
 * Gifts in the demo room: ops load a catalog (through the server or the in-page room, the same
 * commands), and the host page answers the panel's top-up intent by granting coins.
 */
import type { CatalogInput } from '@onair/gifts/model.js';
import type { Ops } from './ops.js';

export const DEMO_CATALOG: CatalogInput = {
  categories: [
    {
      id: 'hot',
      name: 'Hot 热门',
      gifts: [
        { id: 'rose', name: 'Rose 玫瑰', price: 1, icon: 'rose' },
        { id: 'heart', name: 'Heart 比心', price: 10, icon: 'heart', tag: 'new' },
        { id: 'cake', name: 'Cake 蛋糕', price: 99, icon: 'cake' },
        { id: 'rocket', name: 'Rocket 火箭', price: 5000, icon: 'rocket', tag: 'limited' },
      ],
    },
    {
      id: 'fun',
      name: 'Fun 趣味',
      gifts: [
        {
          id: 'box',
          name: 'Blind box 盲盒',
          price: 100,
          icon: 'gift',
          tag: 'blind-box',
          odds: [
            { label: 'Rose 玫瑰', permille: 900 },
            { label: 'Crown 皇冠', permille: 95 },
            { label: 'Castle 城堡', permille: 5 },
          ],
        },
        { id: 'crown', name: 'Crown 皇冠', price: 520, icon: 'crown' },
      ],
    },
  ],
};

export interface GiftOps {
  loadCatalog(): Promise<void>;
  /** Credits the viewer (the demo's stand-in for a real top-up). */
  grant(viewer: string, amount: number): Promise<void>;
}

export function giftOps(ops: Ops): GiftOps {
  return {
    loadCatalog: async () => void (await ops.command('gift.catalog', { catalog: DEMO_CATALOG })),
    grant: async (viewer, amount) => void (await ops.command('gift.grant', { viewer, amount })),
  };
}

/** The host's side of the top-up intent: grant 1,000 coins, then let the panel re-read its balance. */
export function startHostTopup(
  panel: HTMLElementTagNameMap['onair-gift-panel'],
  gifts: GiftOps,
  viewer: () => string | undefined,
  report: (text: string) => void,
): void {
  panel.addEventListener('onair-topup-request', async () => {
    const id = viewer();
    if (!id) return;
    try {
      await gifts.grant(id, 1000);
      await panel.refreshBalance();
      report('Host topped up 1,000 coins');
    } catch (error) {
      report(`Top-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
