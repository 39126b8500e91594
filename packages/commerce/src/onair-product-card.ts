import { OnairProductCard } from './product-card/product-card.js';

// Brings the event map (`onair-add-to-cart` …) to every page that registers the element.
export type { CartAnswer, CartIntentDetail, ProductClickDetail } from './events.js';
// Declarations only: the React/Vue typings.
export type {} from './jsx.js';
export { OnairProductCard };

OnairProductCard.define('onair-product-card');

declare global {
  interface HTMLElementTagNameMap {
    'onair-product-card': OnairProductCard;
  }
}
