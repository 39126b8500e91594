export * from './events.js';
export * from './model/index.js';
export { OnairProductCard } from './product-card/product-card.js';
export {
  type CardSelector,
  type CardStore,
  type CardView,
  createCardStore,
} from './product-card/product-card-store.js';
export { OnairProductShelf } from './product-shelf/product-shelf.js';
export {
  createShelfStore,
  type ShelfRow,
  type ShelfStore,
  type ShelfView,
} from './product-shelf/product-shelf-store.js';
export { type ImpressionInfo, ProductImpressionController } from './shared/product-impressions.js';
