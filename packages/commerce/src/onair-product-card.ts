import { OnairProductCard } from './product-card/product-card.js';

export { OnairProductCard };

OnairProductCard.define('onair-product-card');

declare global {
  interface HTMLElementTagNameMap {
    'onair-product-card': OnairProductCard;
  }
}
