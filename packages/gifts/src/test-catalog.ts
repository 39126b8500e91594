/** Catalogs shared by the gift tests and the gallery (not exported from the package). */
import type { CatalogInput } from './model/schema.js';

export const testCatalog: CatalogInput = {
  categories: [
    {
      id: 'hot',
      name: 'Hot',
      gifts: [
        { id: 'rose', name: 'Rose', price: 1, icon: 'rose' },
        { id: 'heart', name: 'Heart', price: 10, icon: 'heart', tag: 'new' },
        { id: 'rocket', name: 'Rocket', price: 5000, icon: 'rocket', tag: 'limited' },
      ],
    },
    {
      id: 'fun',
      name: 'Fun',
      gifts: [
        {
          id: 'box',
          name: 'Blind box',
          price: 100,
          icon: 'gift',
          tag: 'blind-box',
          odds: [
            { label: 'Rose', permille: 900 },
            { label: 'Crown', permille: 95 },
            { label: 'Castle', permille: 5 },
          ],
        },
        { id: 'cake', name: 'Cake', price: 50, icon: 'cake' },
      ],
    },
  ],
};

export const zhCatalog: CatalogInput = {
  currency: 'CNY',
  digits: 2,
  categories: [
    {
      id: 'hot',
      name: '热门',
      gifts: [
        { id: 'rose', name: '玫瑰', price: 10, icon: 'rose' },
        { id: 'crown', name: '皇冠', price: 52000, icon: 'crown', tag: 'limited' },
      ],
    },
  ],
};
