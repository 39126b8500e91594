import { OnairProductShelf } from './product-shelf/product-shelf.js';

export { OnairProductShelf };

OnairProductShelf.define('onair-product-shelf');

declare global {
  interface HTMLElementTagNameMap {
    'onair-product-shelf': OnairProductShelf;
  }
}
