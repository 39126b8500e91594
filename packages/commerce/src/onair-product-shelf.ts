import { OnairProductShelf } from './product-shelf/product-shelf.js';

// Brings the event map (`onair-add-to-cart` …) to every page that registers the element.
export type { CartAnswer, CartIntentDetail, ProductClickDetail } from './events.js';
// Declarations only: the React/Vue typings.
export type {} from './jsx.js';
export { OnairProductShelf };

OnairProductShelf.define('onair-product-shelf');

declare global {
  interface HTMLElementTagNameMap {
    'onair-product-shelf': OnairProductShelf;
  }
}
